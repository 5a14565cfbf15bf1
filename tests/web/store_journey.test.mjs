// The customer's journeys in the micro-store on a phone (375×812), against
// the real engine with the demo shop:
// (b) opened from a product's share link: a spec, the cart, the coupon
//     NEWFRIEND (¥10 off from ¥69), an address, the sandbox payment: paid;
// (d, the customer's half) the shop ships (through the API), the customer
//     confirms receipt and asks for a no-reason return; the shop approves,
//     the customer sends the parcel back, the shop receives it (API): the
//     refund shows on the request and on the order;
// (browsing) a category's products, and a search;
// (f) an out-of-stock spec is disabled and says so; a declined payment says
//     so, keeps the order, and paying again works.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { deflateSync } from 'node:zlib'
import { openPage, startServer, yuan } from './harness.mjs'
import {
  addToCart,
  askNoReasonReturn,
  browseCategory,
  checkoutFromCart,
  chooseCoupon,
  confirmReceipt,
  failPayment,
  fillAddress,
  openShareLink,
  pasteAddress,
  paySandbox,
  pickSpec,
  placeOrder,
  screenshot,
  searchProducts,
  seeOrderInList,
  seeRefund,
  sendReturnBack,
  shareProduct,
} from './steps/store.mjs'

const kPhone = { width: 375, height: 812 }
const kPhoneOptions = { isMobile: true, hasTouch: true }
const kBuyer = {
  name: '李娜', phone: '13800138001', region: '湖南省', province: '湖南省', city: '长沙市', district: '岳麓区',
  address: '麓谷大道 8 号', postal_code: '', note: '工作日送',
}

// The demo's salted duck: two specs, 3只装 ¥39.00 and 6只装 ¥69.00.
async function saltedDuck(server) {
  const list = (await server.json(`/store/v1/demo/products?q=${encodeURIComponent('湘味咸鸭')}`)).body
  assert.equal(list.items.length, 1)
  return (await server.json(`/store/v1/demo/products/${list.items[0].id}`)).body
}

async function staff(server) {
  const login = await server.json('/admin/v1/auth/login', {
    method: 'POST',
    body: JSON.stringify({ shop: 'demo', login: 'owner@demo.shop', password: 'weishang-demo' }),
  })
  assert.equal(login.status, 200)
  const auth = { Authorization: `Bearer ${login.body.token}`, 'Content-Type': 'application/json' }
  const call = async (method, path, body) => {
    const r = await server.json(path, { method, headers: auth, body: body ? JSON.stringify(body) : undefined })
    assert.ok(r.status < 300, `${method} ${path}: ${JSON.stringify(r.body)}`)
    return r.body
  }
  call.auth = auth.Authorization
  return call
}

// A PNG of `width`×`height` in one colour with a lighter band, made here
// (no picture files in the repository).
function png(width, height, [r, g, b]) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (kind, data) => {
    const body = Buffer.concat([Buffer.from(kind), data])
    const out = Buffer.alloc(12 + data.length)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc(body), 8 + data.length)
    return out
  }
  const rows = []
  for (let y = 0; y < height; y++) {
    const light = y > height / 3 && y < (2 * height) / 3 ? 60 : 0
    rows.push(Buffer.from([0, ...Array.from({ length: width }, () => [r + light, g + light, b + light].map((v) => Math.min(255, v))).flat()]))
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// The merchant gives the product a main picture and four detail pictures,
// and a struck-through list price on one SKU (as the console would).
async function dressUp(server, shop, product, listPrices) {
  const colours = [[200, 80, 40], [180, 120, 60], [90, 140, 70], [70, 110, 170], [160, 90, 150]]
  const images = []
  for (const c of colours) {
    const r = await fetch(`${server.base}/admin/v1/images`, {
      method: 'POST',
      headers: { Authorization: shop.auth, 'Content-Type': 'image/png' },
      body: png(240, 240, c),
    })
    assert.ok(r.ok, `upload: ${r.status}`)
    images.push((await r.json()).id)
  }
  const p = await shop('GET', `/admin/v1/products/${product.id}`)
  await shop('PUT', `/admin/v1/products/${product.id}`, {
    title: p.title,
    subtitle: p.subtitle,
    description: p.description,
    ...(p.category_id ? { category_id: p.category_id } : {}),
    consumption_cycle_days: p.consumption_cycle_days,
    aftersales: p.aftersales,
    spec_options: p.spec_options,
    main_image_id: images[0],
    detail_image_ids: images.slice(1),
    skus: p.skus.map((s) => {
      const list = listPrices[s.spec_values[0]]
      return list ? { spec_values: s.spec_values, price: s.price, list_price: list } : { spec_values: s.spec_values, price: s.price }
    }),
  })
}

const cartToken = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('weishang.store.demo.cart')))

