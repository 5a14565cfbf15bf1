// The finance summary (资金): what buyers were charged and what the shop is owed.
const zhCN = {
  finance: {
    nav: '资金',
    title: '资金概况',
    period: '下单日期',
    from: '开始日期',
    to: '结束日期',
    all: '全部时间',
    thisMonth: '本月',
    lastMonth: '上月',
    apply: '查询',
    explain: '统计所选日期内下单的订单（北京时间）。已付款、已发货、已收货的订单金额为待结算；确认收货且过了售后期的订单为已结算。金额均已扣除退款。',
    pending: '待结算',
    settled: '已结算',
    refunded: '已退款',
    byStatus: '各状态订单',
    status: '状态',
    orders: '订单数',
    total: '订单金额',
    refundedCol: '已退款',
    net: '扣除退款',
    empty: '这段时间没有订单',
    forbidden: '你的角色看不到资金数据',
  },
}

const en: typeof zhCN = {
  finance: {
    nav: 'Money',
    title: 'Money summary',
    period: 'Order dates',
    from: 'From',
    to: 'To',
    all: 'All time',
    thisMonth: 'This month',
    lastMonth: 'Last month',
    apply: 'Show',
    explain: 'Orders placed on the chosen dates (Beijing time). Paid, shipped and received orders are pending settlement; an order settles once received and past the after-sales window. Amounts are net of refunds.',
    pending: 'Pending settlement',
    settled: 'Settled',
    refunded: 'Refunded',
    byStatus: 'Orders by status',
    status: 'Status',
    orders: 'Orders',
    total: 'Charged',
    refundedCol: 'Refunded',
    net: 'Net of refunds',
    empty: 'No orders on these dates',
    forbidden: 'Your role does not see money figures',
  },
}

export const finance = { 'zh-CN': zhCN, en }
