import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parse as csvParse } from 'csv-parse/sync'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CSV_OPTIONS, CsvRecords, type CsvRecord } from '../../../server/imports/records.ts'

/** Runs CsvRecords over the bytes cut into the given chunks. */
async function records(chunks: Buffer[]) {
  const out: CsvRecord[] = []
  const malformed: [number, string][] = []
  await pipeline(Readable.from(chunks), new CsvRecords((line, message) => malformed.push([line, message])),
    new Writable({ objectMode: true, write: (batch: CsvRecord[], _e, done) => { out.push(...batch); done() } }))
  return { out, malformed }
}

/** What csv-parse alone makes of the text. */
const reference = (text: string) => csvParse(text, { ...CSV_OPTIONS, bom: true }) as string[][]

/** The physical line each non-empty written row starts on (csv-parse's own count is off for CRLF inside quotes). */
function startLines(lines: string[], eol: string) {
  const starts: number[] = []
  let line = 1
  for (const text of lines) {
    if (text !== '') starts.push(line)
    line += text.split(eol).length
  }
  return starts
}

const cell = fc.oneof(
  fc.constantFrom('', ' ', 'a', '中文', '13800138000', '12.50', ' padded ', 'x,y', 'say "hi"', 'two\nlines', 'crlf\r\nline', '"'),
  fc.string({ maxLength: 6 }),
)
const quoteIfNeeded = (value: string, always: boolean) =>
  always || /[",\n\r]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value

describe('CsvRecords', () => {
  it('reads any RFC 4180 text exactly as csv-parse does, however the bytes are cut', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.array(fc.tuple(cell, fc.boolean()), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
      fc.constantFrom('\n', '\r\n'),
      fc.array(fc.nat(), { maxLength: 6 }),
      async (rows, eol, cuts) => {
        // Line breaks inside fields follow the file's own (a CRLF file does not hold bare LFs).
        const written = rows.map((row) => row.map(([v, always]) => quoteIfNeeded(v.replace(/\r?\n/g, eol), always)).join(','))
        const text = written.join(eol) + eol
        const bytes = Buffer.from(text)
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
        const chunks = [0, ...points].map((from, i) => bytes.subarray(from, [...points, bytes.length][i]))
        const { out, malformed } = await records(chunks)
        expect(malformed).toEqual([])
        expect(out.map((r) => r.cells)).toEqual(reference(text))
        expect(out.map((r) => r.line)).toEqual(startLines(written, eol))
      },
    ), { numRuns: 300 })
  })

  it('drops a byte-order mark, skips empty lines and keeps line numbers across them', async () => {
    const { out } = await records([Buffer.from('\uFEFFa,b\r\n\r\n1, 2 \r\n"x\ny",3\r\n4,5')])
    expect(out).toEqual([
      { cells: ['a', 'b'], line: 1 },
      { cells: ['1', '2'], line: 3 },
      { cells: ['x\ny', '3'], line: 4 },
      { cells: ['4', '5'], line: 6 },
    ])
  })

  it('reports what csv-parse cannot read at the line where it found the problem', async () => {
    const { out, malformed } = await records([Buffer.from('a,b\n1,"unclosed\n2,3\n')])
    expect(out).toEqual([{ cells: ['a', 'b'], line: 1 }])
    expect(malformed).toEqual([[3, expect.stringMatching(/Quote Not Closed/)]])
  })
})
