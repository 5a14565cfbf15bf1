// The merchant's catalog in the console, on a desktop (1440×900):
// (a) a new owner opens a shop (a weak password first: the engine's message
// shows under the field), creates a product with two spec options (four
// SKUs) and a picture, prices and stocks it, puts it on sale and on the home
// page, and the store's home then shows it; and, in the demo shop, a
// category, a coupon, the products' CSV export and, on a phone (375×812),
// a full reduction reached through the menu panel.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openPage, startServer, yuan } from './harness.mjs'
import {
  createCoupon,
  createProduct,
  createReduction,
  featureOnHome,
  makePng,
  productOnSaleViaApi,
  publishProduct,
  screenshot,
  signInAs,
  signUpShop,
} from './steps/catalog.mjs'

const kDesktop = { width: 1440, height: 900 }

test('a new owner opens a shop, lists a product with two specs and a picture, and the store shows it', async (t) => {
  const server = await startServer(t)
  const { page, problems } = await openPage(t, kDesktop)

  const shop = await signUpShop(
    page,
    server.base,
    { name: '辣妹子卤味', slug: 'lameizi', login: 'owner@lameizi.shop', owner: '李老板', password: 'chilli duck river' },
    { weakPassword: '12345678' },
  )
  assert.match(shop.weakMessage, /password/, 'the engine said why the password was refused')

  const skus = {
    '规格: 3只装; 口味: 微辣': { price: '19.90', stock: '50', listPrice: '29.90' },
    '规格: 3只装; 口味: 特辣': { price: '19.90', stock: '40' },
    '规格: 6只装; 口味: 微辣': { price: '35.9', stock: '30' },
    '规格: 6只装; 口味: 特辣': { price: '35.90', stock: '0' },
  }
  const picture = makePng()
  const product = await createProduct(page, server.base, {
    title: '麻辣鸭脖',
    subtitle: '一口上瘾的湘味鸭脖，真空小包装',
    picture,
    specs: [
      { name: '规格', values: ['3只装', '6只装'] },
      { name: '口味', values: ['微辣', '特辣'] },
    ],
    skus,
    cycleDays: 14,
  })
  await publishProduct(page)
  const featured = await featureOnHome(page, server.base, '麻辣鸭脖')
  assert.deepEqual(featured, ['麻辣鸭脖'])

  // What the store now says, from the storefront's own API.
  const home = (await server.json(`/store/v1/${shop.slug}/home`)).body
  assert.deepEqual(home.featured.map((p) => [p.id, p.min_price, p.max_price]), [[product.id, 1990, 3590]])
  const detail = (await server.json(`/store/v1/${shop.slug}/products/${product.id}`)).body
  assert.equal(detail.subtitle, '一口上瘾的湘味鸭脖，真空小包装')
  assert.equal(detail.consumption_cycle_days, 14)
  assert.deepEqual(
    detail.skus.map((s) => [s.spec_text, s.price, s.list_price, s.stock, s.sold_out]),
    [
      ['规格: 3只装; 口味: 微辣', 1990, 2990, 50, false],
      ['规格: 3只装; 口味: 特辣', 1990, null, 40, false],
      ['规格: 6只装; 口味: 微辣', 3590, null, 30, false],
      ['规格: 6只装; 口味: 特辣', 3590, null, 0, true],
    ],
  )
  const served = await fetch(server.base + detail.main_image.url)
  assert.equal(served.status, 200)
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), picture, 'the uploaded picture is served back')

  // And what a buyer sees on the store's home.
  await page.goto(`${server.base}/s/${shop.slug}/`)
  await page.getByRole('heading', { level: 1, name: '辣妹子卤味' }).waitFor()
  const tile = page.locator('[data-test=product]', { hasText: '麻辣鸭脖' })
  await tile.waitFor()
  assert.equal(await tile.locator('[data-test=price]').textContent(), `${yuan(1990)}–${yuan(3590)}`)
  await screenshot(page, 'catalog-08-store-home')

  assert.deepEqual(problems.errors, [])
  assert.deepEqual(problems.failedResponses, ['422 /admin/v1/auth/signup'])
})

