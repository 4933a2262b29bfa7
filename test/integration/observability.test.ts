import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app.ts'
import type { Db } from '../../server/db/client.ts'
import * as fx from '../fixtures.ts'
import { build, loginAs, resetState, testConfig, testDb } from '../helper.ts'

describe('health, metrics, docs, errors', () => {
  let app: FastifyInstance
  let db: Db
  beforeAll(async () => {
    app = await build()
    db = testDb()
    await resetState(db, app)
  })
  afterAll(async () => {
    await app.close()
    await db.$disconnect()
  })

  it('/health is 200 when PostgreSQL and Redis answer', async () => {
    const res = await app.inject('/health')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok' })
  })

  it('/health is 503 naming PostgreSQL when it is down', async () => {
    const broken = await buildApp(testConfig({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/none' }), { logger: false })
    const res = await broken.inject('/health')
    await broken.close()
    expect(res.statusCode).toBe(503)
    expect(res.json()).toEqual({ status: 'down', down: ['postgresql'] })
  })

  it('/health is 503 naming Redis when it is down', async () => {
    const broken = await buildApp(testConfig({ REDIS_URL: 'redis://127.0.0.1:1' }), { logger: false })
    const res = await broken.inject('/health')
    await broken.close()
    expect(res.statusCode).toBe(503)
    expect(res.json()).toEqual({ status: 'down', down: ['redis'] })
  })

  it('/metrics is Prometheus text', async () => {
    await app.inject('/health')
    const res = await app.inject('/metrics')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/plain')
    expect(res.body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} \d+/)
  })

  it('/docs serves the OpenAPI document with the login route', async () => {
    const res = await app.inject('/docs/json')
    expect(res.statusCode).toBe(200)
    expect(res.json().paths['/api/auth/login']).toBeDefined()
    expect((await app.inject('/docs')).statusCode).toBeLessThan(400)
  })

  it('unknown routes use the one error shape', async () => {
    const res = await app.inject('/api/nope')
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ error: 'NOT_FOUND', message: 'no route GET /api/nope' })
  })

  it('logs never carry ID numbers or addresses', async () => {
    const lines: string[] = []
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done() } })
    const logged = await buildApp(testConfig({ LOG_LEVEL: 'info' }), { logger: { level: 'info', stream: sink, redact: { paths: (await import('../../server/common/mask.ts')).redactPaths, censor: '[redacted]' } } })
    await logged.ready()
    const b = await fx.branch(db, '太原')
    await fx.user(db, { username: 'admin_log', role: 'admin', branchId: b.id })
    const c = await fx.customer(db, { branchId: b.id })
    const token = await loginAs(logged, 'admin_log')
    await logged.inject({ method: 'PATCH', url: `/api/customers/${c.id}`, headers: { authorization: `Bearer ${token}` }, payload: { idNumber: '140101199001011111', address: '太原市迎泽区某某街8号' } })
    logged.log.info({ customer: { idNumber: '140101199001011111', address: '太原市迎泽区某某街8号' } }, 'a handler logging a customer')
    await logged.close()
    const all = lines.join('\n')
    expect(all).toContain('a handler logging a customer')
    expect(all).not.toContain('140101199001011111')
    expect(all).not.toContain('某某街8号')
  })
})
