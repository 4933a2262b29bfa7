// The first load of monthly_usage (an empty table, a big file): instead of staging usage.csv in
// a table and inserting from it with a join on customers, its COPY rows are spooled to a file
// while the customers merge, then copied straight into monthly_usage, each number's customer
// looked up here. INSERT ... SELECT writes and logs rows one at a time (about 13 s for 10.6 M
// rows), COPY a page at a time (about 5 s); and the usage rows are no longer copied twice. The
// keys are dropped and rebuilt around the COPY as for any bulk load (merge.ts). A month that
// repeats is only found when the key is rebuilt: the load then gives way to the staged merge,
// which reports it.
import { createReadStream } from 'node:fs'
import { Transform, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { BINARY_HEADER, BINARY_TRAILER, BinaryRows } from './copy-binary.ts'
import { isEmpty, withIndexesRebuilt } from './merge.ts'
import { usageFile, usageTarget } from './usage.ts'

const COMMA = 0x2c
const LF = 0x0a
const PLUS = 0x2b
const DIGIT_0 = 0x30
const SPACE = 0x20

// A spooled row is the COPY text of the line number, then of usageFile's columns (copy-rows.ts).
// It becomes these columns of monthly_usage, an empty sp_fee or call_minutes as 0: what
// usageTarget's merge makes of the same row (test/integration/imports/usage-load.test.ts).
const FIELDS = 1 + usageFile.columns.length
function field(name: string) {
  const at = usageFile.columns.findIndex((c) => c.name === name)
  if (at === -1) throw new Error(`usage.csv has no column ${name}`)
  return 1 + at
}
const MSISDN = field('msisdn')
const MONTH = field('month')
const BILL = field('bill')
const SP_FEE = field('sp_fee')
const CALL_MINUTES = field('call_minutes')
const COLUMNS = ['customer_id', 'month', 'bill', 'sp_fee', 'call_minutes']
const ZERO = Buffer.from('0')

/** Customer ids by number, the digits of the E.164 number as the key (at most 15: exact as a double). */
export async function customersByNumber(client: pg.Client): Promise<Map<number, number>> {
  // One text of "digits id digits id ...": a million rows as one value, read without a string
  // per number. A stored number that is not E.164 (\+[1-9]\d{0,14}) is skipped, as no usage
  // row can name it: with a space in SQL (a regular expression there took a second), the
  // others here.
  const { rows: [all] } = await client.query<{ pairs: string | null }>(
    `SELECT string_agg(substr(msisdn, 2) || ' ' || id, ' ') AS pairs FROM customers WHERE msisdn LIKE '+%' AND msisdn NOT LIKE '% %'`,
  )
  const pairs = all!.pairs ?? ''
  let i = 0
  /** The word from i on as a number: NaN unless it is 1 to 15 digits (the first not 0 for a phone number). */
  const word = (phone: boolean) => {
    const start = i
    let value = 0
    for (; i < pairs.length && pairs.charCodeAt(i) !== SPACE; i++) {
      const d = pairs.charCodeAt(i) - DIGIT_0
      value = d >= 0 && d <= 9 ? value * 10 + d : NaN
    }
    const length = i++ - start
    return length > 0 && length <= 15 && !(phone && pairs.charCodeAt(start) === DIGIT_0) ? value : NaN
  }
  const ids = new Map<number, number>()
  while (i < pairs.length) {
    const number = word(true)
    const id = word(false)
    if (!Number.isNaN(number)) ids.set(number, id)
  }
  return ids
}

/** Spooled usage rows (COPY text) → monthly_usage rows (COPY binary); a row whose number has no customer is left out and its line reported. */
export class UsageRows extends Transform {
  private carry: Buffer | undefined
  private readonly out = new BinaryRows()
  /** Field bounds of the row being read. */
  private readonly starts = new Int32Array(FIELDS)
  private readonly ends = new Int32Array(FIELDS)

  constructor(
    private readonly customers: Map<number, number>,
    private readonly onUnknown: (line: number) => void,
  ) {
    super()
    this.out.bytes(BINARY_HEADER)
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    const data = this.carry ? Buffer.concat([this.carry, chunk]) : chunk
    const last = data.lastIndexOf(LF)
    this.carry = last + 1 < data.length ? Buffer.from(data.subarray(last + 1)) : undefined
    try {
      for (let start = 0; start <= last; ) {
        const end = data.indexOf(LF, start)
        this.row(data, start, end)
        start = end + 1
      }
    } catch (err) {
      return done(err as Error)
    }
    done(null, this.out.take())
  }

  override _flush(done: TransformCallback) {
    if (this.carry) return done(new Error('the spooled usage rows end in the middle of a row'))
    this.out.bytes(BINARY_TRAILER)
    done(null, this.out.take())
  }

  private row(src: Buffer, start: number, end: number) {
    const { starts, ends } = this
    let field = 0
    starts[0] = start
    for (let i = start; i < end; i++) {
      if (src[i] !== COMMA) continue
      if (field === FIELDS - 1) throw new Error(`a spooled usage row has more than ${FIELDS} fields`)
      ends[field++] = i
      starts[field] = i + 1
    }
    if (field !== FIELDS - 1) throw new Error(`a spooled usage row has ${field + 1} fields`)
    ends[field] = end
    if (src[starts[MSISDN]!] !== PLUS) throw new Error('a spooled number is not in E.164 form')
    const customer = this.customers.get(digits(src, starts[MSISDN]! + 1, ends[MSISDN]!))
    if (customer === undefined) {
      this.onUnknown(digits(src, starts[0]!, ends[0]!))
      return
    }
    const out = this.out
    out.row(COLUMNS.length)
    out.int4(customer)
    out.date(src, starts[MONTH]!)
    out.numeric(src, starts[BILL]!, ends[BILL]!)
    if (starts[SP_FEE] === ends[SP_FEE]) out.numeric(ZERO, 0, 1)
    else out.numeric(src, starts[SP_FEE]!, ends[SP_FEE]!)
    out.int4(starts[CALL_MINUTES] === ends[CALL_MINUTES] ? 0 : digits(src, starts[CALL_MINUTES]!, ends[CALL_MINUTES]!))
  }
}

/** The unsigned decimal integer src[start, end). */
function digits(src: Uint8Array, start: number, end: number): number {
  if (start === end) throw new Error('a spooled number is empty')
  let value = 0
  for (let i = start; i < end; i++) {
    const d = src[i]! - DIGIT_0
    if (d < 0 || d > 9) throw new Error('a spooled number has a non-digit')
    value = value * 10 + d
  }
  return value
}

/**
 * Copies the spooled usage rows into monthly_usage if it is empty; returns how many rows it
 * imported, or undefined (and changes nothing) when the staged merge must do it: the table
 * holds rows, or a month repeats. `onUnknown` hears each line whose number has no customer,
 * to be reported if the load is in. Call inside a transaction.
 */
export async function loadUsage(client: pg.Client, spool: string, onUnknown: (line: number) => void): Promise<number | undefined> {
  await client.query('SAVEPOINT load_usage')
  try {
    await client.query(`LOCK TABLE ${usageTarget.table} IN ACCESS EXCLUSIVE MODE`)
    if (!(await isEmpty(client, usageTarget.table))) {
      await client.query('RELEASE SAVEPOINT load_usage')
      return undefined
    }
    const imported = await withIndexesRebuilt(client, usageTarget.table, async () => {
      const rows = new UsageRows(await customersByNumber(client), onUnknown)
      const copy = client.query(copyFrom(`COPY ${usageTarget.table} (${COLUMNS.join(', ')}) FROM STDIN (FORMAT binary)`))
      await pipeline(createReadStream(spool, { highWaterMark: 1 << 20 }), rows, copy)
      return copy.rowCount
    })
    await client.query('RELEASE SAVEPOINT load_usage')
    return imported
  } catch (err) {
    // 23505: the rebuilt key found a month twice.
    if ((err as { code?: string }).code !== '23505') throw err
    await client.query('ROLLBACK TO SAVEPOINT load_usage')
    return undefined
  }
}