test('in the demo shop, staff add a category, create a coupon, export the products and, on a phone, create a full reduction', async (t) => {
  const server = await startServer(t)
  const grant = (
    await server.json('/admin/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ shop: 'demo', login: 'owner@demo.shop', password: 'weishang-demo' }),
    })
  ).body
  const auth = { headers: { Authorization: `Bearer ${grant.token}` } }
  const { page, problems } = await openPage(t, kDesktop, { acceptDownloads: true })
  await signInAs(page, grant, 'demo')

  await page.goto(`${server.base}/console/categories`)
  await page.getByRole('heading', { name: '商品分类' }).waitFor()
  await page.getByLabel('新分类').fill('礼盒专区')
  await page.getByRole('button', { name: '添加', exact: true }).click()
  await page.getByRole('cell', { name: '礼盒专区', exact: true }).waitFor()
  await page.getByRole('button', { name: '礼盒专区 上移' }).click()
  await page.getByText('顺序已保存').waitFor()
  const categories = (await server.json('/admin/v1/categories', auth)).body.items
  const at = categories.findIndex((c) => c.name === '礼盒专区')
  assert.equal(at, categories.length - 2, 'moved up one place')
  await screenshot(page, 'catalog-09-categories')

  const { row } = await createCoupon(page, server.base, {
    code: 'DUCK10',
    name: '鸭脖立减 10 元',
    amount: '10',
    minSpend: '69',
  })
  assert.match(await row.textContent(), /立减 ¥10\.00.*满 ¥69\.00 可用/)
  const coupon = (await server.json('/admin/v1/coupons', auth)).body.items.find((c) => c.code === 'DUCK10')
  assert.deepEqual([coupon.kind, coupon.amount_off, coupon.min_spend, coupon.status], ['fixed', 1000, 6900, 'active'])

  await page.goto(`${server.base}/console/products`)
  await page.getByRole('link', { name: '湘味礼盒', exact: true }).waitFor()
  await screenshot(page, 'catalog-10-products')
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 CSV' }).click(),
  ])
  assert.match(download.suggestedFilename(), /^products-\d{8}\.csv$/)
  const chunks = []
  for await (const chunk of await download.createReadStream()) chunks.push(chunk)
  const csv = Buffer.concat(chunks)
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the byte order mark Excel needs')
  const lines = csv.subarray(3).toString('utf8').trimEnd().split('\r\n')
  assert.ok(lines[0].startsWith('商品ID,商品名称,卖点,分类,商品状态,SKU ID,规格,售价(元)'), lines[0])
  assert.ok(lines.some((l) => l.includes(',湘味礼盒,') && l.includes(',168.00,')), 'the gift box at ¥168.00')

  // A product put on the home page first (through the API) is moved one
  // place back with the arrows and saved.
  const extra = await productOnSaleViaApi(
    server,
    grant.token,
    { title: '剁椒鱼头酱', subtitle: '下饭神器', skus: [{ price: 1490, stock: 10 }] },
    { feature: true },
  )
  await page.goto(`${server.base}/console/home`)
  await page.locator('[data-test=featured] li').first().getByText('剁椒鱼头酱').waitFor()
  await page.getByRole('button', { name: '剁椒鱼头酱 往后' }).click()
  await page.getByRole('button', { name: '保存', exact: true }).click()
  await page.getByText('首页已保存').waitFor()
  const featured = (await server.json('/admin/v1/home', auth)).body.featured.map((p) => p.id)
  assert.equal(featured.indexOf(extra.id), 1)
  await screenshot(page, 'catalog-11-home-reordered')

  // On a phone, through the menu panel: a full reduction with two tiers.
  await page.setViewportSize({ width: 375, height: 812 })
  const { row: reduction } = await createReduction(page, server.base, {
    name: '满99减10 满199减30',
    tiers: [
      { threshold: '99', off: '10' },
      { threshold: '199', off: '30' },
    ],
  })
  assert.match(await reduction.textContent(), /满 ¥99\.00 减 ¥10\.00，满 ¥199\.00 减 ¥30\.00.*全店/)
  const made = (await server.json('/admin/v1/reductions', auth)).body.items.find((r) => r.name === '满99减10 满199减30')
  assert.deepEqual(made.tiers, [
    { threshold: 9900, off: 1000 },
    { threshold: 19900, off: 3000 },
  ])
  assert.deepEqual([made.product_ids, made.category_ids], [[], []])

  assert.deepEqual(problems.errors, [])
  assert.deepEqual(problems.failedResponses, [])
})
