// The direct load of usage.csv into an empty monthly_usage (usage-load.ts) against the staged
// merge it replaces: the same rows and the same report for any file; its spool is removed
// however the import ends, and a load that fails leaves the database as it was.
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import { BULK_MIN_ROWS } from '../../../server/imports/merge.ts'
import { runImport, type ImportFiles } from '../../../server/imports/run.ts'
import * as usageLoad from '../../../server/imports/usage-load.ts'
import * as fx from '../../fixtures.ts'
import { resetState, testConfig, testDb } from '../../helper.ts'
import { CsvFolder, customerRow } from './csv.ts'

vi.mock('../../../server/imports/usage-load.ts', async (original) => {
  const actual = await original<typeof import('../../../server/imports/usage-load.ts')>()
  return { ...actual, loadUsage: vi.fn(actual.loadUsage) }
})
const loadUsage = vi.mocked(usageLoad.loadUsage)

const CUSTOMERS = 400
const MONTHS = Math.ceil((BULK_MIN_ROWS + 1000) / CUSTOMERS)
const national = (i: number) => `139${String(i).padStart(8, '0')}`
const month = (m: number) => `${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`
const importFiles = (files: ImportFiles) => runImport({ databaseUrl: testConfig().DATABASE_URL, files, province: '山西省' })

/** A small deterministic generator (mulberry32), so that one seed makes one file. */
function random(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  return { below: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! }
}

/** Every customer's months, in any written form, plus numbers without a customer. */
function usageFile(csv: CsvFolder, seed: number, header: readonly string[]) {
  const r = random(seed)
  const money = () => r.pick([`${r.below(1000)}`, `${r.below(1000)}.${r.below(10)}`, `${r.below(1000)}.${String(r.below(100)).padStart(2, '0')}`,
    `0.00${r.below(10)}`, `00${r.below(100)}.5`, `${r.below(100)}.${r.below(100_000)}`, '0', `${r.below(10_000_000)}.995`])
  const cells = (msisdn: string, m: number): Record<string, string> => ({
    msisdn, month: month(m), bill: money(),
    sp_fee: r.below(4) === 0 ? '' : money(),
    call_minutes: r.below(4) === 0 ? '' : String(r.below(100_000)),
  })
  const rows: Record<string, string>[] = []
  for (let m = 0; m < MONTHS; m++) {
    for (let c = 1; c <= CUSTOMERS; c++) rows.push(cells(r.pick([national(c), `+86${national(c)}`, `${national(c).slice(0, 3)} ${national(c).slice(3)}`]), m))
    rows.push(cells(national(CUSTOMERS + 1 + r.below(5)), m))
  }
  return csv.write(`usage-${seed}.csv`, header, rows)
}

const storedUsage = (db: Db) => db.$queryRaw<unknown[]>`
  SELECT customer_id, month, bill::text, sp_fee::text, call_minutes FROM monthly_usage WHERE month >= '2000-01-01' ORDER BY 1, 2`

describe('usage.csv loaded straight into an empty monthly_usage', () => {
  let db: Db
  const csv = new CsvFolder()
  let customerId: number

  beforeAll(async () => {
    db = testDb()
    await resetState(db)
    const taiyuan = await fx.branch(db, '太原')
    for (let c = 1; c <= CUSTOMERS; c++) customerId = (await fx.customer(db, { branchId: taiyuan.id, msisdn: `+86${national(c)}` })).id
  })

  afterEach(async () => {
    loadUsage.mockClear()
    await db.monthlyUsage.deleteMany()
  })

  afterAll(async () => {
    await db.$disconnect()
  })

  it('stores the rows and reports the rejects of the staged merge, for any file', async () => {
    const headers = [['msisdn', 'month', 'bill', 'sp_fee', 'call_minutes'], ['call_minutes', 'month', 'msisdn', 'bill'], ['msisdn', 'bill', 'sp_fee', 'month', 'note']]
    await fc.assert(fc.asyncProperty(fc.integer(), fc.constantFrom(...headers), async (seed, header) => {
      const path = usageFile(csv, seed, header)
      await db.monthlyUsage.deleteMany()
      loadUsage.mockClear()
      const direct = await importFiles({ usage: path })
      expect(await loadUsage.mock.results[0]!.value).toBe(direct.imported)
      const loaded = await storedUsage(db)

      // A month already stored (before the file's) makes the table non-empty: the staged merge runs.
      await db.monthlyUsage.deleteMany()
      await db.monthlyUsage.create({ data: { customerId, month: new Date('1999-01-01'), bill: 1 } })
      loadUsage.mockClear()
      const staged = await importFiles({ usage: path })
      expect(loadUsage).not.toHaveBeenCalled()
      expect(staged).toEqual(direct)
      expect(await storedUsage(db)).toEqual(loaded)
    }), { numRuns: 4 })
  }, 120_000)

  it('removes its spool, and leaves the database as it was when the load fails', async () => {
    const path = usageFile(csv, 7, ['msisdn', 'month', 'bill', 'sp_fee', 'call_minutes'])
    const customers = csv.customers('customers.csv', [customerRow('13700000001')])
    const tmp = process.env.TMPDIR
    process.env.TMPDIR = mkdtempSync(join(tmpdir(), 'usage-load-'))
    try {
      expect((await importFiles({ usage: path })).rejected).not.toEqual([])
      expect(readdirSync(process.env.TMPDIR)).toEqual([])

      await db.monthlyUsage.deleteMany()
      await db.$executeRaw`ALTER TABLE monthly_usage ADD CONSTRAINT small_bills CHECK (bill < 1000)`
      try {
        await expect(importFiles({ customers, usage: path })).rejects.toThrow(/small_bills/)
      } finally {
        await db.$executeRaw`ALTER TABLE monthly_usage DROP CONSTRAINT small_bills`
      }
      expect(readdirSync(process.env.TMPDIR)).toEqual([])
      expect(await db.customer.count({ where: { msisdn: '+8613700000001' } })).toBe(0)
      expect(await db.monthlyUsage.count()).toBe(0)
      expect(loadUsage).toHaveBeenCalledTimes(2)
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = tmp
    }
  }, 60_000)
})
