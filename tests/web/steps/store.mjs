// The customer's steps in the micro-store, each a person's action on a phone
// page, asserting what they see and saving a screenshot. A journey composes
// them (tests/web/store_journey.test.mjs; with the console's steps, the
// whole (a)→(e) story in tests/web/journey.test.mjs). Each takes the page
// and what it needs, and returns what the next step needs; those that open
// an address of their own take the shop's link name last (default: demo).
//
//   const link = await shareProduct(page, server.base, productId)
//   await openShareLink(page, link)
//   await pickSpec(page, ['6只装'])
//   ...
import assert from 'node:assert/strict'
import { screenshot as save, yuan } from '../harness.mjs'

// A screenshot once the page's transitions (a sheet sliding up, a toast
// fading) have finished, so it shows what the person sees.
export async function screenshot(page, name) {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))))
  await save(page, name)
}

// The product page's share sheet: the link it gives (the link a promoter
// pastes into a chat) and the poster drawn with the engine's QR code.
// Returns the link. `shop`: the shop's link name (its /s/{shop}/).
export async function shareProduct(page, base, productId, shot = 'store-share', shop = 'demo') {
  await page.goto(`${base}/s/${shop}/products/${productId}`)
  await page.getByRole('heading', { level: 1 }).waitFor()
  await page.getByRole('button', { name: '分享' }).click()
  const sheet = page.getByRole('dialog', { name: '分享商品' })
  const link = await sheet.getByLabel('商品链接').inputValue()
  assert.equal(link, `${base}/s/${shop}/products/${productId}`, 'the share link opens the product')
  const poster = sheet.locator('[data-test=poster]')
  await poster.waitFor()
  // The poster is a PNG the browser drew (the product, its price, the QR code).
  const size = await poster.evaluate((img) => [img.naturalWidth, img.naturalHeight, img.src.slice(0, 5)])
  assert.deepEqual(size, [750, 1180, 'blob:'])
  await screenshot(page, shot)
  return link
}

// A customer opens a shared product link. Returns the product's title.
// `pictures`: how many pictures (main and detail) the gallery should show.
export async function openShareLink(page, link, pictures = 0, shot = 'store-product-from-link') {
  await page.goto(link)
  const title = page.getByRole('heading', { level: 1 })
  await title.waitFor()
  await page.locator('[data-test=point]').waitFor()
  const gallery = page.getByRole('region', { name: '商品图片' }).locator('img')
  assert.equal(await gallery.count(), pictures, 'the main picture and the detail pictures')
  if (pictures > 0) await gallery.first().evaluate((img) => img.decode())
  await screenshot(page, shot)
  return title.textContent()
}

// Opens the spec sheet and picks one value per spec option; checks the
// sheet shows the SKU's price and stock as the engine gave them (`sku`,
// from GET /store/v1/{shop}/products/{id}). Returns the sheet.
export async function pickSpec(page, values, sku, shot = 'store-spec-picked') {
  await page.getByRole('button', { name: '选择规格' }).click()
  const sheet = page.getByRole('dialog', { name: '选择规格' })
  await sheet.waitFor()
  for (const v of values) {
    const chip = sheet.getByRole('button', { name: v, exact: true })
    if ((await chip.getAttribute('aria-pressed')) !== 'true') await chip.click()
    assert.equal(await chip.getAttribute('aria-pressed'), 'true', `${v} is picked`)
  }
  await sheet.locator('[data-test=sku-price]').getByText(yuan(sku.price), { exact: true }).waitFor()
  if (sku.list_price !== null && sku.list_price > sku.price) {
    await sheet.locator('[data-test=sku-list-price]').getByText(yuan(sku.list_price), { exact: true }).waitFor()
  }
  await sheet.locator('[data-test=sku-stock]').getByText(`库存 ${sku.stock} 件`).waitFor()
  await screenshot(page, shot)
  return sheet
}

// In the open spec sheet: adds the picked SKU to the cart.
export async function addToCart(page, shot = 'store-added-to-cart') {
  const sheet = page.getByRole('dialog', { name: '选择规格' })
  await sheet.getByRole('button', { name: '加入购物车' }).click()
  await page.getByText('已加入购物车').waitFor()
  await sheet.waitFor({ state: 'hidden' })
  await screenshot(page, shot)
}

// Opens the cart from the product page and checks its lines and total (the
// engine's cart quote, `cart`); goes on to checkout.
export async function checkoutFromCart(page, cart, shot = 'store-cart') {
  // The cart icon (its name carries the count of items: "1 购物车").
  await page.getByRole('button', { name: /(^|\s)购物车$/ }).click()
  await page.waitForURL(/\/s\/[^/]+\/cart$/)
  const lines = page.locator('[data-test=cart-line]')
  await lines.first().waitFor()
  assert.equal(await lines.count(), cart.lines.length)
  await page.locator('[data-test=cart-total]').getByText(yuan(cart.quote.total), { exact: true }).waitFor()
  await screenshot(page, shot)
  await page.getByRole('button', { name: '去结算' }).click()
  await page.waitForURL(/\/s\/[^/]+\/checkout\?from=cart$/)
  await page.locator('[data-test=quote-total]').waitFor()
}

