// Group buys (拼团) in the browser: the merchant's campaign of two (made
// through the API) shows in the console; customer A opens a group on the
// store's campaign page, customer B opens the group's link, sees one real
// member and the countdown, and joins; both pay through the sandbox; the
// group's page then says it filled, and the console's drawer lists both
// members as paid. A second group of three gets only its leader: the test
// clock (serve --test-clock) moves past its window, the expiry job refunds
// the leader through the sandbox provider, and the store's group page says
// so, with the leader's order refunded in full.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { test } from 'node:test'
import { openPage, screenshot, startServer } from './harness.mjs'
import { kDemoOwner, signInToConsole } from './steps/operations.mjs'

async function call(server, token, method, path, body, key) {
  const headers = { 'Content-Type': 'application/json' }
  if (token) headers.Authorization = `Bearer ${token}`
  if (key) headers['Idempotency-Key'] = key
  const r = await fetch(server.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await r.text()
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`)
  return JSON.parse(text)
}

// A customer signed in with a code from the SMS sandbox, with a default address.
async function customer(server, owner, phone) {
  await call(server, '', 'POST', '/store/v1/demo/auth/code', { phone })
  const inbox = await call(server, owner, 'GET', `/admin/v1/sandbox/sms?phone=${phone}&limit=1`)
  const code = /[0-9]{6}/.exec(inbox.items[0].text)[0]
  const signed = await call(server, '', 'POST', '/store/v1/demo/auth/sign-in', { phone, code })
  await call(server, signed.token, 'POST', '/store/v1/demo/me/addresses',
    { name: '买家', phone, province: '湖南省', city: '长沙市', district: '岳麓区', address: '麓山南路 1 号' }, randomUUID())
  return signed
}

// The store on a phone, signed in as `signed`.
async function phoneOf(browser, signed) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  const session = { token: signed.token, expiresAt: signed.expires_at, name: signed.customer.display_name, phone: signed.customer.phone }
  await context.addInitScript((s) => localStorage.setItem('weishang.store.demo.session', JSON.stringify(s)), session)
  return context.newPage()
}

// Pays the order behind the pay page `page` is on, through the sandbox.
async function payFrom(server, page) {
  await page.waitForURL((u) => /\/orders\/[^/]+\/pay$/.test(u.pathname))
  const token = decodeURIComponent(new URL(page.url()).pathname.split('/')[4])
  const pay = await call(server, '', 'POST', `/store/v1/demo/orders/${token}/pay`, { provider: 'sandbox' })
  await call(server, '', 'POST', pay.gateway_url, {})
}

test('a group of two opened, joined through its link, paid and filled', async (t) => {
  const server = await startServer(t)
  const owner = (await call(server, '', 'POST', '/admin/v1/auth/login', kDemoOwner)).token
  const products = await call(server, owner, 'GET', '/admin/v1/products?status=on_sale&limit=1')
  const product = await call(server, owner, 'GET', `/admin/v1/products/${products.items[0].id}`)
  const sku = product.skus.find((s) => s.status === 'on_sale')
  const campaign = await call(server, owner, 'POST', '/admin/v1/group-buys', {
    product_id: product.id, title: '浏览器两人团', group_size: 2, window_hours: 24,
    prices: [{ sku_id: sku.id, group_price: sku.price - 100 }],
    starts_at: '2020-01-01T00:00:00Z', ends_at: '2099-01-01T00:00:00Z',
  }, randomUUID())
  const ann = await customer(server, owner, '13700008001')
  const bob = await customer(server, owner, '13700008002')

  const { page, problems } = await openPage(t, { width: 1440, height: 900 })
  await signInToConsole(page, server.base, kDemoOwner)
  await page.goto(`${server.base}/console/group-buys`)
  const row = page.locator('.el-table__row', { hasText: '浏览器两人团' })
  await row.getByText('进行中').waitFor()

  const browser = page.context().browser()
  const annPhone = await phoneOf(browser, ann)
  await annPhone.goto(`${server.base}/s/demo/group-buys/${campaign.id}`)
  await annPhone.locator('[data-test=group-open]').click()
  await payFrom(server, annPhone)
  const groups = await call(server, owner, 'GET', `/admin/v1/group-buys/${campaign.id}`)
  const group = groups.groups[0].id

  const bobPhone = await phoneOf(browser, bob)
  await bobPhone.goto(`${server.base}/s/demo/groups/${group}`)
  await bobPhone.locator('[data-test=group-countdown]').waitFor()
  assert.equal(await bobPhone.locator('[data-test=group-member]').count(), 1, 'one real member, no fillers')
  await screenshot(bobPhone, 'groupbuy-group-open')
  await bobPhone.locator('[data-test=group-join]').click()
  await payFrom(server, bobPhone)

  // The handler fills the group within a dispatcher pass.
  for (let i = 0; i < 50; i++) {
    const g = await call(server, '', 'GET', `/store/v1/demo/groups/${group}`)
    if (g.state === 'filled') break
    await new Promise((r) => setTimeout(r, 100))
  }
  await bobPhone.goto(`${server.base}/s/demo/groups/${group}`)
  await bobPhone.locator('[data-test=group-filled]').waitFor()
  assert.equal(await bobPhone.locator('[data-test=group-member]').count(), 2)
  await screenshot(bobPhone, 'groupbuy-group-filled')

  await page.reload()
  await page.locator('.el-table__row', { hasText: '浏览器两人团' }).locator('[data-test=groupbuy-groups]').click()
  const drawer = page.locator('[data-test=groupbuy-group]')
  await drawer.getByText('已成团').waitFor()
  assert.equal(await drawer.getByText('已付款', { exact: true }).count(), 2)
  await screenshot(page, 'groupbuy-console-groups')

  assert.deepEqual(problems.errors, [])
  assert.deepEqual(problems.failedResponses, [])
})

test('a group that does not fill in time is refunded by the expiry job', async (t) => {
  const server = await startServer(t)
  const owner = (await call(server, '', 'POST', '/admin/v1/auth/login', kDemoOwner)).token
  const products = await call(server, owner, 'GET', '/admin/v1/products?status=on_sale&limit=1')
  const product = await call(server, owner, 'GET', `/admin/v1/products/${products.items[0].id}`)
  const sku = product.skus.find((s) => s.status === 'on_sale')
  const stockBefore = (await call(server, owner, 'GET', `/admin/v1/products/${product.id}`)).skus.find((s) => s.id === sku.id).stock
  const campaign = await call(server, owner, 'POST', '/admin/v1/group-buys', {
    product_id: product.id, title: '浏览器三人团', group_size: 3, window_hours: 1,
    prices: [{ sku_id: sku.id, group_price: sku.price - 100 }],
    starts_at: '2020-01-01T00:00:00Z', ends_at: '2099-01-01T00:00:00Z',
  }, randomUUID())
  const cat = await customer(server, owner, '13700008003')

  const { page, problems } = await openPage(t, { width: 1440, height: 900 })
  const catPhone = await phoneOf(page.context().browser(), cat)
  await catPhone.goto(`${server.base}/s/demo/group-buys/${campaign.id}`)
  await catPhone.locator('[data-test=group-open]').click()
  await payFrom(server, catPhone)
  const orderToken = decodeURIComponent(new URL(catPhone.url()).pathname.split('/')[4])
  // The handler marks the leader paid within a dispatcher pass.
  let groups
  for (let i = 0; i < 50; i++) {
    groups = await call(server, owner, 'GET', `/admin/v1/group-buys/${campaign.id}`)
    if (groups.groups[0].members[0].state === 'paid') break
    await new Promise((r) => setTimeout(r, 100))
  }
  const group = groups.groups[0].id
  assert.equal(groups.groups[0].members[0].state, 'paid')

  // Two hours on: the window closed with one of three places paid.
  await call(server, '', 'POST', '/sandbox/v1/clock', { advance_seconds: 2 * 3600 })
  let state
  for (let i = 0; i < 100 && state !== 'expired'; i++) {
    state = (await call(server, '', 'GET', `/store/v1/demo/groups/${group}`)).state
    if (state !== 'expired') await new Promise((r) => setTimeout(r, 100))
  }
  assert.equal(state, 'expired', 'the expiry job closes the group within a few ticks')

  await catPhone.goto(`${server.base}/s/demo/groups/${group}`)
  await catPhone.locator('[data-test=group-expired]').waitFor()
  await catPhone.getByText('已退款').first().waitFor()
  await screenshot(catPhone, 'groupbuy-group-expired')
  const order = await call(server, '', 'GET', `/store/v1/demo/orders/${orderToken}`)
  assert.equal(order.refunded_total, order.totals.total, 'the whole payment went back')
  const stockAfter = (await call(server, owner, 'GET', `/admin/v1/products/${product.id}`)).skus.find((s) => s.id === sku.id).stock
  assert.equal(stockAfter, stockBefore, 'the unit is back on the shelf')

  assert.deepEqual(problems.errors, [])
  assert.deepEqual(problems.failedResponses, [])
})
