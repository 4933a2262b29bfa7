import { Readable, Writable } from 'node:stream'
import { parse as csvParse } from 'csv-parse/sync'
import { pipeline } from 'node:stream/promises'
import { describe, expect, it } from 'vitest'
import { customersFile } from '../../../server/imports/customers.ts'
import { copyCsv, ImportFileError, RowValidator, type ValidRow } from '../../../server/imports/parse.ts'
import { CsvRecords } from '../../../server/imports/records.ts'
import { RejectList, MAX_LISTED } from '../../../server/imports/rejects.ts'
import { usageFile } from '../../../server/imports/usage.ts'

async function parse(text: string, spec = usageFile) {
  const rejects = new RejectList()
  const parser = new RowValidator(spec, 'f.csv', rejects)
  const records = new CsvRecords((line, message) => parser.malformed(line, message))
  const rows: ValidRow[] = []
  await pipeline(Readable.from([Buffer.from(text)]), records, parser, new Writable({ objectMode: true, write: (b: ValidRow[], _e, done) => { rows.push(...b); done() } }))
  return { rows, rejects: rejects.list(), parser }
}

describe('RowValidator', () => {
  it('numbers lines from the header as 1, through blank lines, CRLF and quoted line breaks', async () => {
    const text = '\uFEFFmsisdn,month,bill,sp_fee,call_minutes\r\n13800000001,2026-01,10,0,1\r\n\r\n"1380000\n0002",2026-01,10,0,1\r\n13800000003,2026-01,x,0,1\r\n'
    const { rows, rejects } = await parse(text)
    expect(rows.map((r) => r.line)).toEqual([2, 4])
    expect(rejects.map((r) => [r.line, r.field])).toEqual([[6, 'bill']])
  })

  it('keeps only non-empty cells of known columns, and ignores unknown columns', async () => {
    const { rows, parser } = await parse('MSISDN,extra,month,bill,sp_fee\n13800000001,whatever,2026-01,10,\n')
    expect(rows[0]!.values).toEqual({ msisdn: '13800000001', month: '2026-01', bill: '10' })
    expect([...parser.present].sort()).toEqual(['bill', 'month', 'msisdn', 'sp_fee'])
  })

  it('rejects a row with the wrong number of fields, and every bad field of a row', async () => {
    const { rejects } = await parse('msisdn,month,bill\n13800000001,2026-01\n12,2026-00,-1\n')
    expect(rejects).toEqual([
      { file: 'f.csv', line: 2, field: 'row', message: 'has 2 fields, the header has 3' },
      { file: 'f.csv', line: 3, field: 'msisdn', message: '"12" is not a Chinese mobile number (11 digits) or an E.164 number' },
      { file: 'f.csv', line: 3, field: 'month', message: '"2026-00" is not a month (YYYY-MM)' },
      { file: 'f.csv', line: 3, field: 'bill', message: '"-1" is not a non-negative amount in yuan' },
    ])
  })

  it('cannot read a file whose header lacks a required column', async () => {
    await expect(parse('msisdn,bill\n13800000001,10\n')).rejects.toThrow(new ImportFileError('f.csv: the header lacks the column month'))
  })
})

describe('copyCsv', () => {
  it('writes COPY (FORMAT csv) lines: the line, every spec column, empty when absent, quoted when needed, numbers as E.164', async () => {
    const chunks: string[] = []
    const row = { line: 7, values: { msisdn: '13800000001', name: 'a,b\\c "d"\ne', city: '太原', network: 'G', tier: 'gold', card_type: 'normal', payment: 'prepaid', status: 'active', joined_on: '2020-01-01' } }
    await pipeline(Readable.from([[row]]), copyCsv(customersFile.columns), new Writable({ write: (c, _e, done) => { chunks.push(c.toString()); done() } }))
    const [record] = csvParse(chunks.join('')) as string[][]
    expect(record).toHaveLength(1 + customersFile.columns.length)
    expect(record!.slice(0, 4)).toEqual(['7', '+8613800000001', 'a,b\\c "d"\ne', ''])
  })
})

describe('RejectList', () => {
  it('lists at most MAX_LISTED rejects and closes with how many more there were', () => {
    const list = new RejectList()
    for (let i = 0; i < MAX_LISTED + 5; i++) list.add({ file: 'f', line: i + 2, field: 'x', message: 'bad' })
    const out = list.list()
    expect(out).toHaveLength(MAX_LISTED + 1)
    expect(out.at(-1)).toEqual({ file: 'f', line: MAX_LISTED + 2, field: '*', message: '5 more rejected rows are not listed (first at this line)' })
    expect(list.count).toBe(MAX_LISTED + 5)
  })
})
