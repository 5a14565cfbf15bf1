// Share vouchers (分享券) in the browser, passed through two generations:
// the owner creates a campaign in the console (a trial price, 3 vouchers
// per buyer); a seed customer buys the product and pays, and finds 3
// vouchers under 我的分享券, whose share sheet gives the voucher's signed
// link; a friend opens it on their own phone, signs in from the voucher's
// page (and comes back to it), claims it, orders at the trial price and pays
// on the cashier; the friend is credited to the seed as referrer, finds 3
// vouchers of their own (generation 2) and passes one to a third person,
// who claims, orders and pays. The console's campaign then counts 2
// redemptions, 2 generations deep, and its drawer shows the generations
// (one paying customer in each of three) and the fission tree. Vouchers
// are issued by an event handler after payment: the test polls for them
// (bounded), it never sleeps and assumes.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { test } from 'node:test'
import { openPage, screenshot, startServer, yuan } from './harness.mjs'
import { kDemoOwner, signInToConsole, skuInStock } from './steps/operations.mjs'
import { pickRegion } from './steps/store.mjs'

const kTitle = '浏览器体验券'
const kSeed = '13700009001'
const kFriend = '13700009002'
const kThird = '13700009003'

async function call(server, token, method, path, body, key) {
  const headers = { 'Content-Type': 'application/json' }
  if (token) headers.Authorization = `Bearer ${token}`
  if (key) headers['Idempotency-Key'] = key
  const r = await fetch(server.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await r.text()
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`)
  return text ? JSON.parse(text) : null
}

// The code the SMS sandbox sent to `phone` last, as the merchant reads it.
async function smsCode(server, owner, phone) {
  const inbox = await call(server, owner, 'GET', `/admin/v1/sandbox/sms?phone=${phone}&limit=1`)
  return /[0-9]{6}/.exec(inbox.items[0].text)[0]
}

// A customer signed in through the API with a code from the SMS sandbox.
async function signedIn(server, owner, phone) {
  await call(server, '', 'POST', '/store/v1/demo/auth/code', { phone })
  const code = await smsCode(server, owner, phone)
  return call(server, '', 'POST', '/store/v1/demo/auth/sign-in', { phone, code })
}

// A phone of its own (its own device id), signed in as `signed` when given.
async function phoneOf(browser, signed, problems) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true })
  if (signed) {
    const session = { token: signed.token, expiresAt: signed.expires_at, name: signed.customer.display_name, phone: signed.customer.phone }
    await context.addInitScript((s) => localStorage.setItem('weishang.store.demo.session', JSON.stringify(s)), session)
  }
  const page = await context.newPage()
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  return page
}

// `check` answers a value once the engine has caught up (the vouchers
// handler runs after payment); tried for at most 10 s.
async function eventually(what, check) {
  for (let i = 0; i < 100; i++) {
    const v = await check()
    if (v) return v
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${what}: not within 10 s`)
}

// The vouchers of the campaign `customer` received to pass on.
async function toGive(server, token, campaignId) {
  const mine = await call(server, token, 'GET', '/store/v1/demo/me/vouchers')
  return mine.to_give.filter((v) => v.campaign_id === campaignId)
}

// On a voucher's page, held by this phone's customer: the delivery details,
// the order at the campaign's price, and the payment on the cashier.
async function orderAndPay(page, buyer, price, shot) {
  await page.locator('[data-test=voucher-order]').waitFor()
  await page.getByLabel('收货人').fill(buyer.name)
  await page.getByLabel('手机号').fill(buyer.phone)
  await pickRegion(page, buyer)
  await page.getByLabel('详细地址').fill(buyer.address)
  await screenshot(page, `${shot}-form`)
  await page.locator('[data-test=voucher-order]').click()
  await page.waitForURL(/\/s\/demo\/orders\/otk_[^/]+\/pay$/)
  await page.locator('[data-test=pay-amount]').getByText(yuan(price), { exact: true }).waitFor()
  await page.getByRole('button', { name: `确认支付 ${yuan(price)}` }).click()
  await page.waitForURL(/\/s\/demo\/orders\/otk_[^/]+$/)
  await page.locator('h1[data-test=order-status]').getByText('待发货').waitFor()
}

