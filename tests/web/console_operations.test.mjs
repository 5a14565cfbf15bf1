// Staff run the shop from the console on a desktop (1440×900), against the
// real engine with the demo shop: a buyer's order paid in the store shows on
// the dashboard; staff ship it and the buyer's order page says so; the buyer
// returns one unit without a reason, staff approve and receive it, and the
// refund shows in the console (after-sales, order, money) and to the buyer;
// a CSV with one bad row ships the good rows and names the bad one's error.
// Then the same console on a phone (375×812).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openPage, screenshot, startServer, yuan } from './harness.mjs'
import {
  approveAndReceiveReturn,
  batchShipFromCsv,
  buyerAsksAftersales,
  buyerOrder,
  choose,
  exportOrdersCsv,
  kDemoOwner,
  placePaidOrder,
  readDashboard,
  readFinance,
  readOrderMoney,
  shipOrderInConsole,
  signInToConsole,
  skuInStock,
} from './steps/operations.mjs'

test('staff ship a paid order, take a return back, and batch-ship from a CSV', async (t) => {
  const server = await startServer(t)
  const { page, problems } = await openPage(t, { width: 1440, height: 900 })
  await signInToConsole(page, server.base, kDemoOwner)
  const before = await readDashboard(page, server.base, { shot: 'ops-dashboard-before' })
  const financeBefore = await readFinance(page, server.base)

  // (e) A buyer's order, paid in the store, counts on today's dashboard.
  const { skuId } = await skuInStock(server, { quantity: 5 })
  const order = await placePaidOrder(server, { skuId, quantity: 2 })
  const total = order.totals.total
  const paidDay = await readDashboard(page, server.base, { shot: 'ops-dashboard-paid' })
  assert.equal(paidDay.today.orders, before.today.orders + 1, "today's paid orders")
  assert.equal(paidDay.today.paid, before.today.paid + total, "today's money paid in")
  assert.equal(paidDay.today.revenue, before.today.revenue + total, "today's net takings")
  assert.equal(paidDay.period.orders, before.period.orders + 1)
  assert.equal(paidDay.toShip, before.toShip + 1, 'one more order to ship')

  // (c) Staff ship it; the buyer's order page says shipped, with the tracking number.
  await shipOrderInConsole(page, server.base, { orderId: order.id, trackingNo: 'SF1234567890', shot: 'ops-ship' })
  const shipped = await buyerOrder(server, { orderToken: order.order_token })
  assert.equal(shipped.status, 'shipped')
  assert.deepEqual([shipped.shipment.carrier, shipped.shipment.tracking_no], ['顺丰速运', 'SF1234567890'])

  // (d) The buyer confirms receipt and returns one unit without a reason;
  // staff approve and receive it; the refund shows on both sides.
  const request = await buyerAsksAftersales(server, { orderToken: order.order_token, quantity: 1 })
  const { refund, orderRefunded } = await approveAndReceiveReturn(page, server.base, {
    aftersalesId: request.id,
    shot: 'ops-return-refunded',
  })
  assert.equal(refund, request.refund_amount + request.refund_postage)
  assert.equal(orderRefunded, refund)
  const money = await readOrderMoney(page, server.base, { orderId: order.id, shot: 'ops-order-refunded' })
  assert.deepEqual(money, { total, refunded: -refund, net: total - refund })
  const financeAfter = await readFinance(page, server.base, { shot: 'ops-finance' })
  assert.equal(financeAfter.refunded, financeBefore.refunded + refund)
  const returned = await buyerOrder(server, { orderToken: order.order_token })
  assert.equal(returned.refunded_total, refund, "the buyer's order shows the refund")
  assert.equal(returned.aftersales[0].status, 'refunded')
  const refundedDay = await readDashboard(page, server.base, { shot: 'ops-dashboard-refunded' })
  assert.equal(refundedDay.today.refunded, before.today.refunded + refund)
  assert.equal(refundedDay.today.revenue, before.today.revenue + total - refund)
  assert.equal(refundedDay.today.orders, before.today.orders + 1, 'the order still counts as paid today')

  // Batch shipping: two paid orders and the one already shipped.
  const a = await placePaidOrder(server, { skuId })
  const b = await placePaidOrder(server, { skuId })
  const csv = [
    'order_id,carrier,tracking_no',
    `${a.id},中通快递,ZT1000000001`,
    `${order.id},中通快递,ZT1000000002`,
    `${b.id},"顺丰速运",SF1000000003`,
  ].join('\r\n')
  const rows = await batchShipFromCsv(page, server.base, { csv, shot: 'ops-batch-ship' })
  assert.deepEqual(
    rows.map((r) => [r.line, r.orderId, r.ok]),
    [
      [2, a.id, true],
      [3, order.id, false],
      [4, b.id, true],
    ],
  )
  assert.equal(rows[1].message, 'the order is received', "the engine's reason for the bad row")
  await page.getByText('成功 2 行').waitFor()
  await page.getByText('失败 1 行').waitFor()
  for (const o of [a, b]) {
    assert.equal((await buyerOrder(server, { orderToken: o.order_token })).status, 'shipped')
  }

  // The shipped orders as a file for Excel: a byte-order mark, the header,
  // one row per order with its money in yuan.
  const file = await exportOrdersCsv(page, server.base, { status: 'shipped' })
  assert.match(file.name, /^orders-\d{4}-\d{2}-\d{2}\.csv$/)
  assert.ok(file.text.startsWith('\uFEFF订单号,状态,'), file.text.slice(0, 40))
  const lines = file.text.trim().split('\r\n')
  for (const o of [a, b]) {
    const line = lines.find((l) => l.startsWith(`${o.id},已发货,`))
    assert.ok(line, `${o.id} is in the file`)
    const paidYuan = yuan(o.totals.total).replace('¥', '').replace(/,/g, '')
    assert.ok(line.includes(`,${paidYuan},`), `${o.id} paid ${paidYuan}: ${line}`)
  }

  assert.deepEqual(problems.errors, [])
  assert.deepEqual(problems.failedResponses, [])
})

