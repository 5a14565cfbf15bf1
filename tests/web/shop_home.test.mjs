// A buyer opens the demo shop's link on a phone (375×812): they see the
// shop's name and positioning, then its featured products with their prices
// in yuan; they switch the store to English and it stays English.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openPage, screenshot, startServer, yuan } from './harness.mjs'

test('a buyer sees the demo shop and its featured products with prices in yuan', async (t) => {
  const server = await startServer(t)
  const shop = (await server.json('/store/v1/demo')).body
  const { featured } = (await server.json('/store/v1/demo/home')).body
  assert.ok(featured.length >= 3, 'the demo shop features products')
  assert.ok(featured.some((p) => p.title === '湘味礼盒' && p.min_price === 16800))

  const { page, problems } = await openPage(t, { width: 375, height: 812 }, { isMobile: true, hasTouch: true })
  await page.goto(`${server.base}/s/demo/`)
  const name = page.getByRole('heading', { level: 1 })
  await name.waitFor()
  assert.equal(await name.textContent(), shop.name)
  assert.equal(await page.title(), shop.name)
  await page.getByText(shop.description, { exact: true }).waitFor()
  await page.getByRole('heading', { name: '店长推荐' }).waitFor()

  const tiles = page.locator('[data-test=product]')
  assert.equal(await tiles.count(), featured.length)
  for (const [i, p] of featured.entries()) {
    const tile = tiles.nth(i)
    assert.equal(await tile.getByRole('heading').textContent(), p.title, `product ${i + 1}`)
    const price = p.min_price === p.max_price ? yuan(p.min_price) : `${yuan(p.min_price)}–${yuan(p.max_price)}`
    assert.equal(await tile.locator('[data-test=price]').textContent(), price, p.title)
  }
  await assert.doesNotReject(page.getByText('¥168.00', { exact: true }).waitFor(), 'the gift box')
  await screenshot(page, 'shop-home-zh')

  await page.getByRole('button', { name: '语言: English' }).click()
  await page.getByRole('heading', { name: 'Featured' }).waitFor()
  await page.reload()
  await page.getByRole('heading', { name: 'Featured' }).waitFor()
  assert.equal(await page.locator('html').getAttribute('lang'), 'en')
  await screenshot(page, 'shop-home-en')

  // A path under the shop the store does not have yet still opens the store.
  await page.goto(`${server.base}/s/demo/no/such/page`)
  await page.getByRole('heading', { level: 1, name: shop.name }).waitFor()
  assert.equal(new URL(page.url()).pathname, '/s/demo/')

  assert.deepEqual(problems.errors, [])
  assert.deepEqual(problems.failedResponses, [])
})

test('a buyer who opens an unknown shop is told so, and can retry', async (t) => {
  const server = await startServer(t)
  const { body } = await server.json('/store/v1/no-such-shop')
  const { page, problems } = await openPage(t, { width: 375, height: 812 }, { isMobile: true, hasTouch: true })
  await page.goto(`${server.base}/s/no-such-shop/`)
  await page.getByText(body.error.message, { exact: true }).waitFor()
  await page.getByRole('button', { name: '重试' }).waitFor()
  await screenshot(page, 'shop-unknown')
  assert.deepEqual(problems.errors, [])
  assert.ok(problems.failedResponses.every((r) => r.startsWith('404 /store/v1/no-such-shop')), problems.failedResponses.join())
})
