// CSV text → records with their line numbers. csv-parse parses every record that holds a
// quote character (quoted fields, embedded commas, line breaks, doubled quotes); a line
// without any quote can only be its fields separated by commas, so it is split directly —
// the same result as csv-parse with these options (test/unit/imports/records.test.ts checks
// the two against each other), at a fraction of the cost: csv-parse alone runs at a few
// hundred thousand rows per second, and a usage file has twelve million.
// CsvLines takes physical lines one by one (copy-rows.ts hands it only the lines its byte
// path does not take); CsvRecords is the same over a stream of bytes.
import { StringDecoder } from 'node:string_decoder'
import { Transform, type TransformCallback } from 'node:stream'
import { parse as csvParse, type Options } from 'csv-parse/sync'
import { ImportFileError } from './errors.ts'

export interface CsvRecord {
  cells: string[]
  /** The file's line where the record starts; the header is line 1. */
  line: number
}

/** The options the whole importer reads CSV with (RFC 4180; lengths are checked by the validator). */
export const CSV_OPTIONS = {
  trim: true,
  skip_empty_lines: true,
  relax_column_count: true,
  skip_records_with_error: true,
} as const satisfies Options

/** A line longer than this has no line break in sight: not a CSV file we can stream. */
export const MAX_LINE = 16 << 20
/** Quoted lines are handed to csv-parse in blocks of up to this many. */
const BLOCK_LINES = 512

const newlinesIn = (cells: readonly string[]) => {
  let n = 0
  for (const cell of cells) if (cell.includes('\n')) n += cell.split('\n').length - 1
  return n
}

const quotesIn = (text: string) => {
  let n = 0
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) n++
  return n
}

export const tooLong = (line: number) => new ImportFileError(`line ${line} is longer than ${MAX_LINE} characters: not a CSV file with line breaks`)

/** Physical lines in, records out (through `onRecord`), in file order. */
export class CsvLines {
  /** Lines waiting for csv-parse, from `blockStart` on; `open` while a quoted field spans them. */
  private block: string[] = []
  private blockChars = 0
  private blockStart = 0
  private open = false

  /**
   * @param onRecord each record, in file order
   * @param onMalformed a record csv-parse could not read (e.g. an unclosed quote), by line
   */
  constructor(
    private readonly onRecord: (record: CsvRecord) => void,
    private readonly onMalformed: (line: number, message: string) => void,
  ) {}

  /** Lines are held for csv-parse: every further line must come here too, in order. */
  get pending() {
    return this.block.length > 0
  }

  /** One physical line (without its \n) and its number. */
  take(line: string, number: number) {
    const quotes = quotesIn(line)
    if (this.block.length === 0 && quotes === 0) {
      const text = line.endsWith('\r') ? line.slice(0, -1) : line
      if (text !== '') this.onRecord({ cells: text.split(',').map((cell) => cell.trim()), line: number })
      return
    }
    if (this.block.length === 0) this.blockStart = number
    this.block.push(line)
    this.blockChars += line.length
    if (quotes % 2 === 1) this.open = !this.open
    // An unclosed quote would hold the rest of the file: past MAX_LINE csv-parse reports it.
    if ((!this.open && this.block.length >= BLOCK_LINES) || this.blockChars > MAX_LINE) this.parseBlock()
  }

  /** The end of a chunk: held lines are parsed unless a quoted field is still open. */
  pause() {
    if (!this.open && this.block.length) this.parseBlock()
  }

  end() {
    if (this.block.length) this.parseBlock()
  }

  private parseBlock() {
    const offset = this.blockStart - 1
    const records = csvParse(this.block.join('\n'), {
      ...CSV_OPTIONS,
      info: true,
      on_skip: (err) => {
        this.onMalformed(offset + ((err as { lines?: number } | undefined)?.lines ?? 1), err?.message ?? 'unreadable record')
        return undefined
      },
    }) as unknown as { record: string[]; info: { lines: number } }[]
    // Each record starts on the first non-empty line after the previous one closed its quotes
    // (csv-parse's own line count drifts on CRLF inside quoted fields).
    const starts: number[] = []
    let inside = false
    this.block.forEach((line, i) => {
      if (!inside && line !== '' && line !== '\r') starts.push(offset + i + 1)
      if (quotesIn(line) % 2 === 1) inside = !inside
    })
    const exact = starts.length === records.length
    this.block = []
    this.blockChars = 0
    this.open = false
    records.forEach(({ record, info }, i) => {
      this.onRecord({ cells: record, line: exact ? starts[i]! : offset + info.lines - newlinesIn(record) })
    })
  }
}

export class CsvRecords extends Transform {
  private readonly decoder = new StringDecoder('utf8')
  private carry = ''
  private started = false
  /** Lines consumed so far. */
  private lines = 0
  private readonly parser: CsvLines
  private out: CsvRecord[] = []
  /** Bytes read so far. */
  bytes = 0

  /** @param onMalformed a record csv-parse could not read (e.g. an unclosed quote), by line */
  constructor(onMalformed: (line: number, message: string) => void) {
    super({ readableObjectMode: true })
    this.parser = new CsvLines((record) => this.out.push(record), onMalformed)
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.bytes += chunk.length
    let text = this.carry + this.decoder.write(chunk)
    if (!this.started && text.length) {
      this.started = true
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    let start = 0
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.parser.take(text.slice(start, nl), ++this.lines)
      start = nl + 1
    }
    this.carry = text.slice(start)
    if (this.carry.length > MAX_LINE) return done(tooLong(this.lines + 1))
    this.parser.pause()
    this.flushRecords()
    done()
  }

  override _flush(done: TransformCallback) {
    const rest = this.carry + this.decoder.end()
    if (rest.length) this.parser.take(rest, ++this.lines)
    this.parser.end()
    this.flushRecords()
    done()
  }

  private flushRecords() {
    if (this.out.length === 0) return
    this.push(this.out)
    this.out = []
  }
}