test('the console works on a phone: the menu folds into a drawer, an order reads top to bottom', async (t) => {
  const server = await startServer(t)
  const { skuId } = await skuInStock(server)
  const order = await placePaidOrder(server, { skuId })
  const { page, problems } = await openPage(t, { width: 375, height: 812 }, { isMobile: true, hasTouch: true })
  await signInToConsole(page, server.base, kDemoOwner)
  await page.locator('[data-test=today] [data-test=orders]').waitFor()
  await screenshot(page, 'ops-phone-dashboard')
  await page.getByRole('button', { name: '菜单' }).click()
  await page.getByRole('menuitem', { name: '订单' }).click()
  await page.waitForURL('**/console/orders')
  await page.getByRole('link', { name: order.id }).click()
  await page.getByRole('heading', { name: `订单 ${order.id}` }).waitFor()
  await page.locator('[data-test=money]').waitFor()
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 375, `the page fits the phone's width (${width}px)`)
  await screenshot(page, 'ops-phone-order')
  // In English, from the drawer.
  await page.getByRole('button', { name: '菜单' }).click()
  await choose(page.getByRole('dialog'), '语言', 'English')
  await page.getByRole('heading', { name: `Order ${order.id}` }).waitFor()
  await page.getByText('Total paid', { exact: true }).waitFor()
  await page.getByRole('dialog').locator('.el-drawer__close-btn').click()
  await page.getByRole('dialog').waitFor({ state: 'hidden' })
  const widthEn = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(widthEn <= 375, `in English too (${widthEn}px)`)
  await screenshot(page, 'ops-phone-order-en')
  assert.deepEqual(problems.errors, [])
  assert.deepEqual(problems.failedResponses, [])
})
