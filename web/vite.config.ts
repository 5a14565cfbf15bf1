// One build, two apps (a multi-page build): the micro-store (shop/index.html,
// served by the engine at /s/{shop}/…) and the merchant console
// (console/index.html, served at /console/…). Both load their code from
// /assets/, so the engine serves one folder of hashed files for both.
// The output goes to $WEB_OUT_DIR (make build sets build/web) or ../build/web.
import { fileURLToPath, URL } from 'node:url'
import type { Connect, Plugin } from 'vite'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { VantResolver } from '@vant/auto-import-resolver'

const api = process.env.WEISHANG_API ?? 'http://127.0.0.1:8080'

// `npm run dev`: the same addresses as the engine. /s/{shop}/… is the
// store's page, /console/… the console's (history mode: any path under them).
function appPages(): Plugin {
  const rewrite: Connect.NextHandleFunction = (req, _res, next) => {
    const path = (req.url ?? '').split('?')[0]
    if (/^\/s\/[^/]+(\/|$)/.test(path) && !path.includes('.')) req.url = '/shop/index.html'
    else if (/^\/console(\/|$)/.test(path) && !path.includes('.')) req.url = '/console/index.html'
    next()
  }
  return {
    name: 'weishang-app-pages',
    configureServer(server) {
      server.middlewares.use(rewrite)
    },
  }
}

// Vant's icon font names a copy on a foreign CDN after its inline (data:)
// one. The pages' policy (font-src 'self' data:) blocks it, and a buyer's
// phone should not ask a third party for it anyway: drop every remote url()
// from @font-face sources, keeping the inline and same-origin ones.
const kRemoteUrl = /^url\(\s*['"]?(https?:)?\/\//i
const dropRemoteFonts = {
  postcssPlugin: 'weishang-drop-remote-fonts',
  AtRule: {
    'font-face'(rule: { walkDecls: (prop: string, fn: (d: { value: string }) => void) => void }) {
      rule.walkDecls('src', (decl) => {
        const sources = decl.value.match(/url\([^)]*\)(\s*format\([^)]*\))?|local\([^)]*\)/gi) ?? []
        decl.value = sources.filter((s) => !kRemoteUrl.test(s)).join(',')
      })
    },
  },
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  appType: 'mpa',
  plugins: [
    vue(),
    // Vant (store) and Element Plus (console) components are imported per
    // component, with their styles, as the templates use them.
    Components({
      dts: 'src/components.d.ts',
      resolvers: [VantResolver(), ElementPlusResolver({ importStyle: 'css' })],
    }),
    appPages(),
  ],
  css: { postcss: { plugins: [dropRemoteFonts] } },
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    // vue-i18n: the Composition API only (smaller), no devtools in production.
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: process.env.WEB_OUT_DIR ?? fileURLToPath(new URL('../build/web', import.meta.url)),
    emptyOutDir: true,
    // The engine serves each file with its own content type; nothing inline
    // (the pages' Content-Security-Policy allows no inline script).
    assetsInlineLimit: 0,
    // The dashboard's chunk carries ECharts (~500 kB, ~170 kB gzipped); it
    // loads only when the dashboard opens. The store's first load has its
    // own budget (scripts/bundle-size.mjs).
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      input: {
        shop: fileURLToPath(new URL('./shop/index.html', import.meta.url)),
        console: fileURLToPath(new URL('./console/index.html', import.meta.url)),
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: Object.fromEntries(
      ['/store', '/admin', '/media', '/sandbox', '/healthz'].map((p) => [p, api]),
    ),
  },
})
