// CSV bytes → COPY (FORMAT csv) lines for the staging table: the line number, then every
// column of the file spec in spec order (an empty field is NULL). PostgreSQL then parses the
// rows and converts the types, which is where most of the time used to go in this process.
//
// A quote-free line whose cells all pass their column's byte check (cells.ts) is copied
// from the bytes as it is, without ever becoming a JavaScript string: most lines of a real
// file. Every other line — the header, quoted records, cells to trim or normalise, bad
// rows, a row of the wrong width — takes the validated path: CsvLines (records.ts) and the
// TypeBox RowValidator, which reports bad rows by line and field, exactly as before.
import { isUtf8 } from 'node:buffer'
import { Transform, type TransformCallback } from 'node:stream'
import type { ByteOut, FastCell } from './cells.ts'
import type { Column, FileSpec } from './columns.ts'
import { csvLine, type RowValidator } from './parse.ts'
import { CsvLines, MAX_LINE, tooLong, type CsvRecord } from './records.ts'

const COMMA = 0x2c
const QUOTE = 0x22
const CR = 0x0d
const LF = 0x0a

/** Where each spec column sits in the header's line, for the byte path. */
interface ByteLayout {
  /** Fields in a line. */
  width: number
  /** Per spec column: its position in the line (-1: not in the file), its check, and whether it is required. */
  position: Int32Array
  checks: (FastCell | undefined)[]
  required: boolean[]
}

function byteLayout(spec: FileSpec, header: readonly (Column | undefined)[]): ByteLayout | undefined {
  // A cross-field check needs the row as an object; a column named twice is resolved by the validated path.
  if (spec.check) return undefined
  const named = header.filter((c) => c !== undefined)
  if (new Set(named).size !== named.length) return undefined
  return {
    width: header.length,
    position: Int32Array.from(spec.columns, (c) => header.indexOf(c)),
    checks: spec.columns.map((c) => c.fast),
    required: spec.columns.map((c) => c.required === true),
  }
}

export class CopyRows extends Transform {
  private readonly lines: CsvLines
  private readonly out: ByteOut = { buf: Buffer.allocUnsafe(256 << 10), pos: 0 }
  private carry: Buffer | undefined
  private started = false
  /** Physical lines consumed so far. */
  private lineCount = 0
  private layout: ByteLayout | undefined
  /** Field bounds of the line being read by the byte path. */
  private starts = new Int32Array(0)
  private ends = new Int32Array(0)
  private failure: Error | undefined
  /** Bytes read so far. */
  bytes = 0

  constructor(
    private readonly spec: FileSpec,
    private readonly validator: RowValidator,
  ) {
    super()
    this.lines = new CsvLines((record) => this.record(record), (line, message) => validator.malformed(line, message))
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.bytes += chunk.length
    let data = this.carry ? Buffer.concat([this.carry, chunk]) : chunk
    if (!this.started) {
      if (data.length < 3) {
        this.carry = data
        return done()
      }
      data = this.dropBom(data)
    }
    const last = data.lastIndexOf(LF)
    if (last === -1) {
      this.carry = data
      return done(data.length > MAX_LINE ? tooLong(this.lineCount + 1) : null)
    }
    this.carry = last + 1 < data.length ? Buffer.from(data.subarray(last + 1)) : undefined
    this.takeLines(data.subarray(0, last + 1))
    this.lines.pause()
    this.flushOut(done)
  }

  override _flush(done: TransformCallback) {
    if (this.carry) {
      const rest = this.started ? this.carry : this.dropBom(this.carry)
      this.carry = undefined
      if (rest.length) this.takeLines(Buffer.concat([rest, Buffer.from('\n')]))
    }
    this.lines.end()
    this.flushOut(done)
  }

  private dropBom(data: Buffer): Buffer {
    this.started = true
    return data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data
  }

  /** Whole lines, each ending with \n. */
  private takeLines(bytes: Buffer) {
    // Invalid UTF-8 becomes U+FFFD, as decoding it would make it (PostgreSQL refuses it).
    const data = isUtf8(bytes) ? bytes : Buffer.from(bytes.toString('utf8'))
    let start = 0
    for (let nl = data.indexOf(LF); nl !== -1 && !this.failure; nl = data.indexOf(LF, start)) {
      this.takeLine(data, start, nl, ++this.lineCount)
      start = nl + 1
    }
  }

  private takeLine(data: Buffer, start: number, end: number, line: number) {
    if (this.layout && !this.lines.pending) {
      const bare = end > start && data[end - 1] === CR ? end - 1 : end
      if (bare === start) return // an empty line
      if (this.copyLine(data, start, bare, line)) return
    }
    this.lines.take(data.toString('utf8', start, end), line)
  }

  /** The byte path: copies a plain line that needs no other check; false leaves it to the validated path. */
  private copyLine(src: Buffer, start: number, end: number, line: number): boolean {
    const layout = this.layout!
    const { starts, ends } = this
    let field = 0
    let from = start
    for (let i = start; i < end; i++) {
      const b = src[i]!
      if (b === COMMA) {
        if (field === layout.width - 1) return false
        starts[field] = from
        ends[field++] = i
        from = i + 1
      } else if (b === QUOTE || b === CR || b === 0) return false
    }
    if (field !== layout.width - 1) return false
    starts[field] = from
    ends[field] = end

    const out = this.out
    // The line as written, plus its number and a few bytes per column for added prefixes.
    this.reserve(end - start + 16 + 4 * layout.position.length)
    const mark = out.pos
    out.pos += out.buf.write(String(line), out.pos, 'latin1')
    for (let c = 0; c < layout.position.length; c++) {
      out.buf[out.pos++] = COMMA
      const at = layout.position[c]!
      if (at < 0) continue
      const s = starts[at]!
      const e = ends[at]!
      if (s === e) {
        if (!layout.required[c]) continue
      } else if (layout.checks[c]?.(src, s, e, out)) continue
      out.pos = mark
      return false
    }
    out.buf[out.pos++] = LF
    this.validator.rows++
    this.validator.valid++
    return true
  }

  /** A record of the validated path: the header, or a data row. */
  private record(record: CsvRecord) {
    if (this.failure) return
    if (!this.validator.header) {
      try {
        const { columns } = this.validator.readHeader(record.cells)
        this.layout = byteLayout(this.spec, columns)
        this.starts = new Int32Array(columns.length)
        this.ends = new Int32Array(columns.length)
      } catch (err) {
        this.failure = err as Error
      }
      return
    }
    const row = this.validator.validate(record)
    if (!row) return
    const text = csvLine(row, this.spec.columns)
    this.reserve(Buffer.byteLength(text))
    this.out.pos += this.out.buf.write(text, this.out.pos)
  }

  private reserve(bytes: number) {
    const out = this.out
    if (out.pos + bytes <= out.buf.length) return
    const next = Buffer.allocUnsafe(Math.max(out.buf.length * 2, out.pos + bytes))
    out.buf.copy(next, 0, 0, out.pos)
    out.buf = next
  }

  private flushOut(done: TransformCallback) {
    if (this.failure) return done(this.failure)
    if (this.out.pos > 0) {
      this.push(Buffer.from(this.out.buf.subarray(0, this.out.pos)))
      this.out.pos = 0
    }
    done()
  }
}
