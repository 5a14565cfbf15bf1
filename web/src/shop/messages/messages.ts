// The texts of the store message centre (消息).
const zhCN = {
  inbox: {
    title: '消息',
    entry: '消息中心',
    empty: '暂无消息',
    more: '加载更多',
    promotional: '活动',
    service: '通知',
    product: '查看商品',
    receive: '接收优惠活动消息',
    receiveHint: '关闭后，店铺不会再向你发送营销消息；订单等服务通知不受影响',
    off: '已关闭营销消息',
    on: '已开启营销消息',
  },
}

const en: typeof zhCN = {
  inbox: {
    title: 'Messages',
    entry: 'Messages',
    empty: 'No messages yet',
    more: 'More',
    promotional: 'Offer',
    service: 'Notice',
    product: 'See the product',
    receive: 'Receive offers',
    receiveHint: 'Off: the shop sends you no more promotions; service notices (orders) still come',
    off: 'Offers turned off',
    on: 'Offers turned on',
  },
}

export const inboxMessages = { 'zh-CN': zhCN, en }