// Opens 我的分享券 from 我的; checks the campaign's vouchers to give and
// opens the first one's share sheet. Returns its signed link.
async function shareFirstVoucher(page, base, count, generation, shot) {
  await page.goto(`${base}/s/demo/me`)
  await page.locator('[data-test=me-vouchers]').click()
  await page.waitForURL(/\/s\/demo\/me\/vouchers$/)
  const mine = page.locator('[data-test=voucher-to-give]', { hasText: kTitle })
  await mine.first().waitFor()
  assert.equal(await mine.count(), count)
  assert.equal(await mine.filter({ hasText: `第 ${generation} 代` }).count(), count)
  assert.equal(await mine.filter({ hasText: '可领取' }).count(), count)
  await screenshot(page, shot)
  await mine.first().locator('[data-test=voucher-share]').click()
  const sheet = page.getByRole('dialog', { name: '分享给新朋友' })
  const poster = sheet.locator('[data-test=voucher-poster]')
  await poster.waitFor()
  assert.deepEqual(await poster.evaluate((img) => [img.naturalWidth, img.naturalHeight]), [750, 1180])
  const link = await sheet.locator('[data-test=voucher-share-link]').inputValue()
  assert.match(link, new RegExp(`^${base}/s/demo/vouchers/[0-9a-f]{16}\\?r=[A-Za-z0-9_-]+$`), 'the voucher link, signed')
  await screenshot(page, `${shot}-share`)
  return link
}

