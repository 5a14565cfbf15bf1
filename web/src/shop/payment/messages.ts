// The cashier's texts.
const zhCN = {
  pay: {
    title: '收银台',
    amount: '需支付',
    timeLeft: '剩余支付时间',
    sandbox: '沙箱支付（模拟微信支付）',
    sandboxNote: '这是演示和测试用的沙箱收银台，代替微信支付，不会真实扣款。',
    confirm: '确认支付 {amount}',
    decline: '模拟支付失败',
    cancel: '取消支付',
    paid: '支付成功',
    failed: '支付失败',
    cancelled: '支付已取消',
    orderKept: '订单已为你保留，可在付款期限内重新支付。',
    retry: '重新支付',
    continue: '继续支付',
    viewOrder: '查看订单',
  },
}

const en: typeof zhCN = {
  pay: {
    title: 'Checkout',
    amount: 'To pay',
    timeLeft: 'Time left to pay',
    sandbox: 'Sandbox payment (stands in for WeChat Pay)',
    sandboxNote: 'A sandbox cashier for demos and tests, in place of WeChat Pay: no money moves.',
    confirm: 'Pay {amount}',
    decline: 'Play a failed payment',
    cancel: 'Cancel payment',
    paid: 'Paid',
    failed: 'Payment failed',
    cancelled: 'Payment cancelled',
    orderKept: 'Your order is kept: you can pay again before its deadline.',
    retry: 'Pay again',
    continue: 'Continue to pay',
    viewOrder: 'View order',
  },
}

export const paymentMessages = { 'zh-CN': zhCN, en }
