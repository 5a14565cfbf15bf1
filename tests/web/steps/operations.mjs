// The console's operations, as steps of a person's journey: each takes the
// page (or the server, for what a test sets up through the API instead of
// the screen), does one thing as staff would, checks what they see, saves
// a screenshot, and returns what the next step needs. The journeys of
// tests/web/*.test.mjs compose these with the store's and the catalog's.
//
//   await signInToConsole(page, server.base, kDemoOwner)
//   const order = await placePaidOrder(server, { skuId })
//   await shipOrderInConsole(page, server.base, { orderId: order.id, trackingNo: 'SF…' })
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { screenshot } from '../harness.mjs'

export const kDemoOwner = { shop: 'demo', login: 'owner@demo.shop', password: 'weishang-demo' }
export const kBuyer = { name: '李娜', phone: '13800138001', region: '湖南', address: '长沙市岳麓区 8 号' }

// Integer fen of a figure as the console shows it ("¥1,234.50", "-¥0.05"),
// by its digits (BigInt, no floating point).
export function fenOf(text) {
  const m = /^(-?)¥([\d,]+)\.(\d\d)$/.exec(text.trim())
  assert.ok(m, `not an amount in yuan: ${JSON.stringify(text)}`)
  const fen = BigInt(m[2].replace(/,/g, '')) * 100n + BigInt(m[3])
  return Number(m[1] ? -fen : fen)
}

