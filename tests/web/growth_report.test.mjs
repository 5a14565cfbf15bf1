// The growth dashboard (增长看板) against the engine's own figures: the
// demo's channel codes were scanned and brought customers, 李娜 referred
// 周敏. The owner gives a channel code a spend, opens the dashboard and
// reads the channel comparison, the cost per new customer the spend makes,
// the referred versus not referred conversions and the generations, each
// equal to what GET /admin/v1/growth/report answers; then sorts the
// channel table and draws a projection beside a campaign's real curve.
import assert from 'node:assert/strict'
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

const yuan = (fen) => `¥${(fen / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`
const pct = (v) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`)

test('the growth dashboard shows the report the engine computes', async (t) => {
  const server = await startServer(t)
  const owner = (await call(server, '', 'POST', '/admin/v1/auth/login', kDemoOwner)).token
  const before = await call(server, owner, 'GET', '/admin/v1/growth/report?days=30')
  const top = before.channels.find((c) => c.new_customers > 0)
  assert.ok(top, `the demo's channel codes brought customers: ${JSON.stringify(before.channels)}`)
  // 50 yuan spent on the code's cards: cost per new customer = 5000 / new customers.
  await call(server, owner, 'PATCH', `/admin/v1/growth/channels/${top.id}`, { spend: 5000 + top.spend })
  const report = await call(server, owner, 'GET', '/admin/v1/growth/report?days=30')
  const row = report.channels.find((c) => c.id === top.id)
  assert.equal(row.cost, top.cost + 5000)
  assert.equal(row.cost_per_new_customer, Math.round(row.cost / row.new_customers))
  assert.ok(report.generations.length >= 2, 'the demo referral makes two generations')

  const { page, problems } = await openPage(t, { width: 1440, height: 1000 })
  await signInToConsole(page, server.base, kDemoOwner)
  await page.goto(`${server.base}/console/growth/report`)
  const channels = page.locator('[data-test=growth-channels] .el-table__body tr')
  await channels.first().waitFor().catch(async (e) => {
    await screenshot(page, 'growth-report-stuck')
    throw new Error(`${e.message}\n${await page.locator('main, body').first().innerText()}\n${JSON.stringify(problems)}`)
  })
  assert.equal(await channels.count(), report.channels.length)
  const line = channels.filter({ hasText: row.name }).first()
  const cells = await line.locator('td').allInnerTexts()
  assert.ok(cells.includes(String(row.new_customers)), `new customers ${row.new_customers} in ${cells}`)
  assert.ok(cells.includes(yuan(row.cost)), `cost ${yuan(row.cost)} in ${cells}`)
  assert.ok(cells.includes(yuan(row.cost_per_new_customer)), `cost per new ${yuan(row.cost_per_new_customer)} in ${cells}`)

  const referred = await page.locator('[data-test=cohort-referred] td').allInnerTexts()
  assert.deepEqual(referred, [
    String(report.referred.signed_up), String(report.referred.paid),
    pct(report.referred.conversion), pct(report.referred.repurchase),
  ])
  const others = await page.locator('[data-test=cohort-not-referred] td').allInnerTexts()
  assert.equal(others[0], String(report.not_referred.signed_up))
  assert.equal(others[2], pct(report.not_referred.conversion))
  const generations = page.locator('[data-test=growth-generations] .el-table__body tr')
  assert.equal(await generations.count(), report.generations.length)
  const k0 = report.generations[0].k_factor
  assert.match(await generations.first().innerText(), new RegExp(k0 === null ? '—' : k0.toFixed(2)))
  const tree = await call(server, owner, 'GET', '/admin/v1/growth/tree?limit=200')
  assert.match(await page.locator('[data-test=growth-tree-summary]').innerText(), new RegExp(`共 ${tree.members} 人`))

  // Sorting by cost per new customer puts the cheapest code with customers first.
  await page.locator('[data-test=growth-channels] th').filter({ hasText: '获客成本' }).locator('.sort-caret.ascending').click()
  const cheapest = [...report.channels]
    .filter((c) => c.cost_per_new_customer !== null)
    .sort((a, b) => a.cost_per_new_customer - b.cost_per_new_customer)[0]
  assert.match(await channels.first().innerText(), new RegExp(cheapest.name))

  // A projection beside a campaign's real cumulative curve.
  if (report.campaigns.length) {
    await page.locator('[data-test=compare-campaign]').click()
    await page.locator('.el-select-dropdown__item').filter({ hasText: report.campaigns[0].name }).first().click()
    await page.locator('[data-test=compare-run]').click()
    await page.locator('[data-test=compare-chart] canvas, .growth-chart canvas').last().waitFor()
  }
  await screenshot(page, 'growth-report')
  assert.deepEqual(problems.errors, [])
  assert.deepEqual(problems.failedResponses, [])
})
