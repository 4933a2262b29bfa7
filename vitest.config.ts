import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'dialer/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration files share one PostgreSQL per worker; two workers suit the 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
  },
})
