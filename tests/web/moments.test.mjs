// Moments by segment (朋友圈「谁可以看」): two signed-in customers of the demo
// shop, one in segment A and one in segment B (seeded through the API); the
// merchant composes a post in the console, with a picture, visible to
// segment A only; customer A finds it in the store's feed, customer B does
// not.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { test } from 'node:test'
import { openPage, screenshot, startServer } from './harness.mjs'
import { makePng } from './steps/catalog.mjs'
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

// A customer signed in with a code read from the SMS sandbox: the session
// the store keeps on the phone.
async function signedInCustomer(server, owner, phone) {
  await call(server, '', 'POST', '/store/v1/demo/auth/code', { phone })
  const inbox = await call(server, owner, 'GET', `/admin/v1/sandbox/sms?phone=${phone}&limit=1`)
  const code = /[0-9]{6}/.exec(inbox.items[0].text)[0]
  return call(server, '', 'POST', '/store/v1/demo/auth/sign-in', { phone, code })
}

// A segment of the customers carrying a new manual tag given to `customerId`.
async function segmentOf(server, owner, group, name, customerId) {
  const tag = await call(server, owner, 'POST', '/admin/v1/tags', { group_id: group, name }, randomUUID())
  await call(server, owner, 'POST', `/admin/v1/tags/${tag.id}/customers`, { add: [customerId] })
  return call(server, owner, 'POST', '/admin/v1/segments', { name, expression: { tag: tag.id } }, randomUUID())
}

// The store's feed as `signed` sees it on a phone, loaded to its end.
async function feedOf(browser, server, signed) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  const session = {
    token: signed.token,
    expiresAt: signed.expires_at,
    name: signed.customer.display_name,
    phone: signed.customer.phone,
  }
  await context.addInitScript((s) => localStorage.setItem('weishang.store.demo.session', JSON.stringify(s)), session)
  const page = await context.newPage()
  await page.goto(`${server.base}/s/demo/moments`)
  await page.locator('.van-list__finished-text, .van-empty').first().waitFor()
  return page
}

test('a moment visible to one segment and not to another', async (t) => {
  const server = await startServer(t)
  const owner = (await call(server, '', 'POST', '/admin/v1/auth/login', kDemoOwner)).token
  const ann = await signedInCustomer(server, owner, '13700007001')
  const bob = await signedInCustomer(server, owner, '13700007002')
  const group = await call(server, owner, 'POST', '/admin/v1/tag-groups', { name: '朋友圈测试' }, randomUUID())
  await segmentOf(server, owner, group.id, '尝鲜会员A', ann.customer.id)
  await segmentOf(server, owner, group.id, '普通会员B', bob.customer.id)

  const { page, problems } = await openPage(t, { width: 1440, height: 900 })
  await signInToConsole(page, server.base, kDemoOwner)
  await page.goto(`${server.base}/console/moments`)
  await page.locator('[data-test=moment-compose]').click()
  const composer = page.locator('[data-test=moment-composer]')
  await composer.locator('textarea[data-test=moment-text]').fill('A 组会员专享：新品尝鲜')
  await page.getByLabel('上传朋友圈图片').setInputFiles({ name: 'moment.png', mimeType: 'image/png', buffer: makePng(48, 48) })
  await page.getByRole('img', { name: '朋友圈图片第 1 张' }).waitFor()
  await composer.getByText('部分可见', { exact: true }).click()
  await composer.locator('[data-test=moment-show-to]').click()
  await page.getByRole('option', { name: '尝鲜会员A', exact: true }).click()
  await screenshot(page, 'moment-composer')
  await composer.locator('[data-test=moment-submit]').click()
  const row = page.locator('.el-table__row', { hasText: 'A 组会员专享：新品尝鲜' })
  await row.getByText('部分可见').waitFor()
  await row.getByText('已发布').waitFor()
  await screenshot(page, 'moments-list')

  const browser = page.context().browser()
  const annFeed = await feedOf(browser, server, ann)
  await annFeed.locator('[data-test=moment]', { hasText: 'A 组会员专享：新品尝鲜' }).waitFor()
  await screenshot(annFeed, 'moments-feed-segment-a')
  const bobFeed = await feedOf(browser, server, bob)
  assert.equal(await bobFeed.locator('[data-test=moment]', { hasText: 'A 组会员专享：新品尝鲜' }).count(), 0)
  await screenshot(bobFeed, 'moments-feed-segment-b')

  assert.deepEqual(problems.errors, [])
  assert.deepEqual(problems.failedResponses, [])
})
