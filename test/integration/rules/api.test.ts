// The warning-rule API: list, audited edits that the next run honours, and runs started
// through the job queue with their progress.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDefaults } from '../../../server/campaigns/defaults.ts'
import type { Db } from '../../../server/db/client.ts'
import { RULE_CODES } from '../../../server/rules/catalog.ts'
import { branch, user } from '../../fixtures.ts'
import { build, loginAs, resetState, testDb } from '../../helper.ts'
import { loadCustomers } from './csv-fixtures.ts'

describe('warning rules API', () => {
  let app: FastifyInstance
  let db: Db
  let admin: string
  let supervisor: string
  let agent: string

  beforeAll(async () => {
    app = await build({ JOBS: 'on' })
    db = testDb()
    await resetState(db, app)
    await ensureDefaults(db)
    const b = await branch(db, '太原')
    await user(db, { username: 'admin1', role: 'admin' })
    await user(db, { username: 'sup1', role: 'supervisor', branchId: b.id })
    await user(db, { username: 'agent1', role: 'agent', branchId: b.id })
    ;[admin, supervisor, agent] = (await Promise.all(['admin1', 'sup1', 'agent1'].map((u) => loginAs(app, u)))) as [string, string, string]
    await loadCustomers(db, 'msisdn,payment,balance,network\n13900000701,prepaid,12,BB\n13900000702,prepaid,5,BB')
  })
  afterAll(async () => {
    await app.close()
    await db.$disconnect()
  })

  const auth = (token: string) => ({ authorization: `Bearer ${token}` })

  it('lists every rule with its thresholds schema; agents may not', async () => {
    const res = await app.inject({ url: '/api/rules', headers: auth(supervisor) })
    expect(res.statusCode).toBe(200)
    const items = res.json().items as { code: string; campaign: string; thresholdsSchema: unknown }[]
    expect(items.map((r) => r.code).sort()).toEqual([...RULE_CODES].sort())
    expect(items.find((r) => r.code === 'ARREARS_PREPAID')).toMatchObject({ thresholds: { balanceBelow: 10 }, weight: 5, campaign: 'SERVICE_CARE', enabled: true })
    expect(items.find((r) => r.code === 'NEW_SUBSCRIBER')).toMatchObject({ campaign: 'NEW_SUB_CALLBACK' })
    expect((await app.inject({ url: '/api/rules', headers: auth(agent) })).statusCode).toBe(403)
  })

  it('rejects thresholds that do not fit the rule, naming the field', async () => {
    const res = await app.inject({ method: 'PATCH', url: '/api/rules/ARREARS_PREPAID', headers: auth(admin), payload: { thresholds: { balanceBelow: 'ten' } } })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ error: 'VALIDATION_ERROR', field: 'thresholds.balanceBelow' })
    const unknown = await app.inject({ method: 'PATCH', url: '/api/rules/NOPE', headers: auth(admin), payload: { enabled: false } })
    expect(unknown.statusCode).toBe(404)
    const notAdmin = await app.inject({ method: 'PATCH', url: '/api/rules/ARREARS_PREPAID', headers: auth(supervisor), payload: { enabled: false } })
    expect(notAdmin.statusCode).toBe(403)
  })

  it('an edit is audited and takes effect on the next run', async () => {
    const before = await app.inject({ method: 'POST', url: '/api/rules/run', headers: auth(admin), payload: { asOf: '2025-01-10' } })
    expect(before.statusCode).toBe(202)
    const first = await waitForRun(before.json().jobId)
    expect(first.result.rules.ARREARS_PREPAID).toBe(1)

    const res = await app.inject({ method: 'PATCH', url: '/api/rules/ARREARS_PREPAID', headers: auth(admin), payload: { thresholds: { balanceBelow: 20 }, weight: 7 } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ thresholds: { balanceBelow: 20 }, weight: 7 })
    const log = await db.auditLog.findFirstOrThrow({ where: { entity: 'warning_rule', entityId: 'ARREARS_PREPAID' } })
    expect(log).toMatchObject({ action: 'rule.update', before: { thresholds: '{"balanceBelow":10}', weight: 5 }, after: { thresholds: '{"balanceBelow":20}', weight: 7 } })

    const again = await app.inject({ method: 'POST', url: '/api/rules/run', headers: auth(supervisor), payload: { asOf: '2025-01-10' } })
    const second = await waitForRun(again.json().jobId)
    expect(second.result.rules.ARREARS_PREPAID).toBe(2)
    expect(second.progress).toMatchObject({ stage: 'queues' })
  })

  it('a disabled rule stops firing and its entries retire', async () => {
    await app.inject({ method: 'PATCH', url: '/api/rules/ARREARS_PREPAID', headers: auth(admin), payload: { enabled: false } })
    const res = await app.inject({ method: 'POST', url: '/api/rules/run', headers: auth(admin), payload: { asOf: '2025-01-11' } })
    const run = await waitForRun(res.json().jobId)
    expect(run.result.rules.ARREARS_PREPAID).toBeUndefined()
    expect(await db.queueEntry.count({ where: { status: { not: 'retired' } } })).toBe(0)
  })

  it('answers 404 for an unknown run', async () => {
    expect((await app.inject({ url: '/api/rules/runs/nope', headers: auth(admin) })).statusCode).toBe(404)
  })

  async function waitForRun(jobId: string) {
    for (let i = 0; i < 600; i++) {
      const res = await app.inject({ url: `/api/rules/runs/${jobId}`, headers: auth(admin) })
      const body = res.json()
      if (body.state === 'completed') return body
      if (body.state === 'failed') throw new Error(body.failedReason)
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error(`run ${jobId} did not finish`)
  }
})
