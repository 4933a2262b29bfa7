// Validates CSV records (records.ts) row by row with TypeBox: valid rows leave in batches,
// bad rows go to the reject list with their line and field and never stop the rest.
import { Transform, type TransformCallback } from 'node:stream'
import { Type } from 'typebox'
import { Compile, type Validator } from 'typebox/compile'
import type { Column, FileSpec } from './columns.ts'
import { ImportFileError } from './errors.ts'
import type { CsvRecord } from './records.ts'
import type { RejectList } from './rejects.ts'

export { ImportFileError }

/** A row that passed validation: its start line and its non-empty cells by column name. */
export interface ValidRow {
  line: number
  values: Record<string, string>
}

export interface Layout {
  /** The spec column at each position of the header (undefined: ignored column). */
  columns: (Column | undefined)[]
  validator: Validator
  /** One validator per present column, to name the bad fields of a rejected row cheaply. */
  fieldValidators: Map<Column, Validator>
}

export class RowValidator extends Transform {
  private layout: Layout | undefined
  /** Spec columns the header names, so that absent ones keep their stored values. */
  readonly present = new Set<string>()
  /** Data rows read so far, valid or not. */
  rows = 0
  valid = 0

  constructor(
    private readonly spec: FileSpec,
    private readonly file: string,
    private readonly rejects: RejectList,
  ) {
    super({ objectMode: true })
  }

  override _transform(records: CsvRecord[], _encoding: BufferEncoding, done: TransformCallback) {
    const valid: ValidRow[] = []
    for (const record of records) {
      if (!this.layout) {
        try {
          this.readHeader(record.cells)
        } catch (err) {
          return done(err as Error)
        }
        continue
      }
      const row = this.validate(record)
      if (row) valid.push(row)
    }
    if (valid.length) this.push(valid)
    done()
  }

  /** A record that csv-parse could not read at all. */
  malformed(line: number, message: string) {
    this.rows++
    this.rejects.add({ file: this.file, line, field: 'row', message })
  }

  /** Checks one data record; a bad one goes to the reject list. */
  validate({ cells, line }: CsvRecord): ValidRow | undefined {
    this.rows++
    const { columns, validator } = this.layout!
    if (cells.length !== columns.length) {
      this.rejects.add({ file: this.file, line, field: 'row', message: `has ${cells.length} fields, the header has ${columns.length}` })
      return undefined
    }
    const values: Record<string, string> = {}
    for (let i = 0; i < cells.length; i++) {
      const column = columns[i]
      const cell = cells[i]!
      if (column !== undefined && cell !== '') values[column.name] = cell
    }
    if (!validator.Check(values)) {
      this.rejectRow(line, values)
      return undefined
    }
    const crossField = this.spec.check?.(values)
    if (crossField) {
      this.rejects.add({ file: this.file, line, ...crossField })
      return undefined
    }
    this.valid++
    return { line, values }
  }

  /** The header's layout, once read. */
  get header(): Layout | undefined {
    return this.layout
  }

  /** Reads the header record: which spec column each position holds. */
  readHeader(cells: string[]): Layout {
    const names = cells.map((c) => c.toLowerCase())
    const missing = this.spec.columns.filter((c) => c.inHeader && !names.includes(c.name)).map((c) => c.name)
    if (missing.length) throw new ImportFileError(`${this.file}: the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`)
    const columns = names.map((name) => this.spec.columns.find((c) => c.name === name))
    for (const c of columns) if (c) this.present.add(c.name)
    const properties = Object.fromEntries(
      this.spec.columns.filter((c) => this.present.has(c.name)).map((c) => [c.name, c.required ? c.schema : Type.Optional(c.schema)]),
    )
    this.layout = {
      columns,
      validator: Compile(Type.Object(properties)),
      fieldValidators: new Map(columns.filter((c) => c !== undefined).map((c) => [c, Compile(c.schema)])),
    }
    return this.layout
  }

  /** One reject per bad field of the row, with the value and what was expected. */
  private rejectRow(line: number, values: Record<string, string>) {
    for (const [column, validator] of this.layout!.fieldValidators) {
      const value = values[column.name]
      if (value === undefined) {
        if (column.required) this.rejects.add({ file: this.file, line, field: column.name, message: 'is required' })
      } else if (!validator.Check(value)) {
        const expected = (column.schema as { description?: string }).description ?? 'valid'
        this.rejects.add({ file: this.file, line, field: column.name, message: `${JSON.stringify(value)} is not ${expected}` })
      }
    }
  }
}

/** A value as a COPY (FORMAT csv) field: quoted when it holds a delimiter, quote or line break. */
const csvField = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)

/** One valid row as a line of COPY (FORMAT csv): `line`, then every spec column (empty: NULL). */
export function csvLine(row: ValidRow, columns: readonly Column[]): string {
  let out = String(row.line)
  for (const column of columns) {
    const value = row.values[column.name]
    out += ','
    if (value !== undefined) out += csvField(column.toCopy ? column.toCopy(value) : value)
  }
  return `${out}\n`
}

/** Batches of valid rows → COPY (FORMAT csv) text. */
export function copyCsv(columns: readonly Column[]): Transform {
  return new Transform({
    writableObjectMode: true,
    transform(batch: ValidRow[], _encoding, callback) {
      callback(null, batch.map((row) => csvLine(row, columns)).join(''))
    },
  })
}
