// Two server nodes with jobs on: one daily schedule and one monthly schedule between them
// (fixed scheduler ids), each slot one job, and a run enqueued once is run once.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDefaults } from '../../../server/campaigns/defaults.ts'
import type { Db } from '../../../server/db/client.ts'
import { SCHEDULES } from '../../../server/jobs/plugin.ts'
import { build, resetState, testDb } from '../../helper.ts'

describe('job scheduling across nodes', () => {
  let nodes: FastifyInstance[]
  let db: Db

  beforeAll(async () => {
    db = testDb()
    const first = await build({ JOBS: 'on' })
    await resetState(db, first)
    await first.close()
    await ensureDefaults(db)
    nodes = [await build({ JOBS: 'on' }), await build({ JOBS: 'on' })]
  })
  afterAll(async () => {
    for (const n of nodes) await n.close()
    await db.$disconnect()
  })

  it('registers each schedule once, at 07:00 and on the 1st at 06:00 centre time', async () => {
    const rules = await nodes[0]!.jobs.rulesRun.getJobSchedulers()
    expect(rules).toHaveLength(1)
    expect(rules[0]).toMatchObject({ key: SCHEDULES.rulesRun.id, pattern: '0 7 * * *', tz: 'Asia/Shanghai' })
    const churn = await nodes[1]!.jobs.churnTrain.getJobSchedulers()
    expect(churn).toHaveLength(1)
    expect(churn[0]).toMatchObject({ key: SCHEDULES.churnTrain.id, pattern: '0 6 1 * *' })
    // the next slot is one delayed job, not one per node
    expect(await nodes[0]!.jobs.rulesRun.getDelayedCount()).toBe(1)
    const [next] = await nodes[0]!.jobs.rulesRun.getDelayed()
    const at = new Date(next!.timestamp + next!.delay)
    expect(at.toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai' })).toBe('07:00:00')
  })

  it('runs an enqueued job on exactly one node', async () => {
    const queue = nodes[1]!.jobs.rulesRun
    const job = await queue.add('on-demand', { asOf: '2025-01-10' })
    for (let i = 0; i < 600 && (await queue.getJobState(job.id!)) !== 'completed'; i++) await new Promise((r) => setTimeout(r, 50))
    expect(await queue.getJobState(job.id!)).toBe('completed')
    expect(await db.ruleRun.count({ where: { asOf: new Date('2025-01-10T00:00:00Z') } })).toBe(1)
  })
})
