import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import { runImport } from '../../../server/imports/run.ts'
import * as fx from '../../fixtures.ts'
import { resetState, testConfig, testDb } from '../../helper.ts'
import { CsvFolder } from './csv.ts'

const header = ['msisdn', 'month', 'bill', 'sp_fee', 'call_minutes']
const importUsage = (path: string) => runImport({ databaseUrl: testConfig().DATABASE_URL, files: { usage: path }, province: '山西省' })

describe('usage.csv import', () => {
  let db: Db
  const csv = new CsvFolder()
  let customerId: number

  beforeAll(async () => {
    db = testDb()
    await resetState(db)
    const taiyuan = await fx.branch(db, '太原')
    customerId = (await fx.customer(db, { branchId: taiyuan.id, msisdn: '+8613900000001' })).id
  })

  afterAll(async () => {
    await db.$disconnect()
  })

  it('stores each month as its first day, and rejects unknown numbers, bad months and repeats', async () => {
    const path = csv.write('usage.csv', header, [
      ['13900000001', '2026-08', '120.50', '2', '300'],
      ['13900000001', '2026-09', '99', '', ''],
      ['13900000001', '2026-13', '99', '0', '1'],
      ['13900000002', '2026-09', '10', '0', '1'],
      ['+8613900000001', '2026-09', '98', '0', '1'],
      ['13900000001', '2026-10', '-5', '0', '1'],
    ])
    const report = await importUsage(path)
    expect(report.imported).toBe(2)
    expect(report.rejected.map((r) => [r.line, r.field])).toEqual([[4, 'month'], [5, 'msisdn'], [6, 'month'], [7, 'bill']])
    expect(report.rejected[2]!.message).toBe('repeats line 3')
    const rows = await db.monthlyUsage.findMany({ where: { customerId }, orderBy: { month: 'asc' } })
    expect(rows.map((r) => [r.month.toISOString().slice(0, 10), r.bill.toString(), r.spFee.toString(), r.callMinutes])).toEqual([
      ['2026-08-01', '120.5', '2', 300],
      ['2026-09-01', '99', '0', 0],
    ])
  })

  it('counts only months whose values changed when a month is sent again', async () => {
    const path = csv.write('again.csv', header, [
      ['13900000001', '2026-08', '120.50', '2', '300'],
      ['13900000001', '2026-09', '101', '0', '0'],
      ['13900000001', '2026-10', '80', '0', '150'],
    ])
    expect(await importUsage(path)).toEqual({ imported: 1, updated: 1, rejected: [] })
    expect(await importUsage(path)).toEqual({ imported: 0, updated: 0, rejected: [] })
  })
})