test('a customer buys from a share link with the coupon, pays, and returns it for a refund', async (t) => {
  const server = await startServer(t)
  const shop = await staff(server)
  await dressUp(server, shop, await saltedDuck(server), { '6只装': 7900 })
  const duck = await saltedDuck(server)
  const six = duck.skus.find((s) => s.spec_values[0] === '6只装')
  assert.equal(duck.detail_images.length, 4)
  const { page, problems } = await openPage(t, kPhone, kPhoneOptions)

  // (b) From the share link to a paid order.
  const link = await shareProduct(page, server.base, duck.id, 'store-b-01-share')
  const title = await openShareLink(page, link, 5, 'store-b-02-product')
  assert.equal(title, duck.title)
  await pickSpec(page, ['6只装'], six, 'store-b-03-spec')
  await addToCart(page, 'store-b-04-added')
  const cart = (await server.json(`/store/v1/demo/carts/${await cartToken(page)}`)).body
  assert.deepEqual(cart.lines, [{ sku_id: six.id, quantity: 1 }])
  await checkoutFromCart(page, cart, 'store-b-05-cart')
  await fillAddress(page, kBuyer, 'store-b-06-address')
  const quote = (await server.json('/store/v1/demo/quote', {
    method: 'POST',
    body: JSON.stringify({ cart_token: cart.cart_token, coupon_code: 'NEWFRIEND', region: kBuyer.region }),
  })).body
  assert.equal(quote.coupon_discount, 1000, 'NEWFRIEND: ¥10 off from ¥69')
  await chooseCoupon(page, 'NEWFRIEND', quote, 'store-b-07-coupon')
  const token = await placeOrder(page, quote.total, 'store-b-08-cashier')
  await paySandbox(page, quote.total, 'store-b-09-paid')
  const paid = (await server.json(`/store/v1/demo/orders/${token}`)).body
  assert.equal(paid.status, 'paid')
  assert.equal(paid.totals.total, quote.total)
  assert.equal(paid.totals.coupon_discount, 1000)
  assert.deepEqual(paid.buyer, kBuyer)
  await seeOrderInList(page, server.base, quote.total, '待发货', 'store-b-10-orders')

  // (d) The shop ships; the customer confirms receipt and returns it.
  const parcel = { carrier: '顺丰速运', tracking_no: 'SF1234567890' }
  await shop('POST', `/admin/v1/orders/${paid.id}/ship`, parcel)
  await confirmReceipt(page, server.base, token, parcel, 'store-d-01-received')
  const afsId = await askNoReasonReturn(page, '口味不合适', 'store-d-02-return')
  const asked = await shop('GET', `/admin/v1/aftersales/${afsId}`)
  assert.equal(asked.kind, 'no_reason_return')
  await shop('POST', `/admin/v1/aftersales/${afsId}/approve`)
  await sendReturnBack(page, { carrier: '中通快递', tracking_no: 'ZT7654321' }, 'store-d-03-sent-back')
  const received = await shop('POST', `/admin/v1/aftersales/${afsId}/receive`)
  assert.equal(received.status, 'refunded')
  await seeRefund(page, received.refund_amount, 'store-d-04-refunded')
  assert.equal((await server.json(`/store/v1/demo/orders/${token}`)).body.refunded_total, received.refund_amount)

  assert.deepEqual(problems.errors, [])
  assert.deepEqual(problems.failedResponses, [])
})

test('an out-of-stock spec is disabled, and a declined payment says so and can be paid again', async (t) => {
  const server = await startServer(t)
  const shop = await staff(server)
  const duck = await saltedDuck(server)
  const three = duck.skus.find((s) => s.spec_values[0] === '3只装')
  const six = duck.skus.find((s) => s.spec_values[0] === '6只装')
  await shop('PUT', `/admin/v1/skus/${three.id}/stock`, { stock: 0 })
  const { page, problems } = await openPage(t, kPhone, kPhoneOptions)

  await page.goto(`${server.base}/s/demo/products/${duck.id}`)
  await page.getByRole('button', { name: '选择规格' }).click()
  const sheet = page.getByRole('dialog', { name: '选择规格' })
  const soldOut = sheet.getByRole('button', { name: '3只装' })
  // The storefront's cache may show the old stock for up to a second.
  await assert.doesNotReject(soldOut.and(page.locator('[data-state=sold_out]')).waitFor({ timeout: 5000 }))
  assert.equal(await soldOut.isDisabled(), true)
  await soldOut.getByText('缺货').waitFor()
  await screenshot(page, 'store-f-01-sold-out-spec')
  await sheet.getByRole('button', { name: '6只装', exact: true }).click()
  await sheet.locator('[data-test=sku-stock]').getByText(`库存 ${six.stock} 件`).waitFor()
  await sheet.getByRole('button', { name: '立即购买' }).click()
  await page.waitForURL(/\/checkout\?sku=/)
  await fillAddress(page, kBuyer, 'store-f-02-address')
  await page.locator('[data-test=quote-total]').waitFor()
  const quote = (await server.json('/store/v1/demo/quote', {
    method: 'POST',
    body: JSON.stringify({ lines: [{ sku_id: six.id, quantity: 1 }], region: kBuyer.region }),
  })).body
  await page.locator('[data-test=checkout-total]').getByText(yuan(quote.total)).waitFor()
  const token = await placeOrder(page, quote.total, 'store-f-03-cashier')

  const message = await failPayment(page, 'store-f-04-payment-failed')
  assert.match(message, /declined/)
  assert.equal((await server.json(`/store/v1/demo/orders/${token}`)).body.status, 'pending_payment')
  await paySandbox(page, quote.total, 'store-f-05-paid-again')
  assert.equal((await server.json(`/store/v1/demo/orders/${token}`)).body.status, 'paid')

  assert.deepEqual(problems.errors, [])
  // The declined payment is the one refused answer.
  assert.equal(problems.failedResponses.length, 1, problems.failedResponses.join())
  assert.match(problems.failedResponses[0], /^409 \/sandbox\/v1\/demo\/payments\/pay_[0-9a-z]+\/complete$/)
})

