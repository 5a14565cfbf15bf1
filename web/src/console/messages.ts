import { catalogMessages } from './catalog/catalog.messages'
import { signupMessages } from './identity/signup.messages'
import { promotionMessages } from './promotions/promotions.messages'

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
  dashboard: {
    hello: '你好，{name}',
    money: '资金',
    pending: '待结算',
    settled: '已结算',
    refunded: '已退款',
    byStatus: '各状态订单数',
    noOrders: '还没有订单',
    noMoneyRole: '你的角色看不到资金数据',
    status: {
      pending_payment: '待付款',
      paid: '已付款',
      shipped: '已发货',
      received: '已收货',
      completed: '已完成',
      cancelled: '已取消',
    },
  },
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
  dashboard: {
    hello: 'Hello, {name}',
    money: 'Money',
    pending: 'Pending settlement',
    settled: 'Settled',
    refunded: 'Refunded',
    byStatus: 'Orders by status',
    noOrders: 'No orders yet',
    noMoneyRole: 'Your role does not see money figures',
    status: {
      pending_payment: 'Awaiting payment',
      paid: 'Paid',
      shipped: 'Shipped',
      received: 'Received',
      completed: 'Completed',
      cancelled: 'Cancelled',
    },
  },
}

export const messages = { 'zh-CN': zhCN, en }
