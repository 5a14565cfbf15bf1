// Growth in the console: the owner projects the articles' voucher campaign
// (30 seed customers, 3 vouchers each, a 500-yuan budget) and reads the same
// figures the API answers for the same input; then opens the super users and
// finds 王芳, whose share vouchers brought 许可 and 孟瑶 and, through 孟瑶, 江楠, at the top.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openPage, screenshot, startServer } from './harness.mjs'
import { kDemoOwner, signInToConsole } from './steps/operations.mjs'

async function call(server, token, method, path, body) {
  const headers = { 'Content-Type': 'application/json' }
  if (token) headers.Authorization = `Bearer ${token}`
  const r = await fetch(server.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await r.text()
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`)
  return JSON.parse(text)
}

test('a fission projection and the super users', async (t) => {
  const server = await startServer(t)
  const owner = (await call(server, '', 'POST', '/admin/v1/auth/login', kDemoOwner)).token
  // What the page's defaults and a 500-yuan budget send.
  const expected = await call(server, owner, 'POST', '/admin/v1/growth/simulations', {
    seeds: 30, vouchers: 3, redemption: 0.4, conversion: 0.6, delay: [0.5, 0.3, 0.2], days: 14,
    budget_fen: 50000, cost_per_redemption_fen: 500, runs: 1000, seed: 42,
  })

  const { page, problems } = await openPage(t, { width: 1440, height: 900 })
  await signInToConsole(page, server.base, kDemoOwner)
  await page.goto(`${server.base}/console/growth/simulation`)
  await page.locator('input[data-test=sim-budget], [data-test=sim-budget] input').first().fill('500')
  await page.locator('[data-test=sim-run]').click()
  const summary = page.locator('[data-test=sim-summary]')
  await summary
    .or(page.locator('.el-message--error'))
    .first()
    .waitFor()
    .catch(async (e) => {
      await screenshot(page, 'fission-simulation-stuck')
      throw new Error(`${e.message}\n${await page.locator('main, body').first().innerText()}\n${JSON.stringify(problems)}`)
    })
  assert.ok(await summary.isVisible(), `no projection: ${await page.locator('.el-message').allInnerTexts()} ${JSON.stringify(problems)}`)
  const n = expected.total_new_customers
  assert.match(await summary.innerText(), new RegExp(`预计新客户 ${n.mean}（10%–90%：${n.p10}–${n.p90}）`))
  assert.equal(await page.locator('[data-test=sim-days] .el-table__body tr').count(), 14)
  const budget = await page.locator('[data-test=sim-budget-line]').innerText()
  if (expected.budget_exhausted_day) assert.match(budget, new RegExp(`第 ${expected.budget_exhausted_day.p50} 天`))
  else assert.match(budget, /预算都够用/)
  await screenshot(page, 'fission-simulation')

  const ranked = await call(server, owner, 'GET', '/admin/v1/growth/super-users')
  assert.equal(ranked.items[0]?.name, '王芳', 'three paying customers through her vouchers put 王芳 first')
  assert.ok(ranked.items.some((u) => u.name === '李娜'), 'her friend 周敏 bought: 李娜 is ranked too')
  await page.goto(`${server.base}/console/growth/super-users`)
  const first = page.locator('[data-test=super-users] .el-table__body tr').first()
  await first.getByText('王芳').waitFor()
  await first.getByText('139****9002').waitFor()
  assert.equal(await page.locator('[data-test=super-users] .el-table__body tr').count(), ranked.items.length)
  await screenshot(page, 'super-users')
  assert.deepEqual(problems.errors, [])
  assert.deepEqual(problems.failedResponses, [])
})
