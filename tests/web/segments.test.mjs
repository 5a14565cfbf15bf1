// The merchant builds a segment in the console (desktop, the demo shop):
// three buyers pay in the store and become customers; two of them carry a
// manual tag; in the builder, a tag condition makes the live count 2, and a
// spend condition beside it makes it 1; saved, the segment's customers in
// the customer list are exactly the one who matches.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { test } from 'node:test'
import { openPage, screenshot, startServer } from './harness.mjs'
import { kBuyer, kDemoOwner, placePaidOrder, signInToConsole, skuInStock } from './steps/operations.mjs'

async function call(server, token, method, path, body, key) {
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }
  if (key) headers['Idempotency-Key'] = key
  const r = await fetch(server.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await r.text()
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`)
  return JSON.parse(text)
}

// The customer the server's customers handler made of a paying buyer.
async function customerOf(server, token, phone) {
  for (let i = 0; i < 200; i++) {
    const page = await call(server, token, 'GET', `/admin/v1/customers?q=${phone}`)
    const c = page.items[0]
    if (c && c.orders_count >= 1) return c
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`${phone} did not become a customer`)
}

test('the merchant builds a segment with a live count, saves it, and lists its customers', async (t) => {
  const server = await startServer(t)
  const login = await server.json('/admin/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(kDemoOwner),
  })
  const token = login.body.token
  const { skuId } = await skuInStock(server, { quantity: 5 })
  const buyers = [
    { ...kBuyer, name: '分群甲', phone: '13700000001', quantity: 3 },
    { ...kBuyer, name: '分群乙', phone: '13700000002', quantity: 1 },
    { ...kBuyer, name: '分群丙', phone: '13700000003', quantity: 2 },
  ]
  const orders = []
  for (const { quantity, ...buyer } of buyers) orders.push(await placePaidOrder(server, { skuId, quantity, buyer }))
  const [a, b] = [await customerOf(server, token, buyers[0].phone), await customerOf(server, token, buyers[1].phone)]
  await customerOf(server, token, buyers[2].phone)
  const group = await call(server, token, 'POST', '/admin/v1/tag-groups', { name: '测试分组' }, randomUUID())
  const tag = await call(server, token, 'POST', '/admin/v1/tags', { group_id: group.id, name: '测试VIP' }, randomUUID())
  await call(server, token, 'POST', `/admin/v1/tags/${tag.id}/customers`, { add: [a.id, b.id] })

  const { page, problems } = await openPage(t, { width: 1440, height: 900 })
  await signInToConsole(page, server.base, kDemoOwner)
  await page.goto(`${server.base}/console/segments/new`)
  await page.getByRole('heading', { name: '新建分群' }).waitFor()
  await page.locator('input[data-test=segment-name]').fill('测试VIP大客户')
  const live = page.locator('[data-test=live-count]')
  await live.getByText('添加条件后显示人数').waitFor()

  // One condition: who carries the tag.
  await page.locator('[data-test=add-tag]').click()
  await page.locator('[data-test=condition-tag]').click()
  await page.getByRole('option', { name: '测试VIP', exact: true }).click()
  await live.getByText(/^\s*2 人\s*$/).waitFor()

  // And spent at least what the first buyer paid: only they remain.
  await page.locator('[data-test=add-attr]').click()
  const spent = (orders[0].totals.total / 100).toFixed(2)
  await page.locator('input[data-test=condition-value]').fill(spent)
  await live.getByText(/^\s*1 人\s*$/).waitFor()
  await page.locator('.segment-builder__sample').getByText('分群甲').waitFor()
  await screenshot(page, 'segment-builder')

  await page.locator('[data-test=save-segment]').click()
  await page.waitForURL('**/console/segments')
  const row = page.locator('.el-table__row', { hasText: '测试VIP大客户' })
  await row.waitFor()
  await row.getByRole('button', { name: '查看客户' }).click()
  await page.waitForURL((u) => u.pathname === '/console/customers' && u.searchParams.has('segment'))
  await page.locator('[data-test=customer-count]').getByText('共 1 位客户').waitFor()
  const names = await page.locator('.customer-list__name').allTextContents()
  assert.deepEqual(names.map((n) => n.trim()), ['分群甲'])
  await page.locator('.el-table__row', { hasText: '分群甲' }).getByText('测试VIP').waitFor()
  await screenshot(page, 'segment-customers')

  assert.deepEqual(problems.errors, [])
  assert.deepEqual(problems.failedResponses, [])
})