async function call(server, method, path, body, headers = {}) {
  const r = await fetch(server.base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await r.text()
  const json = text ? JSON.parse(text) : null
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`)
  return json
}

// A SKU of the shop's with at least `quantity` units in stock.
export async function skuInStock(server, { shop = 'demo', quantity = 1 } = {}) {
  const { items } = await call(server, 'GET', `/store/v1/${shop}/products?limit=20`)
  for (const p of items) {
    const detail = await call(server, 'GET', `/store/v1/${shop}/products/${p.id}`)
    const sku = detail.skus.find((s) => s.stock >= quantity)
    if (sku) return { productId: p.id, skuId: sku.id, title: detail.title, spec: sku.spec_text }
  }
  throw new Error(`no SKU of ${shop} has ${quantity} in stock`)
}

// Set up through the storefront API, as a buyer's phone would: a cart, the
// SKU in it, checkout with an address, and payment through the sandbox's
// stand-in gateway. Returns the paid order (with its `order_token`).
export async function placePaidOrder(server, { shop = 'demo', skuId, quantity = 1, buyer = kBuyer, couponCode } = {}) {
  const cart = await call(server, 'POST', `/store/v1/${shop}/carts`, {}, { 'Idempotency-Key': randomUUID() })
  await call(server, 'PUT', `/store/v1/${shop}/carts/${cart.cart_token}/lines/${skuId}`, { quantity })
  const order = await call(
    server,
    'POST',
    `/store/v1/${shop}/checkout`,
    { cart_token: cart.cart_token, buyer, ...(couponCode ? { coupon_code: couponCode } : {}) },
    { 'Idempotency-Key': randomUUID() },
  )
  const pay = await call(server, 'POST', `/store/v1/${shop}/orders/${order.order_token}/pay`, { provider: 'sandbox' })
  await call(server, 'POST', pay.gateway_url)
  const paid = await call(server, 'GET', `/store/v1/${shop}/orders/${order.order_token}`)
  assert.equal(paid.status, 'paid')
  return { ...paid, order_token: order.order_token }
}

// The buyer's half, through the storefront API: confirms receipt of a
// shipped order and asks for after-sales (`kind`) of `quantity` units of
// line 1. Returns the request.
export async function buyerAsksAftersales(server, { shop = 'demo', orderToken, kind = 'no_reason_return', quantity = 1, reason = '不合口味' }) {
  await call(server, 'POST', `/store/v1/${shop}/orders/${orderToken}/receive`)
  return call(
    server,
    'POST',
    `/store/v1/${shop}/orders/${orderToken}/aftersales`,
    { kind, reason, lines: [{ line_no: 1, quantity }] },
    { 'Idempotency-Key': randomUUID() },
  )
}

// The buyer's order as the store's order page reads it.
export function buyerOrder(server, { shop = 'demo', orderToken }) {
  return call(server, 'GET', `/store/v1/${shop}/orders/${orderToken}`)
}

// Signs in on the console's login page; ends on the dashboard.
export async function signInToConsole(page, base, { shop, login, password }) {
  await page.goto(`${base}/console/login`)
  await page.getByLabel('店铺').fill(shop)
  await page.getByLabel('账号').fill(login)
  await page.getByLabel('密码', { exact: true }).fill(password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL((u) => u.pathname === '/console/')
}

// The dashboard's figures as shown: today's and the 30 days' paid orders
// (numbers) and money (fen, null where the role sees none), orders to ship
// and after-sales to handle.
export async function readDashboard(page, base, { shot } = {}) {
  await page.goto(`${base}/console/`)
  const today = page.locator('[data-test=today]')
  await today.locator('[data-test=orders]').waitFor()
  await page.locator('.daily-chart canvas').waitFor()
  const figure = async (block, key, money) => {
    const el = page.locator(`[data-test=${block}] [data-test=${key}] .dashboard-page__figure-value`)
    if ((await el.count()) === 0) return null
    const text = await el.textContent()
    return money ? fenOf(text) : Number(text)
  }
  const count = async (key) =>
    Number(await page.locator(`[data-test=${key}] .dashboard-page__figure-value`).textContent())
  const out = {
    today: {
      orders: await figure('today', 'orders', false),
      paid: await figure('today', 'paid', true),
      refunded: await figure('today', 'refunded', true),
      revenue: await figure('today', 'revenue', true),
    },
    period: {
      orders: await figure('period', 'orders', false),
      paid: await figure('period', 'paid', true),
      revenue: await figure('period', 'revenue', true),
    },
    toShip: await count('to-ship'),
    toHandle: await count('to-handle'),
  }
  if (shot) await screenshot(page, shot)
  return out
}

// Staff open the order and ship it with a courier and tracking number; the
// page then shows it shipped with that tracking number.
export async function shipOrderInConsole(page, base, { orderId, carrier = '顺丰速运', trackingNo, shot }) {
  await page.goto(`${base}/console/orders?status=paid`)
  const row = page.locator('[data-test=orders] tr', { hasText: orderId })
  await row.waitFor()
  await row.getByRole('link', { name: orderId }).click()
  await page.getByRole('heading', { name: `订单 ${orderId}` }).waitFor()
  await page.getByRole('button', { name: '发货', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: '发货' })
  await choose(dialog, '快递公司', carrier)
  await dialog.getByLabel('快递单号').fill(trackingNo)
  if (shot) await screenshot(page, `${shot}-dialog`)
  await dialog.getByRole('button', { name: '确认发货' }).click()
  await page.locator('.el-tag[data-status=shipped]').first().waitFor()
  const shipment = page.locator('[data-test=shipment]')
  await shipment.getByText(trackingNo, { exact: true }).waitFor()
  await shipment.getByText(carrier, { exact: true }).waitFor()
  await page.locator('[data-test=trail] [data-kind=shipped]').waitFor()
  if (shot) await screenshot(page, shot)
}

// Staff open the after-sales request from the list of those to handle,
// approve it, and confirm the returned goods arrived; the refund goes out.
// `afterApprove`, when given, runs between the two (the buyer sending the
// parcel back on their phone); the page is then reloaded to show it.
// Returns the refund shown (fen) and the order's refunded total shown.
export async function approveAndReceiveReturn(page, base, { aftersalesId, shot, afterApprove }) {
  await page.goto(`${base}/console/aftersales?status=requested`)
  await page.getByRole('link', { name: aftersalesId }).click()
  await page.getByRole('heading', { name: `售后 ${aftersalesId}` }).waitFor()
  if (shot) await screenshot(page, `${shot}-requested`)
  await page.getByRole('button', { name: '同意', exact: true }).click()
  await page.locator('.el-tag[data-status=approved]').waitFor()
  if (afterApprove) {
    await afterApprove()
    await page.reload()
    await page.locator('.el-tag[data-status=returning]').waitFor()
    if (shot) await screenshot(page, `${shot}-returning`)
  }
  await page.getByRole('button', { name: '确认收到退货' }).click()
  await page.locator('.el-tag[data-status=refunded]').waitFor()
  const refund = fenOf(await page.locator('[data-test=refund]').textContent())
  const orderRefunded = await page.locator('[data-test=order-refunded]').textContent()
  if (shot) await screenshot(page, shot)
  return { refund, orderRefunded: fenOf(orderRefunded.replace(/^.*?(-?¥)/, '$1')) }
}

// The order's money as its console page shows it: total, refunded and kept (fen).
export async function readOrderMoney(page, base, { orderId, shot }) {
  await page.goto(`${base}/console/orders/${orderId}`)
  const money = page.locator('[data-test=money]')
  await money.waitFor()
  const value = async (key) => {
    const el = money.locator(`[data-test=money-${key}]`)
    return (await el.count()) ? fenOf(await el.textContent()) : null
  }
  const out = { total: await value('total'), refunded: await value('refunded'), net: await value('net') }
  if (shot) await screenshot(page, shot)
  return out
}

// The finance page's figures over all time (fen).
export async function readFinance(page, base, { shot } = {}) {
  await page.goto(`${base}/console/finance`)
  await page.getByRole('button', { name: '全部时间' }).click()
  await page.locator('[data-test=refunded] .finance-page__figure-value').waitFor()
  await page.waitForLoadState('networkidle')
  const value = async (key) => fenOf(await page.locator(`[data-test=${key}] .finance-page__figure-value`).textContent())
  const out = { pending: await value('pending'), settled: await value('settled'), refunded: await value('refunded') }
  if (shot) await screenshot(page, shot)
  return out
}

// Staff upload a shipping CSV on the batch page and ship it; returns the
// per-row report as shown: [{ line, orderId, ok, message }].
export async function batchShipFromCsv(page, base, { csv, shot }) {
  await page.goto(`${base}/console/orders/batch-ship`)
  await page.locator('[data-test=csv-file]').setInputFiles({
    name: 'ship.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  })
  await page.locator('[data-test=row-count]').getByText(/共 \d+ 行待发货/).waitFor()
  await page.getByRole('button', { name: '开始发货' }).click()
  const report = page.locator('[data-test=batch-report]')
  await report.getByRole('button', { name: '再传一个文件' }).waitFor()
  const rows = await report.locator('[data-test=batch-rows] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())
      return { line: Number(cells[0]), orderId: cells[1], ok: cells[2] === '已发货', message: cells[2] }
    }),
  )
  if (shot) await screenshot(page, shot)
  return rows
}

// Staff export the order list under a status filter as a CSV file; returns
// its name and text.
export async function exportOrdersCsv(page, base, { status = '' } = {}) {
  await page.goto(`${base}/console/orders${status ? `?status=${status}` : ''}`)
  await page.locator('[data-test=orders]').waitFor()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 CSV' }).click(),
  ])
  const chunks = []
  for await (const chunk of await download.createReadStream()) chunks.push(chunk)
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') }
}

// An Element Plus select by its label: the box around its input, which
// takes the click (the value shown covers the input itself).
// Chooses `option` (a string or a pattern) of the select labelled `label`
// inside `scope`: opens it and picks from its own list (the combobox names
// its list by aria-controls; another select's list may still be fading out).
export async function choose(scope, label, option) {
  const page = typeof scope.page === 'function' ? scope.page() : scope // `has` is relative: built from the page
  const combobox = scope.getByRole('combobox', { name: label, exact: true })
  await scope.locator('.el-select__wrapper', { has: page.getByRole('combobox', { name: label, exact: true }) }).click()
  const list = page.locator(`[id="${await combobox.getAttribute('aria-controls')}"]`)
  const name = typeof option === 'string' ? { name: option, exact: true } : { name: option }
  await list.getByRole('option', name).click()
}

// The owner adds a staff member on the staff page; answers the alert shown
// (the engine's message when it refused, else the confirmation).
export async function addStaffInConsole(page, base, { name, login, role = '员工', password, shot }) {
  if (!page.url().endsWith('/console/staff')) await page.goto(`${base}/console/staff`)
  await page.locator('[data-test=staff-list]').waitFor()
  await page.getByRole('button', { name: '添加员工' }).click()
  const dialog = page.getByRole('dialog', { name: '添加员工' })
  await dialog.getByLabel('姓名').fill(name)
  await dialog.getByLabel('登录账号').fill(login)
  await choose(dialog, '角色', new RegExp(`^${role}：`))
  await dialog.getByLabel('初始密码').fill(password)
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/admin/v1/staff'))
  await dialog.getByRole('button', { name: '添加', exact: true }).click()
  const ok = (await answered).status() === 201
  const shown = ok
    ? page.locator('.staff-page__notice').getByText(`已添加 ${name}`)
    : dialog.getByRole('alert').locator('.el-alert__title')
  await shown.waitFor()
  const text = (await shown.textContent()).trim()
  if (shot) await screenshot(page, shot)
  if (!ok) {
    await dialog.getByRole('button', { name: '取消' }).click()
    await dialog.waitFor({ state: 'hidden' })
  }
  return text
}

// Changes a staff member's role on the staff page; answers the notice shown.
export async function changeRoleInConsole(page, { name, role, shot }) {
  const changed = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/admin/v1/staff/'))
  await choose(page, `角色 ${name}`, new RegExp(`^${role}：`))
  await changed
  // The page cleared its notice when the change began; this is the new one.
  const notice = page.locator('.staff-page__notice .el-alert__title')
  await notice.waitFor()
  const text = (await notice.textContent()).trim()
  if (shot) await screenshot(page, shot)
  return text
}

// An order placed through the storefront API and not paid yet.
export async function placeUnpaidOrder(server, { shop = 'demo', skuId, quantity = 1, buyer = kBuyer } = {}) {
  return call(
    server,
    'POST',
    `/store/v1/${shop}/checkout`,
    { lines: [{ sku_id: skuId, quantity }], buyer },
    { 'Idempotency-Key': randomUUID() },
  )
}

// Staff record an offline payment (a transfer) on an unpaid order. An
// amount other than the order's total is caught by the form, which says
// what it should be; answers that message, then pays the right amount.
export async function confirmPaymentInConsole(page, base, { orderId, wrongYuan, reference, shot }) {
  await page.goto(`${base}/console/orders/${orderId}`)
  await page.getByRole('button', { name: '确认收款' }).click()
  const dialog = page.getByRole('dialog', { name: '确认线下收款' })
  const amount = dialog.getByLabel('收款金额（元）')
  const total = await amount.inputValue()
  let caught = null
  if (wrongYuan) {
    await amount.fill(wrongYuan)
    await dialog.getByRole('button', { name: '确认收款' }).click()
    caught = (await dialog.locator('.el-form-item__error').textContent()).trim()
    await amount.fill(total)
  }
  await dialog.getByLabel('流水号/备注').fill(reference)
  if (shot) await screenshot(page, `${shot}-dialog`)
  await dialog.getByRole('button', { name: '确认收款' }).click()
  await page.locator('.el-tag[data-status=paid]').first().waitFor()
  await page.locator('[data-test=payments]').getByText(reference).waitFor()
  if (shot) await screenshot(page, shot)
  return { caught, total }
}

// Staff cancel an unpaid order with a reason.
export async function cancelOrderInConsole(page, base, { orderId, reason, shot }) {
  await page.goto(`${base}/console/orders/${orderId}`)
  await page.getByRole('button', { name: '取消订单' }).click()
  const dialog = page.getByRole('dialog', { name: '取消订单' })
  await choose(dialog, '取消原因', reason)
  await dialog.getByRole('button', { name: '确认取消' }).click()
  await page.locator('.el-tag[data-status=cancelled]').first().waitFor()
  await page.locator('[data-test=trail] [data-kind=cancelled]').waitFor()
  if (shot) await screenshot(page, shot)
}

// Staff refuse an after-sales request with the reason the buyer will read.
export async function refuseAftersalesInConsole(page, base, { aftersalesId, reason, shot }) {
  await page.goto(`${base}/console/aftersales/${aftersalesId}`)
  await page.getByRole('button', { name: '拒绝', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: '拒绝售后' })
  await dialog.getByRole('button', { name: '确认拒绝' }).click()
  await dialog.getByText('请写明拒绝原因').waitFor() // checked before sending
  await dialog.getByLabel('拒绝原因').fill(reason)
  await dialog.getByRole('button', { name: '确认拒绝' }).click()
  await page.locator('.el-tag[data-status=refused]').waitFor()
  await page.locator('[data-test=request]').getByText(reason).waitFor()
  if (shot) await screenshot(page, shot)
}

// Staff take an exchange through: approve it, confirm the goods came back,
// and send the replacement with its tracking number.
export async function exchangeInConsole(page, base, { aftersalesId, carrier = '顺丰速运', trackingNo, shot }) {
  await page.goto(`${base}/console/aftersales/${aftersalesId}`)
  await page.getByRole('button', { name: '同意', exact: true }).click()
  await page.locator('.el-tag[data-status=approved]').waitFor()
  await page.getByRole('button', { name: '确认收到退货' }).click()
  await page.locator('.el-tag[data-status=received]').waitFor()
  await page.getByRole('button', { name: '寄出换货' }).click()
  const dialog = page.getByRole('dialog', { name: '寄出换货' })
  await choose(dialog, '快递公司', carrier)
  await dialog.getByLabel('快递单号').fill(trackingNo)
  await dialog.getByRole('button', { name: '确认发货' }).click()
  await page.locator('.el-tag[data-status=exchanged]').waitFor()
  await page.getByText(`${carrier} ${trackingNo}`).waitFor()
  if (shot) await screenshot(page, shot)
}
