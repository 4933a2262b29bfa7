// BinaryRows against PostgreSQL's own reading of the same text: for any number, date and
// integer the importer may write, COPY (FORMAT binary) stores exactly what COPY text stores,
// down to the written scale of an unconstrained numeric and the rounding of numeric(12,2).
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import fc from 'fast-check'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BINARY_HEADER, BINARY_TRAILER, BinaryRows } from '../../../server/imports/copy-binary.ts'
import { testConfig } from '../../helper.ts'

const digits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''))
/** What a money cell may hold once checked: -?\d{1,10}(\.\d+)?, with leading zeros and long decimals. */
const number = fc.tuple(fc.boolean(), digits(1, 10), fc.option(digits(1, 12), { nil: undefined }))
  .map(([negative, whole, decimals]) => `${negative ? '-' : ''}${whole}${decimals === undefined ? '' : `.${decimals}`}`)
const date = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))

const COLUMNS = 'k integer, exact numeric, money numeric(12,2), day date, n integer'

describe('BinaryRows', () => {
  let client: pg.Client

  beforeAll(async () => {
    client = new pg.Client({ connectionString: testConfig().DATABASE_URL })
    await client.connect()
  })

  afterAll(async () => {
    await client.end()
  })

  async function copy(table: string, format: string, data: Buffer) {
    await pipeline(Readable.from([data]), client.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT ${format})`)))
  }

  it('stores every value as PostgreSQL reads its text', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(number, date, fc.integer({ min: 0, max: 9_999_999 })), { minLength: 1, maxLength: 50 }),
      async (rows) => {
        await client.query(`CREATE TEMP TABLE as_binary (${COLUMNS}); CREATE TEMP TABLE as_text (${COLUMNS})`)
        try {
          // numeric(12,2) overflows past ten whole digits once rounded: both ways refuse it.
          const fits = rows.filter(([n]) => Math.abs(Number(n)) < 9_999_999_999.995)
          const out = new BinaryRows(16)
          out.bytes(BINARY_HEADER)
          fits.forEach(([n, d, i], k) => {
            const text = Buffer.from(`${n} ${d} ${i}`)
            const [nEnd, dStart, iStart] = [n.length, n.length + 1, n.length + 1 + d.length + 1]
            out.row(5)
            out.int4(k)
            out.numeric(text, 0, nEnd)
            out.numeric(text, 0, nEnd)
            out.date(text, dStart)
            out.int4(Number(text.subarray(iStart).toString()))
          })
          out.bytes(BINARY_TRAILER)
          await copy('as_binary', 'binary', out.take())
          await copy('as_text', 'csv', Buffer.from(fits.map(([n, d, i], k) => `${k},${n},${n},${d},${i}\n`).join('')))
          const both = `SELECT k, exact::text, money::text, day, n FROM %s ORDER BY k`
          expect((await client.query(both.replace('%s', 'as_binary'))).rows).toEqual((await client.query(both.replace('%s', 'as_text'))).rows)
        } finally {
          await client.query('DROP TABLE as_binary, as_text')
        }
      },
    ), { numRuns: 60 })
  })

  it('refuses text that is not a number or a date rather than store something else', () => {
    const out = new BinaryRows()
    for (const bad of ['', '-', '1.', '.5', '1.2.3', '1e5', '+1', '１']) {
      const text = Buffer.from(bad)
      expect(() => out.numeric(text, 0, text.length), bad).toThrow(/not a number/)
    }
    expect(() => out.date(Buffer.from('2026-1-011'), 0)).toThrow(/not a date/)
  })
})
