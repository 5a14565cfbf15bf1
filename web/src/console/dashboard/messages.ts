// The dashboard (概况): today and the last 30 days, and what waits for the shop.
const zhCN = {
  dashboard: {
    hello: '你好，{name}',
    today: '今日（{date}）',
    period: '近 30 天（{from} 至今）',
    orders: '支付订单',
    paid: '支付金额',
    refunded: '退款金额',
    revenue: '净收入',
    revenueHint: '支付金额减去退款金额，按钱到账或退回的那一天计算',
    toShip: '待发货订单',
    toHandle: '待处理售后',
    toHandleDetail: '待审核 {requested} · 退货中 {returning} · 待换货 {received}',
    chart: '近 30 天每日支付订单与净收入',
    chartOrders: '支付订单',
    chartRevenue: '净收入',
    timeZone: '按北京时间（UTC+8）计算日期',
    noMoneyRole: '你的角色看不到金额，只显示订单数',
    open: '去处理',
  },
}

const en: typeof zhCN = {
  dashboard: {
    hello: 'Hello, {name}',
    today: 'Today ({date})',
    period: 'Last 30 days ({from} to today)',
    orders: 'Paid orders',
    paid: 'Paid in',
    refunded: 'Refunded',
    revenue: 'Net takings',
    revenueHint: 'Paid in minus refunded, counted on the day the money arrived or went back',
    toShip: 'Orders to ship',
    toHandle: 'After-sales to handle',
    toHandleDetail: 'to decide {requested} · coming back {returning} · to exchange {received}',
    chart: 'Paid orders and net takings per day, last 30 days',
    chartOrders: 'Paid orders',
    chartRevenue: 'Net takings',
    timeZone: 'Days are Beijing days (UTC+8)',
    noMoneyRole: 'Your role does not see money; orders are counted',
    open: 'Open',
  },
}

export const dashboard = { 'zh-CN': zhCN, en }
