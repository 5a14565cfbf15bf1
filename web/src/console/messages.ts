import { aftersales } from './aftersales/messages'
import { common } from './common/messages'
import { crmOps } from './crm/messages'
import { crm } from './customers/messages'
import { reminders } from './reminders/messages'
import { momentsConsole } from './moments/messages'
import { channelsConsole } from './channels/messages'
import { growthConsole } from './growth/messages'
import { growthReportConsole } from './growth/reportMessages'
import { dashboard } from './dashboard/messages'
import { finance } from './finance/messages'
import { orders } from './orders/messages'
import { outreach } from './outreach/messages'
import { sandbox } from './payments/messages'
import { privacy } from './privacy/messages'
import { settings } from './settings/messages'
import { staff } from './staff/messages'
import { catalogMessages } from './catalog/catalog.messages'
import { signupMessages } from './identity/signup.messages'
import { promotionMessages } from './promotions/promotions.messages'
import { groupbuyConsole } from './groupbuy/messages'
import { vouchersConsole } from './vouchers/messages'
import { presaleConsole } from './presale/messages'

const zhCN = {
  ...catalogMessages['zh-CN'],
  ...promotionMessages['zh-CN'],
  signup: signupMessages['zh-CN'],
  app: { name: '微商控制台' },
  nav: { dashboard: '概览', menu: '菜单' },
  login: {
    title: '登录控制台',
    shop: '店铺',
    shopHint: '店铺链接里的名字，如 demo',
    login: '账号',
    password: '密码',
    submit: '登录',
    required: '请填写{field}',
  },
  me: { signOut: '退出登录', roles: { owner: '店主', admin: '管理员', staff: '员工', finance: '财务' } },
}

const en: typeof zhCN = {
  ...catalogMessages.en,
  ...promotionMessages.en,
  signup: signupMessages.en,
  app: { name: 'Weishang console' },
  nav: { dashboard: 'Overview', menu: 'Menu' },
  login: {
    title: 'Sign in to the console',
    shop: 'Shop',
    shopHint: 'the name in the shop’s link, e.g. demo',
    login: 'Login',
    password: 'Password',
    submit: 'Sign in',
    required: 'Please enter the {field}',
  },
  me: {
    signOut: 'Sign out',
    roles: { owner: 'Owner', admin: 'Admin', staff: 'Staff', finance: 'Finance' },
  },
}

// Each feature keeps its texts in its own folder: one line each here.
const features = [common, dashboard, orders, aftersales, finance, sandbox, staff, settings, crm, crmOps, privacy, reminders, outreach, momentsConsole, channelsConsole, growthConsole, growthReportConsole, groupbuyConsole, vouchersConsole, presaleConsole]

export const messages = {
  'zh-CN': Object.assign({}, zhCN, ...features.map((f) => f['zh-CN'])) as typeof zhCN,
  en: Object.assign({}, en, ...features.map((f) => f.en)) as typeof zhCN,
}
