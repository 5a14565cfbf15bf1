// The store's texts, one table per feature folder (zh-CN is the source;
// English must have the same keys).
import { aftersalesMessages } from './aftersales/messages'
import { catalogMessages } from './catalog/messages'
import { meMessages } from './me/messages'
import { inboxMessages } from './messages/messages'
import { momentsMessages } from './moments/messages'
import { orderMessages } from './order/messages'
import { paymentMessages } from './payment/messages'
import { shareMessages } from './share/messages'
import { groupbuyMessages } from './groupbuy/messages'
import { vouchersMessages } from './vouchers/messages'
import { presaleMessages } from './presale/messages'

const tables = [catalogMessages, orderMessages, paymentMessages, shareMessages, aftersalesMessages, meMessages, inboxMessages, momentsMessages, groupbuyMessages, vouchersMessages, presaleMessages]

export const messages = {
  'zh-CN': Object.assign({}, ...tables.map((m) => m['zh-CN'])) as Messages,
  en: Object.assign({}, ...tables.map((m) => m.en)) as Messages,
}

type Messages = (typeof catalogMessages)['zh-CN'] &
  (typeof orderMessages)['zh-CN'] &
  (typeof paymentMessages)['zh-CN'] &
  (typeof shareMessages)['zh-CN'] &
  (typeof aftersalesMessages)['zh-CN'] &
  (typeof meMessages)['zh-CN'] &
  (typeof inboxMessages)['zh-CN'] &
  (typeof momentsMessages)['zh-CN'] &
  (typeof groupbuyMessages)['zh-CN'] &
  (typeof vouchersMessages)['zh-CN'] &
  (typeof presaleMessages)['zh-CN']
