// Where `vite build` wrote (vite.config.ts): $WEB_OUT_DIR, else ../build/web.
import { fileURLToPath } from 'node:url'

export const outDir = process.env.WEB_OUT_DIR ?? fileURLToPath(new URL('../../build/web', import.meta.url))
