// The couriers most Chinese shops ship with, offered when shipping (any
// other name can be typed). Proper names, shown to buyers as they are in
// every language.
export const kCarriers = [
  '顺丰速运',
  '中通快递',
  '圆通速递',
  '韵达快递',
  '申通快递',
  '极兔速递',
  '京东物流',
  'EMS',
  '邮政快递包裹',
  '德邦快递',
] as const
