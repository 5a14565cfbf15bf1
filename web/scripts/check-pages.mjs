// After `vite build`: each app's index.html may load scripts only from files
// (the engine's Content-Security-Policy, script-src 'self', refuses inline
// script), and must load some.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { outDir } from './out-dir.mjs'

let failed = false
for (const app of ['shop', 'console']) {
  const html = readFileSync(join(outDir, app, 'index.html'), 'utf8')
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
  const inline = scripts.filter(([, attrs, body]) => !/\bsrc=/.test(attrs) || body.trim() !== '')
  const handlers = html.match(/\son[a-z]+\s*=/gi) ?? []
  if (scripts.length === 0) {
    console.error(`check-pages: ${app}/index.html loads no script`)
    failed = true
  }
  if (inline.length > 0 || handlers.length > 0) {
    console.error(`check-pages: ${app}/index.html has inline script: ${inline.map((s) => s[0]).join(' ')} ${handlers.join(' ')}`)
    failed = true
  }
}
if (failed) process.exit(1)
console.log('check-pages: no inline script in shop/index.html or console/index.html')
