import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import * as fx from '../../fixtures.ts'
import { build, loginAs, resetState, testDb } from '../../helper.ts'
import { CsvFolder, customerRow } from './csv.ts'

/** A multipart/form-data body with one file per field. */
function multipart(files: Record<string, string>) {
  const boundary = '----import-test-boundary'
  const parts = Object.entries(files).map(([field, path]) => Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${path.split('/').pop()}"\r\nContent-Type: text/csv\r\n\r\n`),
    readFileSync(path),
    Buffer.from('\r\n'),
  ]))
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}

describe('POST /api/imports', () => {
  let app: FastifyInstance
  let db: Db
  let admin: string
  let adminId: number
  const csv = new CsvFolder()

  beforeAll(async () => {
    app = await build()
    db = testDb()
    await resetState(db, app)
    const taiyuan = await fx.branch(db, '太原')
    adminId = (await fx.user(db, { username: 'admin', role: 'admin' })).id
    await fx.user(db, { username: 'ty01', role: 'agent', branchId: taiyuan.id })
    admin = await loginAs(app, 'admin')
  })

  afterAll(async () => {
    await app.close()
    await db.$disconnect()
  })

  const post = (token: string, files: Record<string, string>) => {
    const { payload, headers } = multipart(files)
    return app.inject({ method: 'POST', url: '/api/imports', payload, headers: { ...headers, authorization: `Bearer ${token}` } })
  }

  /** Polls the job until it ends; returns every view seen. */
  async function follow(id: number) {
    const seen = []
    for (let i = 0; i < 300; i++) {
      const res = await app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { authorization: `Bearer ${admin}` } })
      expect(res.statusCode).toBe(200)
      const view = res.json()
      seen.push(view)
      if (view.status !== 'running') return seen
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(`import ${id} did not finish`)
  }

  it('is for admins only', async () => {
    const agent = await loginAs(app, 'ty01')
    const path = csv.customers('c.csv', [customerRow('13700000001')])
    expect((await post(agent, { customers: path })).statusCode).toBe(403)
  })

  it('runs in the background and reports progress, counts and rejected rows', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => customerRow(`137${String(10_000_000 + i).slice(-8)}`, i === 7 ? { tier: 'gold-ish' } : {}))
    const customers = csv.customers('customers.csv', rows)
    const usage = csv.write('usage.csv', ['msisdn', 'month', 'bill', 'sp_fee', 'call_minutes'],
      rows.flatMap((r) => ['2026-08', '2026-09', '2026-10'].map((m) => [r.msisdn!, m, '66.50', '0', '120'])))
    const res = await post(admin, { customers, usage })
    expect(res.statusCode).toBe(202)
    const { id, status } = res.json()
    expect(status).toBe('running')

    const seen = await follow(id)
    const processed = seen.map((v) => v.processed)
    expect(processed).toEqual([...processed].sort((a, b) => a - b)) // progress only moves forward
    const done = seen.at(-1)
    expect(done).toMatchObject({ status: 'succeeded', files: ['customers', 'usage'], processed: 12_000, imported: 2_999 + 8_997, updated: 0, rejectedCount: 4, error: null })
    expect(done.rejected[0]).toEqual({ file: 'customers.csv', line: 9, field: 'tier', message: '"gold-ish" is not one of diamond, gold, silver, star, standard' })
    expect(done.rejected.slice(1).map((r: { file: string; field: string }) => [r.file, r.field])).toEqual(Array(3).fill(['usage.csv', 'msisdn']))
    expect(done.finishedAt).not.toBeNull()
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'import', entityId: String(id) } })
    expect(audit.actorId).toBe(adminId)

    const list = await app.inject({ method: 'GET', url: '/api/imports', headers: { authorization: `Bearer ${admin}` } })
    expect(list.json()[0]).toMatchObject({ id, status: 'succeeded', rejectedCount: 4 })
  })

  it('marks a job failed, saying why, when a file cannot be imported', async () => {
    const path = csv.write('bad-header.csv', ['msisdn', 'month'], [['13700000001', '2026-09']])
    const res = await post(admin, { usage: path })
    const done = (await follow(res.json().id)).at(-1)
    expect(done).toMatchObject({ status: 'failed', imported: 0, error: 'bad-header.csv: the header lacks the column bill' })
  })

  it('refuses unknown file fields and empty uploads, naming the field', async () => {
    const path = csv.customers('x.csv', [customerRow('13700000001')])
    const wrong = await post(admin, { clients: path })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json()).toMatchObject({ error: 'VALIDATION_ERROR', field: 'clients' })
    const empty = await app.inject({ method: 'POST', url: '/api/imports', headers: { authorization: `Bearer ${admin}` }, payload: {} })
    expect(empty.statusCode).toBe(400)
  })
})