test('a buyer browses a category and searches the shop', async (t) => {
  const server = await startServer(t)
  const { page, problems } = await openPage(t, kPhone, kPhoneOptions)
  const categories = (await server.json('/store/v1/demo/categories')).body.items
  const snacks = categories.find((c) => c.name === '零食 Snacks')
  const inSnacks = (await server.json(`/store/v1/demo/products?category=${snacks.id}`)).body.items
  assert.ok(inSnacks.length >= 2)
  await browseCategory(page, server.base, snacks, inSnacks, 'store-browse-01-category')

  const found = await searchProducts(page, server.base, '鸭', 'store-browse-02-search')
  const expected = (await server.json(`/store/v1/demo/products?q=${encodeURIComponent('鸭')}`)).body.items
  assert.deepEqual(found, expected.map((p) => p.title))
  assert.ok(found.length >= 2)
  assert.deepEqual(await searchProducts(page, server.base, '没有这种商品', 'store-browse-03-nothing'), [])

  assert.deepEqual(problems.errors, [])
  assert.deepEqual(problems.failedResponses, [])
})

test('a pasted address fills the checkout form and marks what to check', async (t) => {
  const server = await startServer(t)
  const duck = await saltedDuck(server)
  const three = duck.skus.find((s) => s.spec_values[0] === '3只装')
  const { page, problems } = await openPage(t, kPhone, kPhoneOptions)
  await page.goto(`${server.base}/s/demo/checkout?sku=${three.id}&qty=1`)
  await page.locator('[data-test=quote-total]').waitFor()

  // No province or city written: the engine infers them and says so.
  const marked = await pasteAddress(page, '太阳 13111111111 盐田区山海四季城F栋17A 518083', 'store-g-01-pasted')
  assert.deepEqual(marked, ['所在地区'])
  assert.equal(await page.getByLabel('收货人').inputValue(), '太阳')
  assert.equal(await page.getByLabel('手机号').inputValue(), '13111111111')
  assert.equal(await page.getByLabel('所在地区').inputValue(), '广东省 / 深圳市 / 盐田区')
  assert.equal(await page.getByLabel('详细地址').inputValue(), '山海四季城F栋17A')
  assert.equal(await page.getByLabel('邮编').inputValue(), '518083')
  await page.getByText('请核对').first().waitFor()

  // The buyer confirms the region by picking it: the mark goes; the order keeps the parts.
  await page.getByLabel('所在地区').click()
  await page.locator('.van-cascader__option').getByText('盐田区', { exact: true }).click()
  await page.locator('.to-check').waitFor({ state: 'detached' })
  await page.locator('[data-test=checkout-total]').waitFor()
  await page.getByRole('button', { name: '提交订单' }).click()
  await page.waitForURL(/\/orders\/[^/]+\/pay/)
  const token = decodeURIComponent(page.url().split('/orders/')[1].split('/pay')[0])
  const order = (await server.json(`/store/v1/demo/orders/${token}`)).body
  assert.deepEqual(
    [order.buyer.region, order.buyer.province, order.buyer.city, order.buyer.district, order.buyer.address, order.buyer.postal_code],
    ['广东省', '广东省', '深圳市', '盐田区', '山海四季城F栋17A', '518083'],
  )

  // An empty paste is refused with the engine's message; nothing is changed.
  await page.goto(`${server.base}/s/demo/checkout?sku=${three.id}&qty=1`)
  await page.locator('[data-test=address-paste] textarea').fill('，，，')
  await page.locator('[data-test=address-parse]').click()
  await page.getByText('there is no address in the text').waitFor()
  assert.deepEqual(problems.errors, [])
})
