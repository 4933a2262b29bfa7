// CopyRows against the validated path it shortcuts: for any file, however its bytes are cut,
// the same COPY rows (as PostgreSQL will read them), the same rejects, the same row counts.
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parse as csvParse } from 'csv-parse/sync'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CopyRows } from '../../../server/imports/copy-rows.ts'
import type { FileSpec } from '../../../server/imports/columns.ts'
import { customersFile } from '../../../server/imports/customers.ts'
import { csvLine, RowValidator, type ValidRow } from '../../../server/imports/parse.ts'
import { CsvRecords } from '../../../server/imports/records.ts'
import { RejectList } from '../../../server/imports/rejects.ts'
import { usageFile } from '../../../server/imports/usage.ts'

/** COPY (FORMAT csv) text as PostgreSQL reads it: unquoted empty fields are NULL. */
const copyRows = (text: string) =>
  (csvParse(text, { cast: (value, context) => (value === '' && !context.quoting ? null : value) }) as (string | null)[][])
    .sort((a, b) => Number(a[0]) - Number(b[0]))

async function viaCopyRows(spec: FileSpec, chunks: Buffer[]) {
  const rejects = new RejectList()
  const validator = new RowValidator(spec, 'f.csv', rejects)
  const out: Buffer[] = []
  await pipeline(Readable.from(chunks), new CopyRows(spec, validator), new Writable({ write: (c: Buffer, _e, done) => { out.push(c); done() } }))
  return { rows: copyRows(Buffer.concat(out).toString()), rejects: rejects.list(), counted: [validator.rows, validator.valid], present: [...validator.present] }
}

async function viaValidator(spec: FileSpec, chunks: Buffer[]) {
  const rejects = new RejectList()
  const validator = new RowValidator(spec, 'f.csv', rejects)
  const valid: ValidRow[] = []
  await pipeline(Readable.from(chunks), new CsvRecords((line, message) => validator.malformed(line, message)), validator,
    new Writable({ objectMode: true, write: (b: ValidRow[], _e, done) => { valid.push(...b); done() } }))
  return { rows: copyRows(valid.map((r) => csvLine(r, spec.columns)).join('')), rejects: rejects.list(), counted: [validator.rows, validator.valid], present: [...validator.present] }
}

const cut = (bytes: Buffer, cuts: number[]) => {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  return [0, ...points].map((from, i) => bytes.subarray(from, [...points, bytes.length][i]))
}

const quote = (v: string) => `"${v.replaceAll('"', '""')}"`
const usageCell = fc.oneof(
  fc.constantFrom('13800138000', '+8613800138000', '138 0013 8000', '12800138000', '2026-09', '2026-13', '1999-12', '120.50', '-5', '0',
    '300', '12345678', '', ' 7 ', '\u30007', '"', 'x,y', '中文', '\ufeff1'),
  fc.string({ maxLength: 5 }),
)

describe('CopyRows', () => {
  it('writes the rows, rejects and counts of the validated path, for any usage file cut anywhere', async () => {
    await fc.assert(fc.asyncProperty(
      fc.shuffledSubarray(['msisdn', 'month', 'bill', 'sp_fee', 'call_minutes', 'note'], { minLength: 3 }),
      fc.array(fc.array(fc.tuple(usageCell, fc.boolean()), { minLength: 1, maxLength: 7 }), { maxLength: 12 }),
      fc.constantFrom('\n', '\r\n'),
      fc.boolean(),
      fc.array(fc.nat(), { maxLength: 5 }),
      async (header, rows, eol, bom, cuts) => {
        const lines = [header.join(','), ...rows.map((row) => row.map(([v, quoted]) => (quoted ? quote(v) : v)).join(','))]
        const bytes = Buffer.from(`${bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}`)
        const chunks = cut(bytes, cuts)
        let expected: Awaited<ReturnType<typeof viaValidator>> | Error
        try {
          expected = await viaValidator(usageFile, chunks)
        } catch (err) {
          expected = err as Error
        }
        if (expected instanceof Error) await expect(viaCopyRows(usageFile, chunks)).rejects.toThrow(expected.message)
        else expect(await viaCopyRows(usageFile, chunks)).toEqual(expected)
      },
    ), { numRuns: 400 })
  })

  it('copies plain customer lines straight from the bytes, and validates the others', async () => {
    const header = customersFile.columns.map((c) => c.name).join(',')
    const plain = '13400104729,段东国,M,2003-03-07,居民身份证,140105200303072672,山西省太原市小店区平阳路250号,,,太原,小店区营业厅,G,gold,normal,prepaid,89.38,0,5G128,128.00,2027-11-14,active,,2014-01-06,0,0,0,0,,'
    const spaced = plain.replace('段东国', ' 段东国 ').replace('13400104729', '134-0010-4730')
    const bad = plain.replace('13400104729', '13400104731').replace('2003-03-07', '2003-02-30')
    const chunks = [Buffer.from([header, plain, spaced, bad, ''].join('\n'))]
    const result = await viaCopyRows(customersFile, chunks)
    expect(result).toEqual(await viaValidator(customersFile, chunks))
    expect(result.rows.map((r) => r.slice(0, 3))).toEqual([['2', '+8613400104729', '段东国'], ['3', '+8613400104730', '段东国']])
    expect(result.rejects).toEqual([{ file: 'f.csv', line: 4, field: 'birthday', message: '"2003-02-30" is not a valid date (YYYY-MM-DD)' }])
  })
})
