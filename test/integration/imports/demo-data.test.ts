// The demo generator's files go through the real importer (as `npm run demo` does). With over
// 50,000 usage rows into an empty table this is also the bulk path that drops and rebuilds
// monthly_usage's keys: the schema must come out exactly as it went in.
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import { generateDemoData, type DemoData } from '../../../server/demo/generate.ts'
import { runImport } from '../../../server/imports/run.ts'
import { resetState, testConfig, testDb } from '../../helper.ts'

const schemaOf = (db: Db) => db.$queryRaw<{ def: string }[]>`
  SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid IN ('monthly_usage'::regclass, 'customers'::regclass)
  UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid IN ('monthly_usage'::regclass, 'customers'::regclass)
  ORDER BY 1`

describe('demo data through the importer', () => {
  let db: Db
  let data: DemoData
  const importAll = () => runImport({ databaseUrl: testConfig().DATABASE_URL, files: data.files, province: '山西省' })

  beforeAll(async () => {
    db = testDb()
    await resetState(db)
    data = await generateDemoData({ dir: mkdtempSync(join(tmpdir(), 'demo-import-')), customers: 5_000, asOf: '2026-11-23' })
  })

  afterAll(async () => {
    await db.$disconnect()
  })

  it('imports cleanly, rebuilding the keys it dropped for the bulk load', async () => {
    const schema = await schemaOf(db)
    expect(data.counts.usageRows).toBeGreaterThan(50_000)
    const report = await importAll()
    expect(report.rejected).toEqual([])
    expect(report.imported).toBe(data.people.length + data.counts.customers + data.counts.usageRows)
    expect(await db.customer.count()).toBe(data.counts.customers)
    expect(await db.monthlyUsage.count()).toBe(data.counts.usageRows)
    expect(await db.customer.count({ where: { status: 'closed', closedOn: { not: null } } })).toBe(data.counts.closed)
    expect(await schemaOf(db)).toEqual(schema)
  })

  it('changes nothing when imported again', async () => {
    expect(await importAll()).toEqual({ imported: 0, updated: 0, rejected: [] })
  })

  it('rejects numbers without a customer in a bulk load, which leaves them out, and keeps the rest', async () => {
    await db.monthlyUsage.deleteMany()
    const path = join(mkdtempSync(join(tmpdir(), 'demo-import-')), 'usage.csv')
    const lines = readFileSync(data.files.usage, 'utf8').trimEnd().split('\n')
    writeFileSync(path, [...lines, '13000000000,2026-09,10,0,1'].join('\n'))
    const report = await runImport({ databaseUrl: testConfig().DATABASE_URL, files: { usage: path }, province: '山西省' })
    expect(report.imported).toBe(data.counts.usageRows)
    expect(report.rejected).toEqual([{ file: 'usage.csv', line: lines.length + 1, field: 'msisdn', message: 'no customer with this number (import it in customers.csv first)' }])
  })

  it('rejects a repeated month in a bulk load and keeps the rest', async () => {
    await db.monthlyUsage.deleteMany()
    const lines = readFileSync(data.files.usage, 'utf8').trimEnd().split('\n')
    const unknown = '13000000000,2026-09,10,0,1'
    appendFileSync(data.files.usage, `${lines[1]}\n${unknown}\n${unknown}\n`)
    const report = await runImport({ databaseUrl: testConfig().DATABASE_URL, files: { usage: data.files.usage }, province: '山西省' })
    expect(report.imported).toBe(data.counts.usageRows)
    const noCustomer = 'no customer with this number (import it in customers.csv first)'
    expect(report.rejected).toEqual([
      { file: 'usage.csv', line: lines.length + 1, field: 'month', message: 'repeats line 2' },
      { file: 'usage.csv', line: lines.length + 2, field: 'msisdn', message: noCustomer },
      { file: 'usage.csv', line: lines.length + 3, field: 'msisdn', message: noCustomer },
    ])
  })
})
