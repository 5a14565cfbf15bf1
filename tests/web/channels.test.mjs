// A channel code (渠道活码) from print to sale: the merchant creates one in
// the console for a package insert card, pointing at a product, and
// downloads its QR as SVG; a phone scans it (opens the code's link), lands
// on the product with the code taken out of the address, and the buyer
// checks out and pays as a guest; the console's channel list then counts
// the scan, the visit, the new customer and the paid order for the card.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { openPage, screenshot, startServer, yuan } from './harness.mjs'
import { fenOf, kDemoOwner, signInToConsole, skuInStock } from './steps/operations.mjs'
import { fillAddress, placeOrder, paySandbox } from './steps/store.mjs'

const kBuyer = { name: '陈静', phone: '13600136021', province: '湖南省', city: '长沙市', district: '岳麓区', address: '麓山南路 2 号' }

test('a channel code scanned brings a customer and a paid order the console counts', async (t) => {
  const server = await startServer(t)
  const sku = await skuInStock(server)

  const { page: desk, problems } = await openPage(t, { width: 1360, height: 900 })
  await signInToConsole(desk, server.base, kDemoOwner)
  await desk.goto(`${server.base}/console/growth/channels`)
  await desk.getByRole('heading', { name: '渠道活码与推广活动' }).waitFor()
  await desk.locator('[data-test=channel-new]').click()
  // Element Plus puts the attribute on the <input> itself.
  const field = (name) => desk.locator(`[data-test=${name}]`).locator('xpath=descendant-or-self::input')
  await field('channel-name').fill('包裹卡·十二月')
  await field('channel-target').fill(`/products/${sku.productId}`)
  await desk.locator('[data-test=channel-save]').click()
  const row = desk.locator('[data-test=channels] .el-table__row').filter({ hasText: '包裹卡·十二月' })
  await row.waitFor()
  await screenshot(desk, 'console-channel-created')
  const [download] = await Promise.all([desk.waitForEvent('download'), row.locator('[data-test=channel-svg]').click()])
  const svg = readFileSync(await download.path(), 'utf8')
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/)

  // The QR holds the code's own link; a phone opens it.
  const login = await server.json('/admin/v1/auth/login', { method: 'POST', body: JSON.stringify(kDemoOwner) })
  const owner = { Authorization: `Bearer ${login.body.token}` }
  const listed = await server.json('/admin/v1/growth/channels', { headers: owner })
  const card = listed.body.items.find((c) => c.name === '包裹卡·十二月')
  assert.ok(card.link.endsWith(`/q/demo/${card.id}`))
  const { page: phone } = await openPage(t, { width: 375, height: 812 }, { isMobile: true, hasTouch: true })
  await phone.goto(`${server.base}/q/demo/${card.id}`)
  await phone.waitForURL(new RegExp(`/s/demo/products/${sku.productId}$`))
  await phone.getByRole('heading', { level: 1 }).waitFor()

  // A guest buys from that phone.
  await phone.goto(`${server.base}/s/demo/checkout?sku=${sku.skuId}&qty=1`)
  await phone.locator('[data-test=quote-total]').waitFor()
  const total = fenOf(await phone.locator('[data-test=quote-total] strong').textContent())
  await fillAddress(phone, kBuyer, 'store-channel-address')
  await placeOrder(phone, total, 'store-channel-cashier')
  await paySandbox(phone, total, 'store-channel-paid')

  // The console counts them for the card (the handlers follow in the background).
  let figures
  for (let i = 0; i < 50; i++) {
    const now = await server.json('/admin/v1/growth/channels', { headers: owner })
    figures = now.body.items.find((c) => c.id === card.id)
    if (figures.figures.orders === 1) break
    await new Promise((r) => setTimeout(r, 200))
  }
  assert.equal(figures.scans, 1)
  assert.equal(figures.figures.visits, 1)
  assert.equal(figures.figures.new_customers, 1)
  assert.equal(figures.figures.orders, 1)
  assert.equal(figures.figures.revenue, total)
  await desk.reload()
  await row.locator('[data-test=channel-new-customers]').getByText('1', { exact: true }).waitFor()
  await row.getByText(yuan(total)).waitFor()
  await screenshot(desk, 'console-channel-figures')
  assert.deepEqual(problems.errors, [])
})
