import { defineConfig } from 'vitest/config'
import { svelte } from '@sveltejs/vite-plugin-svelte'

export default defineConfig({
  plugins: [svelte()],
  // Component tests run in jsdom. The "browser" condition makes Svelte resolve
  // its client runtime, so mount() works there (the default is the SSR build).
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['./vitest-setup.ts'],
    // A bound on a hung test, not a speed check: on a loaded 2-core machine
    // a jsdom test that types into a form takes several seconds.
    testTimeout: 30_000,
  },
})