test('a share voucher passed on through two generations', async (t) => {
  const server = await startServer(t)
  const owner = (await call(server, '', 'POST', '/admin/v1/auth/login', kDemoOwner)).token
  const sku = await skuInStock(server, { quantity: 5 })
  const product = await call(server, '', 'GET', `/store/v1/demo/products/${sku.productId}`)
  const price = product.skus.find((s) => s.id === sku.skuId).price
  const trial = Math.max(1, Math.round(price / 10))
  assert.ok(trial < price)

  // The owner creates the campaign in the console.
  const { page, problems } = await openPage(t, { width: 1440, height: 900 })
  await signInToConsole(page, server.base, kDemoOwner)
  await page.goto(`${server.base}/console/vouchers`)
  await page.locator('[data-test=vouchers-create]').click()
  const form = page.locator('[data-test=voucher-form]')
  await form.locator('input[data-test=voucher-title]').fill(kTitle)
  const productBox = page.locator('[data-test=voucher-product] [role=combobox]')
  await page.locator('[data-test=voucher-product] .el-select__wrapper').click()
  await productBox.fill(sku.title)
  const productList = page.locator(`[id="${await productBox.getAttribute('aria-controls')}"]`)
  await productList.getByRole('option', { name: sku.title, exact: true }).click()
  const skuBox = page.locator('[data-test=voucher-sku] [role=combobox]')
  await skuBox.waitFor()
  await page.locator('[data-test=voucher-sku] .el-select__wrapper').click()
  const skuList = page.locator(`[id="${await skuBox.getAttribute('aria-controls')}"]`)
  await skuList.getByRole('option', { name: `${sku.spec || sku.title} · ${yuan(price)}` }).first().click()
  await form.locator('input[data-test=voucher-value]').fill((trial / 100).toFixed(2))
  await form.getByText(`原价 ${yuan(price)}`).waitFor()
  await screenshot(page, 'vouchers-console-create')
  await page.locator('[data-test=voucher-submit]').click()
  const row = page.locator('.el-table__row', { hasText: kTitle })
  await row.getByText('进行中').waitFor()
  const campaign = (await call(server, owner, 'GET', '/admin/v1/voucher-campaigns')).items.find((c) => c.title === kTitle)
  assert.equal(campaign.sku_id, sku.skuId)
  assert.equal(campaign.price, trial)
  assert.equal(campaign.list_price, price)
  assert.equal(campaign.per_buyer, 3)

  // The seed buys the product, signed in, and pays.
  const seed = await signedIn(server, owner, kSeed)
  const cart = await call(server, seed.token, 'POST', '/store/v1/demo/carts', {}, randomUUID())
  await call(server, seed.token, 'PUT', `/store/v1/demo/carts/${cart.cart_token}/lines/${sku.skuId}`, { quantity: 1 })
  const bought = await call(server, seed.token, 'POST', '/store/v1/demo/checkout', {
    cart_token: cart.cart_token,
    buyer: { name: '种子', phone: kSeed, province: '湖南省', city: '长沙市', district: '岳麓区', address: '麓山南路 1 号' },
  }, randomUUID())
  const pay = await call(server, '', 'POST', `/store/v1/demo/orders/${bought.order_token}/pay`, { provider: 'sandbox' })
  await call(server, '', 'POST', pay.gateway_url, { payer: 'sandbox-seed-phone' })
  await eventually('the seed’s vouchers', async () => (await toGive(server, seed.token, campaign.id)).length === 3)

  const browser = page.context().browser()
  const storeProblems = []
  const seedPhone = await phoneOf(browser, seed, storeProblems)
  const seedLink = await shareFirstVoucher(seedPhone, server.base, 3, 1, 'vouchers-seed-mine')

  // The friend opens it on their own phone: a guest, sent to sign in and back.
  const friendPhone = await phoneOf(browser, null, storeProblems)
  await friendPhone.goto(seedLink)
  const token = new URL(seedLink).pathname.split('/').pop()
  // The arrival is recorded and the code taken out of the address.
  await friendPhone.waitForURL((u) => u.pathname === `/s/demo/vouchers/${token}` && !u.searchParams.has('r'))
  await friendPhone.locator('[data-test=voucher-gift]').getByText(/送你一张体验券$/).waitFor()
  await friendPhone.locator('[data-test=voucher-price]').getByText(yuan(trial), { exact: true }).waitFor()
  await friendPhone.locator('[data-test=voucher-list-price]').getByText(yuan(price)).waitFor()
  await friendPhone.locator('[data-test=voucher-state]').getByText('可领取').waitFor()
  await screenshot(friendPhone, 'vouchers-friend-landing')
  await friendPhone.locator('[data-test=voucher-sign-in]').click()
  await friendPhone.waitForURL(/\/s\/demo\/sign-in\?redirect=/)
  await friendPhone.locator('[data-test=signin-phone] input').fill(kFriend)
  await friendPhone.locator('[data-test=signin-get-code]').click()
  await friendPhone.locator('[data-test=signin-get-code]').getByText(/秒后重发/).waitFor()
  await friendPhone.locator('[data-test=signin-code] input').fill(await smsCode(server, owner, kFriend))
  await friendPhone.locator('[data-test=signin-submit]').click()
  await friendPhone.waitForURL((u) => u.pathname === `/s/demo/vouchers/${token}`)
  await friendPhone.locator('[data-test=voucher-claim]').click()
  await friendPhone.locator('[data-test=voucher-state]').getByText('已领取，待使用').waitFor()
  const friendBuyer = { name: '周敏', phone: kFriend, province: '湖南省', city: '长沙市', district: '天心区', address: '芙蓉中路 90 号' }
  await orderAndPay(friendPhone, friendBuyer, trial, 'vouchers-friend')

  // The friend came through the seed's link: the seed is their referrer.
  const found = await call(server, owner, 'GET', `/admin/v1/customers?q=${kFriend}`)
  assert.equal(found.items.length, 1)
  assert.equal(found.items[0].referrer_id, seed.customer.id, 'the voucher link credited the seed')

  // The friend's own vouchers, one generation deeper.
  const friendToken = await friendPhone.evaluate(() => JSON.parse(localStorage.getItem('weishang.store.demo.session')).token)
  await eventually('the friend’s vouchers', async () => (await toGive(server, friendToken, campaign.id)).length === 3)
  const friendLink = await shareFirstVoucher(friendPhone, server.base, 3, 2, 'vouchers-friend-mine')
  await friendPhone.reload()
  await friendPhone.getByRole('tab', { name: /我领取的/ }).click()
  const claimed = friendPhone.locator('[data-test=voucher-claimed]', { hasText: kTitle })
  await claimed.getByText('已使用').waitFor()
  await screenshot(friendPhone, 'vouchers-friend-claimed')

  // The seed sees who claimed theirs.
  await seedPhone.reload()
  const given = seedPhone.locator('[data-test=voucher-to-give]', { hasText: kTitle })
  await given.filter({ hasText: '已使用' }).locator('[data-test=voucher-friend]').getByText(/已领取$/).waitFor()
  assert.equal(await given.filter({ hasText: '可领取' }).count(), 2)

  // A third person, signed in on a phone of their own, takes the friend's voucher.
  const third = await signedIn(server, owner, kThird)
  const thirdPhone = await phoneOf(browser, third, storeProblems)
  await thirdPhone.goto(friendLink)
  await thirdPhone.locator('[data-test=voucher-gift]').getByText(/送你一张体验券$/).waitFor()
  await thirdPhone.locator('[data-test=voucher-claim]').click()
  const thirdBuyer = { name: '陈晨', phone: kThird, province: '湖南省', city: '长沙市', district: '开福区', address: '湘江中路 12 号' }
  await orderAndPay(thirdPhone, thirdBuyer, trial, 'vouchers-third')

  // The giver's own voucher page asks them to pass it on.
  await seedPhone.goto(seedLink.replace(/\?.*$/, ''))
  await seedPhone.locator('[data-test=voucher-gift]').getByText('这是你的券，分享给新朋友').waitFor()

  // The console: 2 redeemed, 2 generations deep, one paying customer in each.
  await eventually('the second redemption', async () => {
    const tree = await call(server, owner, 'GET', `/admin/v1/voucher-campaigns/${campaign.id}/tree`)
    return tree.counts.redeemed === 2 && tree.counts.issued === 9 && tree.nodes.length === 3 && tree.nodes.every((n) => n.paid)
  })
  await page.reload()
  const counted = page.locator('.el-table__row', { hasText: kTitle })
  await counted.locator('[data-test=count-redeemed]').getByText('2', { exact: true }).waitFor()
  assert.equal(await counted.locator('[data-test=count-issued]').textContent(), '9')
  assert.equal(await counted.locator('[data-test=count-claimed]').textContent(), '2')
  assert.equal(await counted.locator('[data-test=count-depth]').textContent(), '2')
  await counted.locator('[data-test=voucher-detail]').click()
  const generations = page.locator('[data-test=voucher-generations] .el-table__row')
  await generations.nth(2).waitFor()
  assert.equal(await generations.count(), 3)
  assert.deepEqual(await page.locator('[data-test=voucher-generations] [data-test=gen-customers]').allTextContents(), ['1', '1', '1'])
  assert.deepEqual(await page.locator('[data-test=voucher-generations] [data-test=gen-members]').allTextContents(), ['1', '1', '1'])
  await page.locator('[data-test=voucher-summary]').getByText(/成交 2/).waitFor()
  const tree = page.locator('[data-test=voucher-tree]')
  await tree.locator('canvas').waitFor()
  assert.match(await tree.getAttribute('aria-label'), /第 2 代/)
  await screenshot(page, 'vouchers-console-tree')

  // 风险提示: the flags the engine finds (none of this test's: three phones,
  // three addresses, three payers), each a row.
  await page.keyboard.press('Escape')
  await page.getByRole('tab', { name: '风险提示' }).click()
  const flags = await call(server, owner, 'GET', '/admin/v1/voucher-flags')
  assert.ok(flags.items.every((f) => f.vouchers.every((v) => v.campaign_id !== campaign.id)), 'nothing flagged here')
  const table = page.locator('[data-test=voucher-flags]')
  if (flags.items.length === 0) await table.getByText('没有需要注意的情况').waitFor()
  else await table.locator('.el-table__row').nth(flags.items.length - 1).waitFor()
  assert.equal(await table.locator('.el-table__row').count(), flags.items.length)
  await screenshot(page, 'vouchers-console-flags')

  assert.deepEqual(storeProblems, [])
  assert.deepEqual(problems.errors, [])
  assert.deepEqual(problems.failedResponses, [])
})
