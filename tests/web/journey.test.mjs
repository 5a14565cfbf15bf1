// The whole story on one new shop, one product and one order, composed from
// the steps of tests/web/steps/ (issue 10, item 6):
// (a) on a desktop (1440×900) a new owner signs up a shop, creates a product
//     with two spec options and a picture, puts it on sale and on the home
//     page, and creates a coupon that the product's price meets;
// (b) a customer on a phone (375×812, a browser of their own) opens the
//     product from its share link, picks a spec, adds it to the cart,
//     chooses the coupon, checks out with an address and pays in the sandbox;
// (c) the owner ships it in the console;
// (d) the customer confirms receipt and asks for a no-reason return, the
//     owner approves, the customer sends the parcel back, the owner receives
//     it: the refund shows on the phone and in the console (order, finance);
// (e) the dashboard counts the order in today's figures.
// (The wrong password, the out-of-stock spec and the declined payment are
// the other tests' business.)
//
// With WEISHANG_README_SHOTS=<dir>, it also saves the README's two pictures
// there: store.png (the product page on the phone) and console.png (the
// dashboard with the order).
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { test } from 'node:test'
import { openPage, startServer, useOutputSubfolder, yuan } from './harness.mjs'
import { createCoupon, createProduct, featureOnHome, makePng, publishProduct, signUpShop } from './steps/catalog.mjs'
import {
  approveAndReceiveReturn,
  readDashboard,
  readFinance,
  readOrderMoney,
  shipOrderInConsole,
} from './steps/operations.mjs'
import {
  addToCart,
  askNoReasonReturn,
  checkoutFromCart,
  chooseCoupon,
  confirmReceipt,
  fillAddress,
  openShareLink,
  paySandbox,
  pickSpec,
  placeOrder,
  seeRefund,
  sendReturnBack,
  shareProduct,
} from './steps/store.mjs'

useOutputSubfolder('journey')

const kDesktop = { width: 1440, height: 900 }
const kPhone = { width: 375, height: 812 }
const kPhoneOptions = { isMobile: true, hasTouch: true }
const kShop = { name: '湘江小馆', slug: 'xiangjiang', login: 'owner@xiangjiang.shop', owner: '周老板', password: 'river duck lantern' }
const kBuyer = {
  name: '王芳', phone: '13900139002', region: '湖南省', province: '湖南省', city: '长沙市', district: '天心区',
  address: '坡子街 12 号', postal_code: '', note: '放门卫',
}
const kParcel = { carrier: '顺丰速运', tracking_no: 'SF2026120700001' }
const kReturnParcel = { carrier: '中通快递', tracking_no: 'ZT2026120700002' }

// The README's pictures: what is on screen (not the whole scrolled page).
async function readmeShot(page, name) {
  const dir = process.env.WEISHANG_README_SHOTS
  if (!dir) return
  mkdirSync(resolve(dir), { recursive: true })
  await page.screenshot({ path: join(resolve(dir), name), animations: 'disabled' })
}

