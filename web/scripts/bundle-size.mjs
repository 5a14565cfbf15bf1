// After `vite build`: what a buyer's phone downloads before the store shows
// anything, gzipped: the scripts, preloaded modules and styles that
// shop/index.html names. Fails when that passes the budget: the store opens
// from WeChat chats on mobile networks.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { outDir } from './out-dir.mjs'

const kBudget = 200 * 1024 // bytes, gzipped

const html = readFileSync(join(outDir, 'shop', 'index.html'), 'utf8')
const urls = [
  ...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g),
  ...html.matchAll(/<link\b[^>]*\brel="(?:modulepreload|stylesheet)"[^>]*\bhref="([^"]+)"/g),
  ...html.matchAll(/<link\b[^>]*\bhref="([^"]+)"[^>]*\brel="(?:modulepreload|stylesheet)"/g),
].map((m) => m[1])
const initial = [...new Set(urls)].filter((u) => u.startsWith('/'))

let total = gzipSync(html).length
const lines = [`  ${String(total).padStart(8)}  shop/index.html`]
for (const url of initial) {
  const size = gzipSync(readFileSync(join(outDir, url))).length
  total += size
  lines.push(`  ${String(size).padStart(8)}  ${url.slice(1)}`)
}
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`
console.log(`bundle-size: the store's first load, gzipped: ${kb(total)} (budget ${kb(kBudget)})`)
console.log(lines.join('\n'))
if (total > kBudget) {
  console.error(`bundle-size: over budget by ${kb(total - kBudget)}`)
  process.exit(1)
}
