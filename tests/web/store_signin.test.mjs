// A customer signs in to the micro-store on a phone (375×812), against the
// real engine with the demo shop: a guest order placed with a phone number;
// then signing in with that number (the code read from the console's SMS
// sandbox, as a merchant testing would), the order is under 我的订单; an
// address saved in the address book is offered at checkout.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openPage, screenshot, startServer, yuan } from './harness.mjs'
import { kDemoOwner, placePaidOrder, skuInStock } from './steps/operations.mjs'

const kPhone = { width: 375, height: 812 }
const kBuyer = { name: '王芳', phone: '13700137001', region: '湖南', address: '长沙市开福区 9 号' }

test('a guest signs in with their phone and finds their order and saved address', async (t) => {
  const server = await startServer(t)
  const sku = await skuInStock(server)
  const order = await placePaidOrder(server, { skuId: sku.skuId, buyer: kBuyer })
  const login = await server.json('/admin/v1/auth/login', {
    method: 'POST',
    body: JSON.stringify(kDemoOwner),
  })
  const owner = { Authorization: `Bearer ${login.body.token}` }

  const { page, problems } = await openPage(t, kPhone, { isMobile: true, hasTouch: true })
  await page.goto(`${server.base}/s/demo/me`)
  await page.locator('[data-test=me-sign-in]').click()
  await page.waitForURL(/\/s\/demo\/sign-in$/)
  await page.locator('[data-test=signin-phone] input').fill(kBuyer.phone)
  await page.locator('[data-test=signin-get-code]').click()
  await page.locator('[data-test=signin-get-code]').getByText(/秒后重发/).waitFor()
  const texts = await server.json(`/admin/v1/sandbox/sms?phone=${kBuyer.phone}&limit=1`, { headers: owner })
  assert.equal(texts.status, 200)
  const code = /[0-9]{6}/.exec(texts.body.items[0].text)[0]
  await page.locator('[data-test=signin-code] input').fill(code)
  await screenshot(page, 'store-signin')
  await page.locator('[data-test=signin-submit]').click()
  await page.waitForURL(/\/s\/demo\/me$/)
  await page.locator('[data-test=me-who]').getByText('137****7001').waitFor()
  await screenshot(page, 'store-me')

  // The guest order is theirs (the engine links it by phone after it is placed).
  await page.locator('[data-test=me-orders]').click()
  const card = page.locator(`[data-test=order-card][data-order="${order.id}"]`)
  await card.getByText(yuan(order.totals.total)).waitFor()
  await screenshot(page, 'store-me-orders')

  await page.goto(`${server.base}/s/demo/me/addresses`)
  await page.locator('[data-test=address-add]').click()
  await page.locator('[data-test=book-name] input').fill('王芳')
  await page.locator('[data-test=book-phone] input').fill(kBuyer.phone)
  await page.locator('[data-test=book-province] input').fill('湖南省')
  await page.locator('[data-test=book-city] input').fill('长沙市')
  await page.locator('[data-test=book-district] input').fill('开福区')
  await page.locator('[data-test=book-address] input').fill('湘江中路 99 号')
  await page.locator('[data-test=book-save]').click()
  const saved = page.locator('[data-test=address-card]')
  await saved.getByText('湘江中路 99 号').waitFor()
  await saved.locator('[data-test=address-default]').waitFor()
  await screenshot(page, 'store-address-book')

  await page.goto(`${server.base}/s/demo/checkout?sku=${sku.skuId}&qty=1`)
  await page.locator('[data-test=checkout-saved-addresses]').click()
  await page.locator('[data-test=checkout-saved-address]').getByText(/湘江中路 99 号/).waitFor()
  await screenshot(page, 'store-checkout-saved-address')
  await page.locator('[data-test=checkout-saved-address]').first().click()
  assert.equal(await page.getByLabel('收货人').inputValue(), '王芳')
  assert.equal(await page.getByLabel('详细地址').inputValue(), '湘江中路 99 号')
  assert.deepEqual(problems.errors, [])
})