// Fills the delivery address; a wrong phone number is refused first.
export async function fillAddress(page, buyer, shot = 'store-address') {
  await page.getByLabel('收货人').fill(buyer.name)
  await page.getByLabel('手机号').fill('1380013')
  await page.getByRole('button', { name: '提交订单' }).click()
  await page.getByText('请填写 11 位手机号').waitFor()
  await page.getByLabel('手机号').fill(buyer.phone)
  await pickRegion(page, buyer)
  await page.getByLabel('详细地址').fill(buyer.address)
  await page.getByLabel('备注').fill(buyer.note ?? '')
  await screenshot(page, shot)
}

// Picks province, city and district in the region cascader (names as the
// engine's division tree has them); checks the field then shows them.
export async function pickRegion(page, { province, city, district }) {
  await page.getByLabel('所在地区').click()
  for (const name of [province, city, district]) {
    await page.locator('.van-cascader__option').getByText(name, { exact: true }).click()
  }
  await page.locator('.van-cascader').waitFor({ state: 'hidden' })
  assert.equal(await page.getByLabel('所在地区').inputValue(), [province, city, district].join(' / '))
}

// Pastes a whole address into the paste box and lets the engine fill the
// form; returns the fields the form marks for the buyer to check.
export async function pasteAddress(page, text, shot = 'store-address-pasted') {
  await page.locator('[data-test=address-paste] textarea').fill(text)
  await page.locator('[data-test=address-parse]').click()
  await page.locator('[data-test=address-to-check]').waitFor()
  await screenshot(page, shot)
  return page.locator('.to-check .van-field__label').allInnerTexts()
}

// Chooses coupon `code` among the usable ones; checks the quote then shows
// the coupon's saving and the total the engine quotes (`quote`).
export async function chooseCoupon(page, code, quote, shot = 'store-coupon') {
  await page.locator('[data-test=coupon-cell]').click()
  const picker = page.getByRole('dialog', { name: '优惠券' })
  const coupon = picker.locator('[data-test=coupon]').filter({ hasText: code })
  await coupon.waitFor()
  await screenshot(page, `${shot}-choice`)
  await coupon.click()
  await picker.waitFor({ state: 'hidden' })
  const breakdown = page.locator('[data-test=quote]')
  await breakdown.locator('[data-test=quote-coupon]').getByText(`-${yuan(quote.coupon_discount)}`).waitFor()
  await breakdown.locator('[data-test=quote-list]').getByText(yuan(quote.merchandise_total)).waitFor()
  await breakdown.locator('[data-test=quote-postage]').getByText(quote.postage === 0 ? '包邮' : yuan(quote.postage)).waitFor()
  await breakdown.locator('[data-test=quote-total]').getByText(yuan(quote.total)).waitFor()
  await screenshot(page, shot)
}

// Places the order; lands on the cashier. Returns the order token.
export async function placeOrder(page, total, shot = 'store-cashier') {
  await page.getByRole('button', { name: '提交订单' }).click()
  await page.waitForURL(/\/s\/[^/]+\/orders\/otk_[^/]+\/pay$/)
  await page.locator('[data-test=pay-amount]').getByText(yuan(total), { exact: true }).waitFor()
  await screenshot(page, shot)
  return decodeURIComponent(new URL(page.url()).pathname.split('/')[4])
}

// On the cashier: plays a declined payment; the failure is said plainly and
// the order kept. Returns the message shown.
export async function failPayment(page, shot = 'store-payment-failed') {
  await page.getByRole('button', { name: '模拟支付失败' }).click()
  const failed = page.locator('[data-test=pay-failed]')
  await failed.getByRole('heading', { name: '支付失败' }).waitFor()
  await failed.getByText('订单已为你保留').waitFor()
  await screenshot(page, shot)
  return failed.textContent()
}

// On the cashier: pays in the sandbox; lands on the order, paid.
export async function paySandbox(page, total, shot = 'store-paid') {
  const retry = page.getByRole('button', { name: '重新支付' })
  if (await retry.isVisible()) await retry.click()
  await page.getByRole('button', { name: `确认支付 ${yuan(total)}` }).click()
  await page.waitForURL(/\/s\/[^/]+\/orders\/otk_[^/]+$/)
  await page.locator('h1[data-test=order-status]').getByText('待发货').waitFor()
  await page.locator('[data-test=trail]').getByText('付款成功').waitFor()
  await screenshot(page, shot)
}

