// The browser tests' world: the real weishang binary on a free loopback port
// with a temporary SQLite database and the demo shop (as tests/e2e/harness.py
// starts it), and Debian's Chromium driven by playwright-core, never a
// downloaded browser. Screenshots go to $WEISHANG_WEB_TEST_OUTPUT
// (ctest: build/web-test-output/).
//
//   const server = await startServer(t)      // stopped when the test ends
//   const page = await openPage(t, { width: 375, height: 812 })
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
// playwright-core is web/'s dependency (web/package-lock.json).
const { chromium } = createRequire(join(root, 'web', 'package.json'))('playwright-core')

const binary = process.env.WEISHANG_BINARY ?? join(root, 'build', 'weishang')
const webRoot = process.env.WEISHANG_WEB_ROOT ?? join(root, 'build', 'web')
const chromiumPath = process.env.WEISHANG_CHROMIUM ?? '/usr/bin/chromium'
export let outputDir = process.env.WEISHANG_WEB_TEST_OUTPUT ?? join(root, 'build', 'web-test-output')

// Puts this test file's screenshots in a folder of their own under the
// output folder (a journey reusing steps whose screenshot names are fixed
// would otherwise overwrite those of the steps' own tests).
export function useOutputSubfolder(name) {
  outputDir = join(outputDir, name)
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// Starts `weishang serve --demo` and waits until /healthz answers. The
// server is stopped, and its folder removed, when test `t` ends.
export async function startServer(t) {
  if (!existsSync(join(webRoot, 'shop', 'index.html'))) {
    throw new Error(`no built web front end in ${webRoot}: run make build`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'weishang-web-'))
  const portFile = join(dir, 'port')
  const log = openSync(join(dir, 'server.log'), 'w')
  const proc = spawn(
    binary,
    ['serve', '--db', join(dir, 't.db'), '--listen', '127.0.0.1:0', '--port-file', portFile,
      '--uploads', join(dir, 'uploads'), '--threads', '2', '--web-root', webRoot, '--demo',
      '--test-clock'],
    { stdio: ['ignore', log, log] },
  )
  const readLog = () => readFileSync(join(dir, 'server.log'), 'utf8')
  let exited = false
  proc.on('exit', () => {
    exited = true
  })
  // Should this process exit before the test's `after` ran (an uncaught
  // error), the server does not outlive it.
  const killOnExit = () => proc.kill('SIGKILL')
  process.on('exit', killOnExit)
  const stop = async () => {
    if (!exited) {
      proc.kill('SIGTERM')
      for (let i = 0; i < 200 && !exited; i++) await sleep(50)
      if (!exited) proc.kill('SIGKILL')
    }
    process.off('exit', killOnExit)
    rmSync(dir, { recursive: true, force: true })
  }
  t.after(stop)
  const deadline = Date.now() + 30_000
  let base = null
  while (!base) {
    if (exited || Date.now() > deadline) throw new Error(`the server did not start:\n${readLog()}`)
    const port = existsSync(portFile) ? readFileSync(portFile, 'utf8').trim() : ''
    if (port) {
      const candidate = `http://127.0.0.1:${port}`
      const ok = await fetch(`${candidate}/healthz`).then((r) => r.ok, () => false)
      if (ok) base = candidate
    }
    if (!base) await sleep(50)
  }
  return {
    base,
    readLog,
    // The engine's JSON answer to a request made outside the browser.
    async json(path, init) {
      const r = await fetch(base + path, init)
      return { status: r.status, body: await r.json() }
    },
  }
}

// A new browser page of the given viewport, in a browser closed when `t`
// ends. The page's problems are collected: script errors, console errors
// (a blocked inline script or style shows there) and failed responses.
export async function openPage(t, viewport, options = {}) {
  // Chromium's sandbox cannot start as root (containers); elsewhere it stays on.
  const args = process.getuid?.() === 0 ? ['--no-sandbox'] : []
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args })
  t.after(() => browser.close())
  const context = await browser.newContext({ viewport, locale: 'zh-CN', ...options })
  const page = await context.newPage()
  const problems = { errors: [], failedResponses: [] }
  page.on('pageerror', (e) => problems.errors.push(`page error: ${e.message}`))
  page.on('console', (m) => {
    // A failed response is logged by the browser too; those are checked
    // through failedResponses, where a test can expect some.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      problems.errors.push(`console: ${m.text()}`)
    }
  })
  page.on('response', (r) => {
    if (r.status() >= 400) problems.failedResponses.push(`${r.status()} ${new URL(r.url()).pathname}`)
  })
  return { page, problems }
}

// Saves a screenshot of the page as <outputDir>/<name>.png, with CSS
// transitions and animations run to their end (a tag fading in, a progress
// bar growing), so the picture shows the state, not a frame of a fade.
export async function screenshot(page, name) {
  mkdirSync(outputDir, { recursive: true })
  await page.screenshot({ path: join(outputDir, `${name}.png`), fullPage: true, animations: 'disabled' })
}

// Yuan from integer fen, written independently of web/src/shared/money.ts
// (BigInt rather than string slicing), to check what the page shows.
export function yuan(fen) {
  const f = BigInt(fen)
  const abs = f < 0n ? -f : f
  const whole = (abs / 100n).toLocaleString('en-US')
  const cents = String(abs % 100n).padStart(2, '0')
  return `${f < 0n ? '-' : ''}¥${whole}.${cents}`
}
