import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import { ImportFileError } from '../../../server/imports/parse.ts'
import { runImport } from '../../../server/imports/run.ts'
import * as fx from '../../fixtures.ts'
import { resetState, testConfig, testDb } from '../../helper.ts'
import { CsvFolder, customerRow } from './csv.ts'

const importCustomers = (path: string) =>
  runImport({ databaseUrl: testConfig().DATABASE_URL, files: { customers: path }, province: '山西省' })

describe('customers.csv import', () => {
  let db: Db
  const csv = new CsvFolder()
  let managerId: number

  beforeAll(async () => {
    db = testDb()
    await resetState(db)
    const taiyuan = await fx.branch(db, '太原')
    managerId = (await fx.user(db, { username: 'ty01', role: 'agent', branchId: taiyuan.id })).id
    await fx.user(db, { username: 'am_ty', role: 'account_manager', branchId: taiyuan.id })
  })

  afterAll(async () => {
    await db.$disconnect()
  })

  const malformed = () => csv.customers('customers.csv', [
    customerRow('13800000001', { service_manager: 'ty01', account_manager: 'am_ty' }),
    customerRow('1380000000'), // 10 digits
    customerRow('13800000003', { birthday: '2023-02-30' }),
    customerRow('13800000004', { tier: 'platinum' }),
    customerRow('13800000005', { balance: 'abc' }),
    customerRow(''),
    customerRow('+8613800000007', { city: '大同', network: 'BB' }),
    customerRow('13800000008', { service_manager: 'nobody' }),
    customerRow('13800000009', { service_manager: 'am_ty' }),
    customerRow('13800000010', { alt_phone: '0351-7654321', closed_on: '2026-09-30', status: 'closed' }),
  ])

  it('imports every good row and reports each bad row by line and field', async () => {
    const report = await importCustomers(malformed())
    expect(report.imported).toBe(3)
    expect(report.updated).toBe(0)
    expect(report.rejected.map((r) => [r.line, r.field])).toEqual([
      [3, 'msisdn'], [4, 'birthday'], [5, 'tier'], [6, 'balance'], [7, 'msisdn'], [9, 'service_manager'], [10, 'service_manager'],
    ])
    expect(report.rejected.every((r) => r.file === 'customers.csv')).toBe(true)
    expect(report.rejected.find((r) => r.line === 4)!.message).toBe('"2023-02-30" is not a valid date (YYYY-MM-DD)')
    expect(report.rejected.find((r) => r.line === 7)!.message).toBe('is required')
    expect(report.rejected.find((r) => r.line === 9)!.message).toBe('unknown username nobody')
    expect(report.rejected.find((r) => r.line === 10)!.message).toMatch(/am_ty is not a service manager/)

    const stored = await db.customer.findMany({ orderBy: { msisdn: 'asc' }, include: { branch: { include: { parent: true } } } })
    expect(stored.map((c) => c.msisdn)).toEqual(['+8613800000001', '+8613800000007', '+8613800000010'])
    const [first, datong, closed] = stored
    expect(first!.serviceManagerId).toBe(managerId)
    expect(first!.planMinimum.toString()).toBe('88')
    expect(datong!.branch.name).toBe('大同') // created on first sight, under the province
    expect(datong!.branch.parent?.name).toBe('山西省')
    expect(closed!.altPhone).toBe('+863517654321')
    expect(closed!.closedOn?.toISOString().slice(0, 10)).toBe('2026-09-30')
  })

  it('imports the same file a second time without changing anything', async () => {
    const before = await db.customer.findMany({ orderBy: { id: 'asc' } })
    const report = await importCustomers(malformed())
    expect(report).toMatchObject({ imported: 0, updated: 0 })
    expect(report.rejected).toHaveLength(7)
    expect(await db.customer.findMany({ orderBy: { id: 'asc' } })).toEqual(before)
    expect(await db.auditLog.count({ where: { action: 'import' } })).toBe(2)
  })

  it('updates in place only the rows whose values changed, and keeps an allocation the file leaves empty', async () => {
    const target = await db.customer.findUniqueOrThrow({ where: { msisdn: '+8613800000007' } })
    await db.customer.update({ where: { id: target.id }, data: { serviceManagerId: managerId } })
    const path = csv.customers('changed.csv', [
      customerRow('13800000001', { service_manager: 'ty01', account_manager: 'am_ty' }),
      customerRow('+8613800000007', { city: '大同', network: 'BB', tier: 'diamond' }),
      customerRow('13800000011'),
    ])
    const report = await importCustomers(path)
    expect(report).toEqual({ imported: 1, updated: 1, rejected: [] })
    const after = await db.customer.findUniqueOrThrow({ where: { id: target.id } })
    expect(after.tier).toBe('diamond')
    expect(after.serviceManagerId).toBe(managerId)
    expect(after.id).toBe(target.id)
  })

  it('rejects the later copy of a number that appears twice in one file', async () => {
    const path = csv.customers('twice.csv', [customerRow('13800000020'), customerRow('13800000021'), customerRow('+8613800000020', { tier: 'silver' })])
    const report = await importCustomers(path)
    expect(report.imported).toBe(2)
    expect(report.rejected).toEqual([{ file: 'twice.csv', line: 4, field: 'msisdn', message: 'repeats line 2' }])
    expect((await db.customer.findUniqueOrThrow({ where: { msisdn: '+8613800000020' } })).tier).toBe('gold')
  })

  it('keeps stored values of columns the file does not have', async () => {
    const path = csv.write('narrow.csv', ['msisdn', 'name', 'city', 'network', 'tier', 'card_type', 'payment', 'status', 'joined_on'], [
      ['13800000001', '改名客户', '太原', 'G', 'gold', 'normal', 'postpaid', 'active', '2018-03-01'],
    ])
    const report = await importCustomers(path)
    expect(report).toEqual({ imported: 0, updated: 1, rejected: [] })
    const c = await db.customer.findUniqueOrThrow({ where: { msisdn: '+8613800000001' } })
    expect(c.name).toBe('改名客户')
    expect(c.idNumber).toBe('140105198506151234')
    expect(c.planMinimum.toString()).toBe('88')
  })

  it('cannot run a file whose header lacks a required column, and writes nothing', async () => {
    const path = csv.write('no-city.csv', ['msisdn', 'name'], [['13800000099', '无城市']])
    await expect(importCustomers(path)).rejects.toThrow(ImportFileError)
    await expect(importCustomers(path)).rejects.toThrow(/lacks the columns city, network, tier, card_type, payment, status, joined_on/)
    expect(await db.customer.count({ where: { msisdn: '+8613800000099' } })).toBe(0)
  })
})