// The order list remembers the order placed on this phone.
export async function seeOrderInList(page, base, total, status, shot = 'store-orders', shop = 'demo') {
  await page.goto(`${base}/s/${shop}/orders`)
  const card = page.locator('[data-test=order-card]').first()
  await card.waitFor()
  await card.getByText(yuan(total)).waitFor()
  await card.locator('[data-test=order-status]').getByText(status).waitFor()
  await screenshot(page, shot)
  await card.click()
  await page.locator('h1[data-test=order-status]').waitFor()
}

// On a shipped order's page: checks the parcel, confirms receipt.
export async function confirmReceipt(page, base, token, shipment, shot = 'store-received', shop = 'demo') {
  await page.goto(`${base}/s/${shop}/orders/${token}`)
  await page.locator('h1[data-test=order-status]').getByText('已发货').waitFor()
  await page.locator('[data-test=carrier]').getByText(shipment.carrier).waitFor()
  await page.locator('[data-test=tracking-no]').getByText(shipment.tracking_no).waitFor()
  await screenshot(page, `${shot}-shipped`)
  await page.getByRole('button', { name: '确认收货' }).click()
  await page.getByRole('dialog').getByRole('button', { name: '确认' }).click()
  await page.locator('h1[data-test=order-status]').getByText('已收货').waitFor()
  await page.locator('[data-test=trail]').getByText('确认收货').waitFor()
  await screenshot(page, shot)
}

// Asks for a no-reason return of the whole order from its page. Returns
// the request's id (afs_…).
export async function askNoReasonReturn(page, reason, shot = 'store-return-asked') {
  await page.getByRole('button', { name: '申请售后' }).click()
  await page.waitForURL(/\/aftersales\/new$/)
  await page.getByText('7天无理由退货').first().click()
  await page.getByRole('button', { name: reason, exact: true }).click()
  await screenshot(page, `${shot}-form`)
  await page.getByRole('button', { name: '提交申请' }).click()
  await page.waitForURL(/\/aftersales\/afs_[^/]+$/)
  await page.locator('[data-test=aftersales-status]').getByText('等待商家处理').waitFor()
  await screenshot(page, shot)
  return new URL(page.url()).pathname.split('/').pop()
}

// After the shop approved the return: sends the goods back with the parcel's
// carrier and tracking number.
export async function sendReturnBack(page, parcel, shot = 'store-return-sent') {
  await page.reload()
  await page.locator('[data-test=aftersales-status]').getByText('商家已同意').waitFor()
  await page.getByLabel('快递公司').fill(parcel.carrier)
  await page.getByLabel('快递单号').fill(parcel.tracking_no)
  await page.getByRole('button', { name: '提交快递单号' }).click()
  await page.locator('[data-test=aftersales-status]').getByText('退货寄回中').waitFor()
  await screenshot(page, shot)
}

// After the shop received the goods: the request shows the refund, and so
// does the order.
export async function seeRefund(page, refund, shot = 'store-refunded') {
  await page.reload()
  await page.locator('[data-test=aftersales-status]').getByText('已退款').waitFor()
  await page.locator('[data-test=refund]').getByText(`已退款 ${yuan(refund)}`).waitFor()
  await screenshot(page, shot)
  await page.getByRole('button', { name: '返回' }).or(page.locator('.van-nav-bar__left')).first().click()
  await page.locator('[data-test=order-refunded]').getByText(yuan(refund)).waitFor()
  await screenshot(page, `${shot}-order`)
}

// From the home page's tabs: a category's products, in the merchant's
// categories (`category` from GET /store/v1/{shop}/categories, `products`
// its products on sale as the engine lists them).
export async function browseCategory(page, base, category, products, shot = 'store-category') {
  await page.goto(`${base}/s/demo/`)
  await page.getByRole('tab', { name: '分类' }).click()
  await page.waitForURL((u) => u.pathname === '/s/demo/categories')
  await page.getByRole('tab', { name: category.name }).click()
  const rows = page.locator('[data-test=product-row]')
  await page.waitForURL((u) => u.searchParams.get('category') === category.id)
  await rows.filter({ hasText: products[0].title }).waitFor()
  assert.deepEqual(await rows.getByRole('heading').allTextContents(), products.map((p) => p.title))
  await screenshot(page, shot)
}

// Searches the shop from the home page's search box; returns the titles found.
export async function searchProducts(page, base, q, shot = 'store-search') {
  await page.goto(`${base}/s/demo/`)
  await page.getByRole('searchbox').click()
  await page.waitForURL((u) => u.pathname === '/s/demo/products')
  await page.getByRole('searchbox').fill(q)
  await page.getByRole('searchbox').press('Enter')
  await page.waitForURL((u) => u.searchParams.get('q') === q)
  const rows = page.locator('[data-test=product-row]')
  await page.getByText('没有更多了').or(page.getByText('没有找到相关商品')).waitFor()
  await screenshot(page, shot)
  return rows.getByRole('heading').allTextContents()
}
