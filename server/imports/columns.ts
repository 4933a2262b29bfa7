// Building blocks of the CSV file specs (contracts.md section 2): each column has a TypeBox
// schema for its raw text, a staging column type, how its text goes into COPY, and a
// byte-level check of its plainly written cells (cells.ts) that spares most rows the schema.
// Empty cells of optional columns are left out of the validated object, so a schema only
// ever sees real values; a required column's empty cell fails as "is required".
import { Type, type TSchema } from 'typebox'
import { Format } from 'typebox/format'
import { contactToE164, toE164 } from '../common/phone.ts'
import { fastContact, fastDate, fastInteger, fastMobile, fastMoney, fastOneOf, fastText, fastUsername, type FastCell } from './cells.ts'

/** Remembers the last answer: a number is normalised once to validate it and again to store it. */
function lastCall(normalise: (raw: string) => string | null) {
  let raw: string | undefined
  let result: string | null = null
  return (value: string) => (value === raw ? result : (result = normalise((raw = value))))
}
const mobile = lastCall(toE164)
const contact = lastCall(contactToE164)

Format.Set('cn-mobile', (value) => mobile(value) !== null)
Format.Set('cn-contact', (value) => contact(value) !== null)

export interface Column {
  /** Header name in the CSV (lower case). */
  name: string
  /** Schema of the cell's text; its description completes the message `"x" is not <description>`. */
  schema: TSchema
  /** PostgreSQL type of the staging column. */
  pgType: string
  /** The header must name this column. */
  inHeader?: boolean
  /** An empty cell is an error (otherwise it becomes NULL, or the column's default). */
  required?: boolean
  /** Text for COPY from a validated, non-empty cell (default: the cell itself). */
  toCopy?: (value: string) => string
  /** Accepts the common spellings of a valid cell straight from the bytes (none: every cell is validated). */
  fast?: FastCell
}

const text = (maxLength = 200) => Type.String({ maxLength, description: `a text of at most ${maxLength} characters` })
const isoDate = Type.String({ format: 'date', pattern: '^(19|20)\\d\\d-', description: 'a valid date (YYYY-MM-DD)' })
const money = (signed: boolean) =>
  Type.String({ pattern: `^${signed ? '-?' : ''}\\d{1,10}(\\.\\d+)?$`, description: signed ? 'an amount in yuan' : 'a non-negative amount in yuan' })
const integer = (digits: number) => Type.String({ pattern: `^\\d{1,${digits}}$`, description: `a whole number of at most ${digits} digits` })
const oneOf = (values: readonly string[]) => Type.Enum([...values], { description: `one of ${values.join(', ')}` })

export const col = {
  text: (name: string, maxLength = 200): Column => ({ name, schema: text(maxLength), pgType: 'text', fast: fastText(maxLength) }),
  date: (name: string): Column => ({ name, schema: isoDate, pgType: 'date', fast: fastDate }),
  money: (name: string, signed = false): Column => ({ name, schema: money(signed), pgType: 'numeric(12,2)', fast: fastMoney(signed) }),
  integer: (name: string, digits: number): Column => ({ name, schema: integer(digits), pgType: 'integer', fast: fastInteger(digits) }),
  flag: (name: string): Column => ({ name, schema: oneOf(['0', '1']), pgType: 'boolean', fast: fastOneOf(['0', '1']) }),
  oneOf: (name: string, values: readonly string[], pgType: string): Column => ({ name, schema: oneOf(values), pgType, fast: fastOneOf(values) }),
  mobile: (name: string): Column => ({
    name,
    schema: Type.String({ format: 'cn-mobile', description: 'a Chinese mobile number (11 digits) or an E.164 number' }),
    pgType: 'text',
    toCopy: (value) => mobile(value)!,
    fast: fastMobile,
  }),
  contact: (name: string): Column => ({
    name,
    schema: Type.String({ format: 'cn-contact', description: 'a mobile number or a landline with its area code' }),
    pgType: 'text',
    toCopy: (value) => contact(value)!,
    fast: fastContact,
  }),
  username: (name: string): Column => ({
    name,
    schema: Type.String({ pattern: '^[A-Za-z0-9_.-]{2,64}$', description: 'a username (2-64 letters, digits, _ . -)' }),
    pgType: 'text',
    fast: fastUsername,
  }),
}

/** Marks a column as named in the header and never empty. */
export const required = (c: Column): Column => ({ ...c, inHeader: true, required: true })

export type ImportKind = 'agents' | 'customers' | 'usage'

/** One CSV file format: its columns and the checks that span several fields of a row. */
export interface FileSpec {
  kind: ImportKind
  columns: Column[]
  check?: (row: Readonly<Record<string, string>>) => { field: string; message: string } | undefined
}
