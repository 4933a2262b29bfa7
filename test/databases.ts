import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
// Test databases: one migrated template, one copy per vitest worker, so that parallel files
// never share rows and the demo database is never touched.

const DEFAULT_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres'

export const WORKER_DATABASES = 4

export function adminUrl(): string {
  return process.env.TEST_ADMIN_DATABASE_URL ?? DEFAULT_ADMIN_URL
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl())
  url.pathname = `/${name}`
  return url.toString()
}

/**
 * Namespace of this test run's databases and Redis keys. By default it is derived from the
 * checkout's path, so two checkouts (git worktrees) sharing one PostgreSQL and Redis never
 * drop each other's databases; TEST_NAMESPACE overrides it.
 */
export const testNamespace =
  process.env.TEST_NAMESPACE ?? `test_${createHash('sha1').update(fileURLToPath(new URL('..', import.meta.url))).digest('hex').slice(0, 8)}`

export const templateName = `dialer_${testNamespace}_template`
export const workerDatabaseName = (worker: number) => `dialer_${testNamespace}_w${worker}`

/** This vitest worker's number, 1-based. */
export function workerId(): number {
  return Number(process.env.VITEST_POOL_ID ?? '1')
}
