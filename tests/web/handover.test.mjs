// The owner hands a staff member's customers to a colleague in the console
// (离职继承/在职转接), and the colleague then finds the customer's pending
// task in their task inbox and the customer among theirs.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { test } from 'node:test'
import { openPage, screenshot, startServer } from './harness.mjs'
import { kBuyer, kDemoOwner, placeUnpaidOrder, signInToConsole, skuInStock } from './steps/operations.mjs'

async function login(server, who) {
  const r = await server.json('/admin/v1/auth/login', { method: 'POST', body: JSON.stringify(who) })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  return { Authorization: `Bearer ${r.body.token}` }
}

// Chooses `option` in the select marked data-test=`select`, in the list that select controls.
async function pick(page, select, option) {
  const combobox = page.locator(`[data-test=${select}] [role=combobox]`)
  await page.locator(`[data-test=${select}] .el-select__wrapper`).click()
  const list = page.locator(`[id="${await combobox.getAttribute('aria-controls')}"]`)
  await list.getByRole('option').filter({ hasText: option }).click()
  await page.keyboard.press('Escape')
  await list.waitFor({ state: 'hidden' })
}

test('the owner hands a member’s customers to a colleague, who finds them and their task', async (t) => {
  const server = await startServer(t)
  const owner = await login(server, kDemoOwner)
  const members = {}
  for (const [name, login_] of [['阿美', 'amy@demo.shop'], ['阿斌', 'ben@demo.shop']]) {
    const r = await server.json('/admin/v1/staff', {
      method: 'POST',
      headers: { ...owner, 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ login: login_, name, role: 'staff', password: 'clerk till drawer' }),
    })
    assert.equal(r.status, 201, JSON.stringify(r.body))
    members[name] = r.body
  }
  const rules = await server.json('/admin/v1/customer-assignment', {
    method: 'PUT',
    headers: owner,
    body: JSON.stringify({ mode: 'round_robin', staff_ids: [members['阿美'].id] }),
  })
  assert.equal(rules.status, 200)
  // A new buyer arrives: the rules give them to 阿美, who gets a task on them.
  const { skuId } = await skuInStock(server)
  await placeUnpaidOrder(server, { skuId, buyer: { ...kBuyer, name: '王芳', phone: '13700137555' } })
  let customer
  for (let i = 0; i < 100 && !customer; i++) {
    const page = (await server.json('/admin/v1/customers?q=13700137555', { headers: owner })).body
    customer = page.items[0]
    if (!customer) await new Promise((r) => setTimeout(r, 100))
  }
  assert.ok(customer, 'the buyer became a customer')
  assert.equal(customer.owner_staff_id, members['阿美'].id)
  const task = await server.json(`/admin/v1/customers/${customer.id}/tasks`, {
    method: 'POST',
    headers: { ...owner, 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({ title: '回访王芳', due_at: new Date(Date.now() + 3600_000).toISOString() }),
  })
  assert.equal(task.status, 201)

  const { page, problems } = await openPage(t, { width: 1440, height: 900 })
  await signInToConsole(page, server.base, kDemoOwner)
  await page.goto(`${server.base}/console/crm/handover`)
  await pick(page, 'handover-from', '阿美')
  await page.getByText(/客户（不选则全部 [1-9]\d* 位）/).waitFor()
  await pick(page, 'handover-to', '阿斌')
  await page.locator('[data-test=handover-submit]').click()
  await page.locator('[data-test=handover-done]').getByText(/已转移 [1-9]\d* 位客户，1 个待办任务随之转移/).waitFor()
  await screenshot(page, 'crm-handover')

  // 阿斌 signs in: the task is in his inbox, the customer is his.
  const context = await page.context().browser().newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  const ben = await context.newPage()
  await signInToConsole(ben, server.base, { shop: 'demo', login: 'ben@demo.shop', password: 'clerk till drawer' })
  await ben.goto(`${server.base}/console/crm/tasks`)
  await ben.locator('[data-test=task-list]').getByText('回访王芳').waitFor()
  await screenshot(ben, 'crm-task-inbox')
  const benAuth = await login(server, { shop: 'demo', login: 'ben@demo.shop', password: 'clerk till drawer' })
  const his = (await server.json('/admin/v1/customers', { headers: benAuth })).body.items
  assert.ok(his.some((c) => c.id === customer.id), 'the customer is his now')
  assert.ok(his.every((c) => c.owner_staff_id === members['阿斌'].id))
  const amyAuth = await login(server, { shop: 'demo', login: 'amy@demo.shop', password: 'clerk till drawer' })
  assert.deepEqual((await server.json('/admin/v1/customers', { headers: amyAuth })).body.items, [])
  await ben.locator('[data-test=task-list]').getByRole('button', { name: '完成' }).click()
  await ben.getByText('已完成「回访王芳」').waitFor()
  assert.deepEqual(problems.errors, [])
})
