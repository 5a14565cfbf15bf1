// Unit tests for pure helpers only (money, formatting); what a person sees is
// tested in the browser against the real engine (tests/web/).
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
})
