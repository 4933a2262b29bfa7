// BIRTHDAY by hand: the month-day falls within D..D+3, and a 29 February birthday counts as
// 28 February in a common year. Every customer here is a broadband user (a target whatever
// the bills), with nothing else firing, so the sets are birthdays only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDefaults } from '../../../server/campaigns/defaults.ts'
import type { Db } from '../../../server/db/client.ts'
import { resetState, testDb } from '../../helper.ts'
import { loadCustomers } from './csv-fixtures.ts'
import { runAndExport } from './reason-sets.ts'

const BIRTHDAYS: Record<string, string> = {
  '13900000201': '2000-02-29',
  '13900000202': '1990-02-28',
  '13900000203': '1990-03-01',
  '13900000204': '1990-03-02',
  '13900000205': '1990-12-29',
  '13900000206': '1990-12-30',
  '13900000207': '1990-01-01',
  '13900000208': '1990-01-02',
  '13900000209': '1990-01-03',
}

const CSV = ['msisdn,birthday,network', ...Object.entries(BIRTHDAYS).map(([m, b]) => `${m},${b},BB`)].join('\n')

/** D → the customers (last 3 digits) whose birthday fires. */
const CASES: [string, string, number[]][] = [
  ['2025-02-25', 'common year: 28 Feb in the window, so 29 Feb counts', [201, 202]],
  ['2025-02-26', 'common year, window crosses the month end (02-26..03-01)', [201, 202, 203]],
  ['2025-02-28', 'common year, 29 Feb celebrated on the 28th (02-28..03-03)', [201, 202, 203, 204]],
  ['2025-03-01', 'common year, the 28th has passed', [203, 204]],
  ['2024-02-25', 'leap year: 02-25..02-28 does not reach 29 Feb', [202]],
  ['2024-02-26', 'leap year: 02-26..02-29', [201, 202]],
  ['2024-02-29', 'leap year: on the day (02-29..03-03)', [201, 203, 204]],
  ['2024-12-29', 'year end: 12-29..01-01', [205, 206, 207]],
  ['2024-12-30', 'year end: 12-30..01-02', [206, 207, 208]],
  ['2024-12-31', 'year end: 12-31..01-03', [207, 208, 209]],
  ['2025-01-02', 'new year: 01-02..01-05', [208, 209]],
]

describe('BIRTHDAY across month ends, year ends and 29 February', () => {
  let db: Db

  beforeAll(async () => {
    db = testDb()
    await resetState(db)
    await ensureDefaults(db)
    await loadCustomers(db, CSV)
  })
  afterAll(async () => db.$disconnect())

  it.each(CASES)('as of %s (%s)', async (asOf, _why, fired) => {
    const { sets } = await runAndExport(db, asOf)
    const expected = Object.fromEntries(fired.map((n) => [`13900000${n}`, 'SERVICE_CARE:BIRTHDAY']))
    expect(sets).toEqual(expected)
  })
})
