// The owner looks after the shop from the console (1440×900): adds a staff
// member (a weak first password refused in the engine's words, then a good
// one), changes their role, is told why the last owner cannot be demoted,
// disables the new account; sets the postage rule and the after-sales window
// (a malformed amount caught before sending); reads the sandbox's secret and
// its callback log. Then the orders that are not shipped: an offline payment
// confirmed (a wrong amount caught by the form), an unpaid order cancelled
// with a reason, a refund request refused with a reason the buyer reads.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { test } from 'node:test'
import { openPage, screenshot, startServer, yuan } from './harness.mjs'
import {
  addStaffInConsole,
  buyerOrder,
  cancelOrderInConsole,
  confirmPaymentInConsole,
  placeUnpaidOrder,
  refuseAftersalesInConsole,
  exchangeInConsole,
  buyerAsksAftersales,
  changeRoleInConsole,
  choose,
  kDemoOwner,
  placePaidOrder,
  signInToConsole,
  skuInStock,
} from './steps/operations.mjs'

async function ownerToken(server) {
  return (await server.json('/admin/v1/auth/login', { method: 'POST', body: JSON.stringify(kDemoOwner) })).body.token
}

test('the owner manages staff and the shop rules, reads the payment sandbox, confirms a transfer, cancels, refuses and exchanges', async (t) => {
  const server = await startServer(t)
  const token = await ownerToken(server)
  const auth = { Authorization: `Bearer ${token}` }
  const weak = await server.json('/admin/v1/staff', {
    method: 'POST',
    headers: { ...auth, 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({ login: 'probe@demo.shop', name: '试', role: 'staff', password: '12345678' }),
  })
  assert.equal(weak.status, 422)
  const me = (await server.json('/admin/v1/me', { headers: auth })).body
  const lastOwner = await server.json(`/admin/v1/staff/${me.staff_id}`, {
    method: 'PATCH',
    headers: auth,
    body: JSON.stringify({ role: 'staff' }),
  })
  assert.equal(lastOwner.status, 409)

  const { page, problems } = await openPage(t, { width: 1440, height: 900 })
  await signInToConsole(page, server.base, kDemoOwner)

  // Staff and roles.
  await page.goto(`${server.base}/console/staff`)
  const refused = await addStaffInConsole(page, server.base, {
    name: '小王', login: 'clerk@demo.shop', password: '12345678', shot: 'ops-staff-weak-password',
  })
  assert.equal(refused, weak.body.error.message)
  const added = await addStaffInConsole(page, server.base, {
    name: '小王', login: 'clerk@demo.shop', password: 'clerk till drawer',
  })
  assert.equal(added, '已添加 小王')
  const list = page.locator('[data-test=staff-list]')
  await list.getByRole('cell', { name: 'clerk@demo.shop' }).waitFor()
  assert.equal(await changeRoleInConsole(page, { name: '小王', role: '财务' }), '已更新 小王')
  const staff = (await server.json('/admin/v1/staff', { headers: auth })).body.items
  assert.equal(staff.find((s) => s.login === 'clerk@demo.shop').role, 'finance')
  const demoted = await changeRoleInConsole(page, { name: me.name, role: '员工', shot: 'ops-staff-last-owner' })
  assert.equal(demoted, lastOwner.body.error.message)
  const row = list.locator('tr', { hasText: 'clerk@demo.shop' })
  await row.getByRole('button', { name: '停用' }).click()
  await page.locator('.el-popconfirm').getByRole('button', { name: '停用' }).click()
  await row.getByText('已停用').waitFor()
  await screenshot(page, 'ops-staff')
  const after = (await server.json('/admin/v1/staff', { headers: auth })).body.items
  assert.equal(after.find((s) => s.login === 'clerk@demo.shop').status, 'disabled')
  assert.equal(after.find((s) => s.id === me.staff_id).role, 'owner', 'the owner stays owner')

  // The postage rule and the after-sales window.
  await page.goto(`${server.base}/console/settings`)
  const fee = page.getByLabel('统一运费（元）')
  await fee.waitFor()
  await fee.fill('12.345')
  await page.getByRole('button', { name: '保存' }).click()
  await page.getByText('请输入金额，最多两位小数').waitFor()
  await fee.fill('12.5')
  await page.getByLabel('包邮门槛（元）').fill('150')
  await choose(page, '不发货地区', '新疆')
  await page.getByRole('heading', { name: '店铺设置' }).click() // closes the list
  await page.getByRole('spinbutton', { name: '售后期（天）' }).fill('15')
  await page.getByRole('button', { name: '保存' }).click()
  await page.locator('[data-test=saved]').getByText('已保存').waitFor()
  await screenshot(page, 'ops-settings')
  const shop = (await server.json('/admin/v1/shop', { headers: auth })).body
  assert.equal(shop.settings.postage_flat_fee, 1250)
  assert.equal(shop.settings.postage_free_above, 15000)
  assert.ok(shop.settings.postage_excluded_regions.includes('新疆'))
  assert.equal(shop.settings.aftersales_window_days, 15)

  // The sandbox: its secret, and the callback of a payment.
  const { skuId } = await skuInStock(server)
  await placePaidOrder(server, { skuId })
  const sandbox = (await server.json('/admin/v1/payments/sandbox', { headers: auth })).body
  await page.goto(`${server.base}/console/payments/sandbox`)
  await page.locator('[data-test=sandbox-state]').getByText('本服务器已开启沙箱支付').waitFor()
  const secret = page.locator('[data-test=secret]')
  assert.notEqual((await secret.textContent()).trim(), sandbox.signing_secret, 'hidden at first')
  await page.getByRole('button', { name: '显示' }).click()
  assert.equal((await secret.textContent()).trim(), sandbox.signing_secret)
  await page.locator('[data-test=callbacks]').getByText('已入账').first().waitFor()
  await screenshot(page, 'ops-sandbox')

  // An offline payment, a cancellation, a refusal.
  const transfer = await placeUnpaidOrder(server, { skuId })
  const { caught } = await confirmPaymentInConsole(page, server.base, {
    orderId: transfer.id, wrongYuan: '1.00', reference: '微信转账 0612', shot: 'ops-confirm-payment',
  })
  assert.equal(caught, `金额应为订单实付 ${yuan(transfer.totals.total)}`)
  assert.equal((await buyerOrder(server, { orderToken: transfer.order_token })).status, 'paid')
  const unpaid = await placeUnpaidOrder(server, { skuId })
  await cancelOrderInConsole(page, server.base, { orderId: unpaid.id, reason: '缺货', shot: 'ops-cancel' })
  const cancelled = await buyerOrder(server, { orderToken: unpaid.order_token })
  assert.deepEqual([cancelled.status, cancelled.cancel_reason], ['cancelled', '缺货'])
  const asked = await server.json(`/store/v1/demo/orders/${transfer.order_token}/aftersales`, {
    method: 'POST',
    headers: { 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({ kind: 'refund_only', reason: '拍错了' }),
  })
  assert.equal(asked.status, 201)
  await refuseAftersalesInConsole(page, server.base, {
    aftersalesId: asked.body.id, reason: '商品已打包，请收货后申请退货', shot: 'ops-refuse',
  })
  const refusedPage = await buyerOrder(server, { orderToken: transfer.order_token })
  assert.deepEqual([refusedPage.aftersales[0].status, refusedPage.aftersales[0].refuse_reason],
    ['refused', '商品已打包，请收货后申请退货'])

  // An exchange: the goods come back and a replacement goes out.
  const swapped = await placePaidOrder(server, { skuId })
  const shipped = await server.json(`/admin/v1/orders/${swapped.id}/ship`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ carrier: '中通快递', tracking_no: 'ZT2000000001' }),
  })
  assert.equal(shipped.status, 200)
  const exchange = await buyerAsksAftersales(server, { orderToken: swapped.order_token, kind: 'exchange', reason: '尺码不对' })
  await exchangeInConsole(page, server.base, { aftersalesId: exchange.id, trackingNo: 'SF3000000001', shot: 'ops-exchange' })
  const exchanged = await buyerOrder(server, { orderToken: swapped.order_token })
  assert.deepEqual(exchanged.aftersales[0].replacement_shipment, { carrier: '顺丰速运', tracking_no: 'SF3000000001' })

  assert.deepEqual(problems.errors, [])
  assert.deepEqual(problems.failedResponses, ['422 /admin/v1/staff', `409 /admin/v1/staff/${me.staff_id}`])
})
