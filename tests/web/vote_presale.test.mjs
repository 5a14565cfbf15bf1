// A fan vote that becomes a pre-sale, in the browser: the merchant posts a
// vote of two styles in the console (营销 → 投票); two customers vote on the
// store's vote page (a second tap on a voted style is not offered); the
// console shows the counts and turns the winner into a pre-sale in one step;
// a voter finds the style's pre-sale from the vote page (and a message in
// their message centre), registers interest and orders it in full, paying
// through the sandbox; the console's pre-sale page shows the interest, the
// order and the stock recommendation. (Deposits, balances and releases need
// the clock past their periods: tests/modules/presale covers them.)
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

async function customer(server, owner, phone) {
  await call(server, '', 'POST', '/store/v1/demo/auth/code', { phone })
  const inbox = await call(server, owner, 'GET', `/admin/v1/sandbox/sms?phone=${phone}&limit=1`)
  const code = /[0-9]{6}/.exec(inbox.items[0].text)[0]
  const signed = await call(server, '', 'POST', '/store/v1/demo/auth/sign-in', { phone, code })
  await call(server, signed.token, 'POST', '/store/v1/demo/me/addresses',
    { name: '买家', phone, province: '湖南省', city: '长沙市', district: '岳麓区', address: '麓山南路 1 号' }, randomUUID())
  return signed
}

async function phoneOf(browser, signed) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  const session = { token: signed.token, expiresAt: signed.expires_at, name: signed.customer.display_name, phone: signed.customer.phone }
  await context.addInitScript((s) => localStorage.setItem('weishang.store.demo.session', JSON.stringify(s)), session)
  return context.newPage()
}

async function payFrom(server, page) {
  await page.waitForURL((u) => /\/orders\/[^/]+\/pay$/.test(u.pathname))
  const token = decodeURIComponent(new URL(page.url()).pathname.split('/')[4])
  const pay = await call(server, '', 'POST', `/store/v1/demo/orders/${token}/pay`, { provider: 'sandbox' })
  await call(server, '', 'POST', pay.gateway_url, {})
}

