// The merchant's catalog and marketing steps in the console, each a
// function over a Playwright page that returns what the next step needs, so
// a journey (sign up → product → on sale → home page → coupon → …) can be
// put together from them. Each step waits for what the person would see
// before it returns, and saves a screenshot under the test output folder.
import { randomUUID } from 'node:crypto'
import { deflateSync } from 'node:zlib'
import { screenshot as save } from '../harness.mjs'

// Element Plus fades dialogs, toasts and tags in (about 0.3 s): a
// screenshot waits for them to be drawn in full.
export async function screenshot(page, name) {
  await page.waitForTimeout(400)
  await save(page, name)
}

// A PNG of `width`×`height` pixels of one colour, made here (no fixture
// file): the signature, IHDR, one IDAT of unfiltered RGB rows, IEND.
export function makePng(width = 64, height = 64, [r, g, b] = [214, 69, 65]) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc32 = (buf) => {
    let c = 0xffffffff
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(data.length, 0)
    head.write(type, 4, 'ascii')
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
    return Buffer.concat([head, data, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(width).fill([r, g, b]).flat())])
  const pixels = Buffer.concat(Array(height).fill(row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// Signs the page in to the console as the holder of `grant` (the answer of
// POST /admin/v1/auth/login or /signup) for `shop`, the way the console keeps
// its session (web/src/shared/session.ts), without going through the login
// page: for steps whose precondition is being signed in.
export async function signInAs(page, grant, shop) {
  await page.addInitScript((s) => {
    localStorage.setItem('weishang.console.session', JSON.stringify(s))
  }, { token: grant.token, expiresAt: grant.expires_at, shop })
}

// Opens a new shop from the console's sign-up page and lands signed in on
// the dashboard. `weakPassword`, when given, is tried first: the engine's
// strength message must show under the password field. Returns the shop.
export async function signUpShop(page, base, shop, { weakPassword } = {}) {
  await page.goto(`${base}/console/login`)
  await page.getByRole('link', { name: '还没有店铺？免费开店' }).click()
  await page.getByRole('heading', { name: '开一家新店' }).waitFor()
  await page.getByLabel('店铺名称').fill(shop.name)
  await page.getByLabel('店铺链接名').fill(shop.slug)
  await page.getByText(`店铺链接：${base}/s/${shop.slug}/`).waitFor()
  await page.getByLabel('登录账号').fill(shop.login)
  await page.getByLabel('你的称呼').fill(shop.owner)
  let weakMessage = null
  if (weakPassword) {
    await page.getByLabel('密码', { exact: true }).fill(weakPassword)
    const answer = page.waitForResponse((r) => r.url().endsWith('/admin/v1/auth/signup'))
    await page.getByRole('button', { name: '开店并登录' }).click()
    weakMessage = (await (await answer).json()).error.message
    await page.locator('.el-form-item__error', { hasText: weakMessage }).waitFor()
    await screenshot(page, 'catalog-01-signup-weak-password')
  }
  await page.getByLabel('密码', { exact: true }).fill(shop.password)
  await page.getByRole('button', { name: '开店并登录' }).click()
  await page.waitForURL((u) => u.pathname === '/console/')
  await page.locator('[data-test=staff]').getByText(shop.owner, { exact: true }).waitFor()
  await screenshot(page, 'catalog-02-signed-up')
  return { ...shop, weakMessage }
}

// Creates a product in the console: title, selling point, a main picture
// uploaded from `picture` (PNG bytes), the spec options (each {name,
// values}) whose combinations become SKUs, and each SKU's price and stock
// (`skus`: {"规格: 3只装; 口味: 微辣": {price: '19.90', stock: '50'}} in
// yuan and units, keyed as the table labels them). Saves it as a draft and
// returns its id from the address.
export async function createProduct(page, base, product) {
  await page.goto(`${base}/console/products`)
  await page.getByRole('heading', { name: '商品' }).waitFor()
  await page.getByRole('button', { name: '发布商品' }).first().click()
  await page.getByRole('heading', { name: '发布商品' }).waitFor()
  await page.getByLabel('商品名称').fill(product.title)
  await page.getByLabel('一句话卖点').fill(product.subtitle)
  if (product.category) {
    await page.getByRole('combobox', { name: '分类' }).click()
    await page.getByRole('option', { name: product.category, exact: true }).click()
  }
  await page.getByLabel('上传主图').setInputFiles({ name: 'main.png', mimeType: 'image/png', buffer: product.picture })
  await page.getByRole('img', { name: '主图第 1 张' }).waitFor()
  for (const [i, spec] of product.specs.entries()) {
    await page.getByRole('button', { name: '添加规格' }).click()
    await page.getByLabel(`规格名 ${i + 1}`).fill(spec.name)
    const value = page.getByLabel(`${spec.name}的新规格值`)
    for (const v of spec.values) {
      await value.fill(v)
      await value.press('Enter')
    }
  }
  for (const [sku, { price, stock, listPrice }] of Object.entries(product.skus)) {
    await page.getByLabel(`${sku} 售价`).fill(price)
    await page.getByLabel(`${sku} 库存`).fill(stock)
    if (listPrice) await page.getByLabel(`${sku} 划线价`).fill(listPrice)
  }
  await page.getByLabel('消费周期（天）').fill(String(product.cycleDays ?? 0))
  await screenshot(page, 'catalog-03-product-form')
  await page.getByRole('button', { name: '保存为草稿' }).click()
  await page.waitForURL(/\/console\/products\/prd_[0-9a-z]+$/)
  await page.locator('[data-test=status]', { hasText: '草稿' }).waitFor()
  return { id: new URL(page.url()).pathname.split('/').pop() }
}

// On the open product's page: saves and puts it on sale.
export async function publishProduct(page) {
  await page.getByRole('button', { name: '保存并上架' }).click()
  await page.locator('[data-test=status]', { hasText: '在售' }).waitFor()
  await screenshot(page, 'catalog-04-product-on-sale')
}

// Puts the product titled `title` on the store's home page and saves.
// Returns the titles featured, in order, as the page shows them.
export async function featureOnHome(page, base, title) {
  await page.goto(`${base}/console/home`)
  await page.getByRole('heading', { name: '首页装修' }).waitFor()
  await page.getByRole('button', { name: `把 ${title} 加入首页` }).click()
  await page.getByRole('button', { name: '保存', exact: true }).click()
  await page.getByText('首页已保存').waitFor()
  await screenshot(page, 'catalog-05-home-arranged')
  const featured = page.locator('[data-test=featured] li')
  return featured.evaluateAll((items) =>
    items.map((li) => li.querySelector('.home-arrange-page__name')?.textContent?.trim()),
  )
}

// Creates a fixed-amount coupon (`amount` and `minSpend` in yuan) on the
// coupons page and waits for it in the list.
export async function createCoupon(page, base, coupon) {
  await page.goto(`${base}/console/coupons`)
  await page.getByRole('heading', { name: '优惠券' }).waitFor()
  await page.getByRole('button', { name: '新建优惠券' }).click()
  const dialog = page.getByRole('dialog', { name: '新建优惠券' })
  await dialog.getByLabel('券码').fill(coupon.code)
  await dialog.getByLabel('名称').fill(coupon.name)
  await dialog.getByLabel('立减（元）').fill(coupon.amount)
  await dialog.getByLabel('使用门槛（元）').fill(coupon.minSpend)
  await screenshot(page, 'catalog-06-coupon-form')
  await dialog.getByRole('button', { name: '创建' }).click()
  await dialog.waitFor({ state: 'hidden' })
  const row = page.locator('[data-test=coupons] tr', { hasText: coupon.code })
  await row.waitFor()
  await screenshot(page, 'catalog-07-coupon-listed')
  return { code: coupon.code, row }
}

// Creates a full reduction for the whole shop (`tiers` in yuan:
// [{threshold: '99', off: '10'}]) on the reductions page, reached through
// the console's menu (on a phone, the menu panel), and waits for it in the
// list. Returns its row.
export async function createReduction(page, base, reduction) {
  await page.goto(`${base}/console/`)
  if (page.viewportSize().width < 768) await page.getByRole('button', { name: '菜单' }).click()
  await page.getByRole('menuitem', { name: '营销' }).click()
  await page.getByRole('menuitem', { name: '满减' }).click()
  await page.getByRole('heading', { name: '满减' }).waitFor()
  await page.getByRole('button', { name: '新建满减' }).click()
  const dialog = page.getByRole('dialog', { name: '新建满减' })
  await dialog.getByLabel('活动名称').fill(reduction.name)
  for (const [i, tier] of reduction.tiers.entries()) {
    if (i > 0) await dialog.getByRole('button', { name: '+ 加一档' }).click()
    await dialog.getByLabel(`第 ${i + 1} 档门槛`).fill(tier.threshold)
    await dialog.getByLabel(`第 ${i + 1} 档优惠`).fill(tier.off)
  }
  await screenshot(page, 'catalog-12-reduction-form')
  await dialog.getByRole('button', { name: '创建' }).click()
  await dialog.waitFor({ state: 'hidden' })
  const row = page.locator('[data-test=reductions] tr', { hasText: reduction.name })
  await row.waitFor()
  await screenshot(page, 'catalog-13-reduction-listed')
  return { row }
}

// Preconditions through the HTTP API, for journeys whose subject is not the
// catalog (a buyer's checkout, staff shipping): a product on sale with its
// SKUs, on the home page if wanted. `server` is harness.mjs's startServer().

// Creates `product` (a ProductInput of docs/openapi.yaml), puts it on sale
// and, with `feature`, first on the home page; returns the Product.
export async function productOnSaleViaApi(server, token, product, { feature = false } = {}) {
  const auth = { Authorization: `Bearer ${token}` }
  const created = await server.json('/admin/v1/products', {
    method: 'POST',
    headers: { ...auth, 'Idempotency-Key': `product-${randomUUID()}` },
    body: JSON.stringify(product),
  })
  if (created.status !== 201) throw new Error(`product failed: ${JSON.stringify(created.body)}`)
  const published = await server.json(`/admin/v1/products/${created.body.id}/status`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ action: 'publish' }),
  })
  if (published.status !== 200) throw new Error(`publish failed: ${JSON.stringify(published.body)}`)
  if (feature) {
    const home = (await server.json('/admin/v1/home', { headers: auth })).body
    const ids = [created.body.id, ...home.featured.map((p) => p.id)].slice(0, 8)
    const set = await server.json('/admin/v1/home', { method: 'PUT', headers: auth, body: JSON.stringify({ product_ids: ids }) })
    if (set.status !== 200) throw new Error(`home failed: ${JSON.stringify(set.body)}`)
  }
  return published.body
}
