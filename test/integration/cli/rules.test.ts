// The operator commands as an operator runs them (a child process on this worker's
// database): rules run, queue export in both formats, churn export, and bad usage.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDefaults } from '../../../server/campaigns/defaults.ts'
import type { Db } from '../../../server/db/client.ts'
import { user } from '../../fixtures.ts'
import { resetState, testConfig, testDb } from '../../helper.ts'
import { loadCustomers } from '../rules/csv-fixtures.ts'

const run = promisify(execFile)

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'server/cli/index.ts', ...args], {
      env: { ...process.env, DATABASE_URL: testConfig().DATABASE_URL, LOG_LEVEL: 'silent' },
      maxBuffer: 16 * 1024 * 1024,
    })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

const CUSTOMERS = `
msisdn,network,payment,balance,contract_end,marketing_opt_out,service_manager,name
13900000901,BB,prepaid,5,2025-02-01,1,mgr1,"王,五"
13900000902,BB,postpaid,100,,0,,李四`

describe('rules / queue / churn commands', () => {
  let db: Db

  beforeAll(async () => {
    db = testDb()
    await resetState(db)
    await ensureDefaults(db)
    await user(db, { username: 'mgr1', role: 'agent' })
    await loadCustomers(db, CUSTOMERS)
  })
  afterAll(async () => db.$disconnect())

  it('rules run --json prints asOf, per-rule counts, entries and ms', async () => {
    const res = await cli('rules', 'run', '--as-of', '2025-01-10', '--json')
    expect(res.code).toBe(0)
    const out = JSON.parse(res.stdout)
    expect(Object.keys(out)).toEqual(['asOf', 'rules', 'entries', 'ms'])
    expect(out).toMatchObject({ asOf: '2025-01-10', entries: 3, rules: { ARREARS_PREPAID: 1, CONTRACT_EXPIRY: 1, FIRST_CONTACT: 1, BIRTHDAY: 0 } })
    expect(out.ms).toBeGreaterThan(0)
  })

  it('queue export writes every entry as CSV with the contract columns', async () => {
    const res = await cli('queue', 'export', '--campaign', 'all')
    expect(res.code).toBe(0)
    expect(res.stdout.split('\n')[0]).toBe('msisdn,campaign,reasons,priority,agent,status,blocked_by')
    const rows = parse(res.stdout, { columns: true }) as Record<string, string>[]
    expect(rows.map((r) => [r.msisdn, r.campaign, r.reasons, r.agent, r.status, r.blocked_by])).toEqual([
      ['+8613900000901', 'RELATIONSHIP', 'FIRST_CONTACT', 'mgr1', 'queued', ''],
      ['+8613900000901', 'RETENTION', 'CONTRACT_EXPIRY', 'mgr1', 'blocked', 'marketing_opt_out'],
      ['+8613900000901', 'SERVICE_CARE', 'ARREARS_PREPAID', 'mgr1', 'queued', ''],
    ])
  })

  it('queue export --format json (or --json) writes the same rows as a JSON array', async () => {
    const json = await cli('queue', 'export', '--campaign', 'RETENTION', '--format', 'json')
    expect(JSON.parse(json.stdout)).toEqual([
      { msisdn: '+8613900000901', campaign: 'RETENTION', reasons: 'CONTRACT_EXPIRY', priority: expect.any(Number), agent: 'mgr1', status: 'blocked', blocked_by: 'marketing_opt_out' },
    ])
    expect(JSON.parse((await cli('queue', 'export', '--campaign', 'SURVEY', '--json')).stdout)).toEqual([])
  })

  it('bad usage exits 2 naming the problem; an unknown campaign fails with 1', async () => {
    expect(await cli('rules', 'run', '--as-of', '2025-02-30')).toMatchObject({ code: 2, stderr: expect.stringContaining('--as-of must be a date') })
    expect(await cli('rules', 'run')).toMatchObject({ code: 2 })
    expect(await cli('queue', 'export', '--campaign', 'all', '--format', 'xml')).toMatchObject({ code: 2 })
    expect(await cli('queue', 'export', '--campaign', 'NOPE')).toMatchObject({ code: 1, stderr: expect.stringContaining('campaign NOPE not found') })
  })

  it('churn train fails with 1 when no customer has closed yet; churn export lists scores', async () => {
    expect(await cli('churn', 'train', '--as-of', '2025-01-10', '--json')).toMatchObject({ code: 1, stderr: expect.stringContaining('closed within 3 months') })
    const model = await db.churnModel.create({ data: { asOf: new Date('2025-01-10'), auc: 0.8, report: {}, weights: {} } })
    const ids = await db.customer.findMany({ orderBy: { id: 'asc' } })
    await db.churnScore.createMany({ data: ids.map((c, i) => ({ customerId: c.id, modelId: model.id, score: 0.25 + i * 0.5 })) })
    const res = await cli('churn', 'export')
    expect(res.stdout).toBe('msisdn,score\n+8613900000902,0.75\n+8613900000901,0.25\n')
  })
})
