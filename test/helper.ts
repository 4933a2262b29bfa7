// Builds the real app against this worker's PostgreSQL database and Redis prefix.
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../server/app.ts'
import { loadConfig, type Config } from '../server/config.ts'
import { createDb, type Db } from '../server/db/client.ts'
import { listeningOrigin } from '../server/emulator/plugin.ts'
import { databaseUrl, testNamespace, workerDatabaseName, workerId } from './databases.ts'

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_URL: databaseUrl(workerDatabaseName(workerId())),
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `${testNamespace}:w${workerId()}`,
    JWT_SECRET: 'test-secret-test-secret',
    PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
    LOG_LEVEL: 'silent',
    TZ: 'Asia/Shanghai',
    // no job workers or schedulers unless a test asks for them (build({ JOBS: 'on' }))
    JOBS: 'off',
    ...overrides,
  })
}

export async function build(overrides: Record<string, string> = {}): Promise<FastifyInstance> {
  const app = await buildApp(testConfig(overrides), { logger: false })
  await app.ready()
  return app
}

/** Starts the app on a free loopback port; its origin (http://127.0.0.1:<port>). */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  return listeningOrigin(app)
}

/** A Prisma client on this worker's database, for arranging and asserting. */
export function testDb(): Db {
  return createDb(testConfig().DATABASE_URL, 4)
}

/** Empties every table (keeps the migrations record) and this worker's Redis keys. */
export async function resetState(db: Db, app?: FastifyInstance) {
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`
  if (tables.length) {
    await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`)
  }
  if (app) {
    const keys = await app.redis.keys(`${app.config.REDIS_PREFIX}:*`)
    if (keys.length) await app.redis.del(...keys)
  }
}

export async function loginAs(app: FastifyInstance, username: string, password = 'secret-pass'): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`)
  return (res.json() as { token: string }).token
}