test('a new shop sells one product to a customer from its share link, ships it, takes it back and refunds it', async (t) => {
  const started = Date.now()
  const server = await startServer(t)
  const { page: owner, problems: ownerProblems } = await openPage(t, kDesktop)

  // (a) The owner opens the shop and lists the product.
  const shop = await signUpShop(owner, server.base, kShop)
  const before = await readDashboard(owner, server.base)
  assert.deepEqual(before.today, { orders: 0, paid: 0, refunded: 0, revenue: 0 }, 'a new shop has sold nothing')
  const product = await createProduct(owner, server.base, {
    title: '香辣鸭翅',
    subtitle: '老卤慢炖，真空独立包装',
    picture: makePng(480, 480, [196, 74, 42]),
    specs: [
      { name: '规格', values: ['4只装', '8只装'] },
      { name: '口味', values: ['微辣', '特辣'] },
    ],
    skus: {
      '规格: 4只装; 口味: 微辣': { price: '22.80', stock: '60' },
      '规格: 4只装; 口味: 特辣': { price: '22.80', stock: '60' },
      '规格: 8只装; 口味: 微辣': { price: '42.50', stock: '30', listPrice: '49.90' },
      '规格: 8只装; 口味: 特辣': { price: '42.50', stock: '30' },
    },
  })
  assert.match(product.id, /^prd_[0-9a-z]+$/)
  await publishProduct(owner)
  assert.deepEqual(await featureOnHome(owner, server.base, '香辣鸭翅'), ['香辣鸭翅'])
  const coupon = await createCoupon(owner, server.base, { code: 'WING6', name: '鸭翅立减 6 元', amount: '6', minSpend: '40' })
  assert.match(await coupon.row.textContent(), /立减 ¥6\.00.*满 ¥40\.00 可用/)

  // What the store now says, from its own API: on sale, on the home page.
  const detail = (await server.json(`/store/v1/${shop.slug}/products/${product.id}`)).body
  assert.equal(detail.title, '香辣鸭翅')
  assert.equal(detail.skus.length, 4)
  const home = (await server.json(`/store/v1/${shop.slug}/home`)).body
  assert.deepEqual(home.featured.map((p) => [p.id, p.min_price, p.max_price]), [[product.id, 2280, 4250]])
  const sku = detail.skus.find((s) => s.spec_text === '规格: 8只装; 口味: 微辣')
  assert.deepEqual([sku.price, sku.list_price, sku.stock], [4250, 4990, 30])

  // (b) The link the owner shares, opened by a customer on their phone.
  const link = await shareProduct(owner, server.base, product.id, 'a-08-share', shop.slug)
  const { page: phone, problems: phoneProblems } = await openPage(t, kPhone, kPhoneOptions)
  assert.equal(await openShareLink(phone, link, 1, 'b-01-product-from-link'), '香辣鸭翅')
  await readmeShot(phone, 'store.png')
  await pickSpec(phone, ['8只装', '微辣'], sku, 'b-02-spec')
  await addToCart(phone, 'b-03-added')
  const cartToken = await phone.evaluate((s) => JSON.parse(localStorage.getItem(`weishang.store.${s}.cart`)), shop.slug)
  const cart = (await server.json(`/store/v1/${shop.slug}/carts/${cartToken}`)).body
  assert.deepEqual(cart.lines, [{ sku_id: sku.id, quantity: 1 }])
  await checkoutFromCart(phone, cart, 'b-04-cart')
  await fillAddress(phone, kBuyer, 'b-05-address')
  const quote = (await server.json(`/store/v1/${shop.slug}/quote`, {
    method: 'POST',
    body: JSON.stringify({ cart_token: cart.cart_token, coupon_code: 'WING6', region: kBuyer.region }),
  })).body
  assert.equal(quote.merchandise_total, 4250)
  assert.equal(quote.coupon_discount, 600, 'WING6: ¥6 off the ¥42.50 wings')
  assert.equal(quote.total, 4250 - 600 + quote.postage)
  await chooseCoupon(phone, 'WING6', quote, 'b-06-coupon')
  const token = await placeOrder(phone, quote.total, 'b-07-cashier')
  await paySandbox(phone, quote.total, 'b-08-paid')
  const paid = (await server.json(`/store/v1/${shop.slug}/orders/${token}`)).body
  assert.equal(paid.status, 'paid')
  assert.match(paid.id, /^ord_[0-9a-z]+$/)
  assert.equal(paid.totals.total, quote.total)
  assert.equal(paid.totals.coupon_discount, 600)
  assert.deepEqual(paid.buyer, kBuyer)

  // (c) The owner ships it; the customer's order says so.
  await shipOrderInConsole(owner, server.base, { orderId: paid.id, carrier: kParcel.carrier, trackingNo: kParcel.tracking_no, shot: 'c-01-shipped' })
  const shipped = (await server.json(`/store/v1/${shop.slug}/orders/${token}`)).body
  assert.equal(shipped.status, 'shipped')
  assert.deepEqual([shipped.shipment.carrier, shipped.shipment.tracking_no], [kParcel.carrier, kParcel.tracking_no])

  // (d) Received, returned without a reason, sent back, received, refunded.
  await confirmReceipt(phone, server.base, token, kParcel, 'd-01-received', shop.slug)
  const afsId = await askNoReasonReturn(phone, '口味不合适', 'd-02-return-asked')
  assert.match(afsId, /^afs_[0-9a-z]+$/)
  const { refund, orderRefunded } = await approveAndReceiveReturn(owner, server.base, {
    aftersalesId: afsId,
    shot: 'd-03-return',
    afterApprove: () => sendReturnBack(phone, kReturnParcel, 'd-04-sent-back'),
  })
  const returned = (await server.json(`/store/v1/${shop.slug}/orders/${token}`)).body
  const request = returned.aftersales.find((a) => a.id === afsId)
  assert.equal(request.kind, 'no_reason_return')
  assert.equal(request.status, 'refunded')
  // The goods come back, all they cost after the coupon; the postage, on a
  // return without a reason, is the buyer's.
  assert.equal(refund, quote.merchandise_total - quote.coupon_discount, 'the goods, less the coupon')
  assert.equal(orderRefunded, refund)
  assert.equal(returned.refunded_total, refund)
  await seeRefund(phone, refund, 'd-05-refunded')
  const money = await readOrderMoney(owner, server.base, { orderId: paid.id, shot: 'd-06-order-money' })
  assert.deepEqual(money, { total: quote.total, refunded: -refund, net: quote.total - refund })
  const finance = await readFinance(owner, server.base, { shot: 'd-07-finance' })
  assert.equal(finance.refunded, refund, "the new shop's only refund")

  // (e) Today's dashboard counts the order, paid and refunded.
  const after = await readDashboard(owner, server.base, { shot: 'e-01-dashboard' })
  assert.deepEqual(after.today, { orders: 1, paid: quote.total, refunded: refund, revenue: quote.total - refund })
  assert.equal(after.period.orders, 1)
  assert.equal(after.toShip, 0)
  await owner.locator('[data-test=today] [data-test=paid]').getByText(yuan(quote.total)).waitFor()
  await readmeShot(owner, 'console.png')

  assert.deepEqual(ownerProblems.errors, [])
  assert.deepEqual(ownerProblems.failedResponses, [])
  assert.deepEqual(phoneProblems.errors, [])
  assert.deepEqual(phoneProblems.failedResponses, [])
  t.diagnostic(`journey: ${((Date.now() - started) / 1000).toFixed(1)} s`)
})
