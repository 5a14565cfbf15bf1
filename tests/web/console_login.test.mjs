// The merchant signs in to the console on a desktop (1440×900): a wrong
// password shows the engine's own message; the demo login reaches the
// dashboard, which names them and shows today's and the last 30 days' figures
// (money in yuan) as the engine counts them; the
// session survives a reload and ends with "sign out".
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openPage, screenshot, startServer, yuan } from './harness.mjs'

const kShop = 'demo'
const kLogin = 'owner@demo.shop'
const kPassword = 'weishang-demo'

test('the demo owner signs in after a wrong password and sees the dashboard', async (t) => {
  const server = await startServer(t)
  const wrong = await server.json('/admin/v1/auth/login', {
    method: 'POST',
    body: JSON.stringify({ shop: kShop, login: kLogin, password: 'not-the-password' }),
  })
  assert.equal(wrong.status, 401)

  const { page, problems } = await openPage(t, { width: 1440, height: 900 })
  await page.goto(`${server.base}/`)
  await page.waitForURL('**/console/login')
  await page.getByRole('heading', { name: '登录控制台' }).waitFor()

  await page.getByLabel('店铺').fill(kShop)
  await page.getByLabel('账号').fill(kLogin)
  await page.getByLabel('密码', { exact: true }).fill('not-the-password')
  await page.getByRole('button', { name: '登录' }).click()
  const alert = page.getByRole('alert')
  await alert.getByText(wrong.body.error.message, { exact: true }).waitFor()
  await screenshot(page, 'console-login-wrong-password')

  await page.getByLabel('密码', { exact: true }).fill(kPassword)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL((u) => u.pathname === '/console/')
  const token = (await server.json('/admin/v1/auth/login', {
    method: 'POST',
    body: JSON.stringify({ shop: kShop, login: kLogin, password: kPassword }),
  })).body.token
  const me = (await server.json('/admin/v1/me', { headers: { Authorization: `Bearer ${token}` } })).body
  const board = (await server.json('/admin/v1/dashboard', { headers: { Authorization: `Bearer ${token}` } })).body

  const staff = page.locator('[data-test=staff]')
  await staff.getByText(me.name, { exact: true }).waitFor()
  await page.getByRole('heading', { name: `你好，${me.name}` }).waitFor()
  const figure = (block, key) => page.locator(`[data-test=${block}] [data-test=${key}] .dashboard-page__figure-value`)
  await figure('today', 'orders').getByText(String(board.today_figures.orders), { exact: true }).waitFor()
  await figure('period', 'paid').getByText(yuan(board.period_figures.paid), { exact: true }).waitFor()
  await figure('period', 'revenue').getByText(yuan(board.period_figures.revenue), { exact: true }).waitFor()
  await page.locator('.daily-chart canvas').waitFor()
  await screenshot(page, 'console-dashboard')

  await page.reload()
  await staff.getByText(me.name, { exact: true }).waitFor()

  await page.getByRole('button', { name: '退出登录' }).click()
  await page.waitForURL('**/console/login**')
  await page.goto(`${server.base}/console/`)
  await page.waitForURL('**/console/login')

  assert.deepEqual(problems.errors, [])
  assert.deepEqual(problems.failedResponses, ['401 /admin/v1/auth/login'])
})