test('a vote in the console, votes in the store, the winner a pre-sale a voter orders', async (t) => {
  const server = await startServer(t)
  const owner = (await call(server, '', 'POST', '/admin/v1/auth/login', kDemoOwner)).token
  const products = await call(server, owner, 'GET', '/admin/v1/products?status=on_sale&limit=2')
  const pictures = products.items.map((p) => p.main_image_url).filter(Boolean)
  const picture = (i) => pictures[i % Math.max(1, pictures.length)] ?? '/s/demo/'
  const ann = await customer(server, owner, '13700008101')
  const bob = await customer(server, owner, '13700008102')

  // The merchant posts the vote in the console.
  const { page, problems } = await openPage(t, { width: 1440, height: 900 })
  await signInToConsole(page, server.base, kDemoOwner)
  await page.goto(`${server.base}/console/votes`)
  await page.locator('[data-test=vote-create]').click()
  const form = page.locator('[data-test=vote-form]')
  const input = (loc) => loc.locator('xpath=descendant-or-self::input')
  await input(form.locator('[data-test=vote-title]')).fill('浏览器投票：春款选哪件')
  const candidates = form.locator('[data-test=vote-candidate]')
  await input(candidates.nth(0).locator('[data-test=vote-candidate-title]')).fill('碎花连衣裙')
  await candidates.nth(0).locator('[data-test=vote-candidate-images]').locator('xpath=descendant-or-self::textarea').fill(picture(0))
  await input(candidates.nth(1).locator('[data-test=vote-candidate-title]')).fill('条纹衬衫')
  await candidates.nth(1).locator('[data-test=vote-candidate-images]').locator('xpath=descendant-or-self::textarea').fill(picture(1))
  await page.locator('[data-test=vote-submit]').click()
  const row = page.locator('.el-table__row', { hasText: '浏览器投票：春款选哪件' })
  await row.getByText('投票中').waitFor()
  const vote = (await call(server, owner, 'GET', '/admin/v1/votes')).items.find((v) => v.title === '浏览器投票：春款选哪件')
  assert.ok(vote, 'the vote was created')

  // Two customers vote for the floral dress on the store's vote page.
  const browser = page.context().browser()
  const annPhone = await phoneOf(browser, ann)
  await annPhone.goto(`${server.base}/s/demo/votes/${vote.id}`)
  const floral = annPhone.locator('[data-test=vote-candidate]', { hasText: '碎花连衣裙' })
  await floral.locator('[data-test=vote-cast]').click()
  await floral.locator('[data-test=vote-voted]').waitFor()
  await floral.getByText('1 票').waitFor()
  await screenshot(annPhone, 'vote-store-voted')
  const bobPhone = await phoneOf(browser, bob)
  await bobPhone.goto(`${server.base}/s/demo/votes/${vote.id}`)
  const bobFloral = bobPhone.locator('[data-test=vote-candidate]', { hasText: '碎花连衣裙' })
  await bobFloral.locator('[data-test=vote-cast]').click()
  await bobFloral.getByText('2 票').waitFor()
  // One vote per customer per candidate, kept by the server too.
  const again = await call(server, ann.token, 'POST', `/store/v1/demo/votes/${vote.id}/ballots`,
    { candidate_id: vote.candidates[0].id })
  assert.equal(again.added, false)
  assert.equal(again.vote.candidates[0].votes, 2)

  // The console shows the counts and turns the winner into a pre-sale.
  await page.reload()
  await page.locator('.el-table__row', { hasText: '浏览器投票：春款选哪件' }).locator('[data-test=vote-detail]').click()
  const winner = page.locator('[data-test=vote-count]', { hasText: '碎花连衣裙' })
  await winner.getByText('2 票').waitFor()
  await winner.locator('[data-test=vote-pick]').click()
  await input(winner.locator('[data-test=vote-price]')).fill('129')
  await input(winner.locator('[data-test=vote-quantity]')).fill('30')
  await screenshot(page, 'vote-console-counts')
  await page.locator('[data-test=vote-convert]').click()
  await page.getByText('已转为预售，已通知 2 位投票顾客').waitFor()
  await winner.getByText('已转预售').waitFor()

  // Ann is told, and finds the pre-sale from the vote page.
  const inbox = await call(server, ann.token, 'GET', '/store/v1/demo/me/messages')
  assert.ok(inbox.items.some((m) => m.title.includes('碎花连衣裙')), 'the voter is told the style opens')
  await annPhone.reload()
  await floral.locator('[data-test=vote-to-presale]').click()
  await annPhone.waitForURL((u) => /\/presales\//.test(u.pathname))
  await annPhone.locator('[data-test=presale-title]').getByText('碎花连衣裙').waitFor()
  await annPhone.locator('[data-test=presale-like]').click()
  await annPhone.locator('[data-test=presale-liked]').waitFor()
  await annPhone.getByText('1 人感兴趣').waitFor()
  await screenshot(annPhone, 'presale-store-interest')
  await annPhone.locator('[data-test=presale-buy-full]').click()
  await payFrom(server, annPhone)

  const sale = (await call(server, owner, 'GET', `/admin/v1/votes/${vote.id}`)).candidates[0].presale_id
  for (let i = 0; i < 50; i++) {
    const d = await call(server, owner, 'GET', `/admin/v1/presales/${sale}`)
    if (d.paid_orders === 1) break
    await new Promise((r) => setTimeout(r, 100))
  }
  await page.goto(`${server.base}/console/presales`)
  await page.locator('.el-table__row', { hasText: '碎花连衣裙' }).locator('[data-test=presale-detail]').click()
  const rec = page.locator('[data-test=presale-recommendation]')
  await rec.getByText(/建议备货 \d+ 件/).waitFor()
  await page.locator('[data-test=presale-orders-table]').getByText('已付款').waitFor()
  await screenshot(page, 'presale-console-detail')

  assert.deepEqual(problems.errors, [])
  assert.deepEqual(problems.failedResponses, [])
})
