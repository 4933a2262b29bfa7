// The byte checks of cells.ts against the column schemas: whatever a byte check accepts, the
// validated path accepts too, needs no trimming, and stores exactly what the check wrote.
import fc from 'fast-check'
import { Compile } from 'typebox/compile'
import { describe, expect, it } from 'vitest'
import type { ByteOut } from '../../../server/imports/cells.ts'
import type { Column } from '../../../server/imports/columns.ts'
import { agentsFile } from '../../../server/imports/agents.ts'
import { customersFile } from '../../../server/imports/customers.ts'
import { usageFile } from '../../../server/imports/usage.ts'

const columns = [...customersFile.columns, ...usageFile.columns, ...agentsFile.columns].filter((c) => c.fast)

/** What the byte check writes for the cell, or undefined when it leaves it to the validated path. */
function fast(column: Column, cell: string): string | undefined {
  const src = Buffer.from(cell)
  const out: ByteOut = { buf: Buffer.alloc(src.length + 16), pos: 0 }
  return column.fast!(src, 0, src.length, out) ? out.buf.toString('utf8', 0, out.pos) : undefined
}

const pieces = ['0', '1', '2', '9', '13', '138', '-', '.', '+', '+86', '0086', ' ', '\t', '\u3000', '\u00a0', '\ufeff', '中', 'a', 'Z', '_',
  '19', '20', '2024', '02', '29', '30', '31', '12', '13', '00', 'gold', 'G', 'BB', 'M', 'prepaid', '1380013800', '0351', '-1234567']
/** Cells built from pieces that come close to every column's edges, and random text. */
const cell = fc.oneof(
  fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 }).map((p) => p.join('')),
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.stringMatching(/^(19|20|21)\d\d-(0\d|1[0-3])(-[0-3]\d)?$/),
  fc.stringMatching(/^-?\d{1,12}(\.\d{0,3})?$/),
  fc.stringMatching(/^(\+86|0)?1[0-9]\d{8,10}$/),
  fc.stringMatching(/^0[0-9]{9,12}$/),
)

describe('byte checks of cells', () => {
  it.each(columns.map((c) => [c.name, c] as const))('%s: accept only valid, trimmed cells and write what the validated path stores', (_name, column) => {
    const schema = Compile(column.schema)
    fc.assert(fc.property(cell, (value) => {
      const written = fast(column, value)
      if (written === undefined) return
      expect(value.trim()).toBe(value)
      expect(schema.Check(value)).toBe(true)
      expect(written).toBe(column.toCopy ? column.toCopy(value) : value)
    }), { numRuns: 2000 })
  })

  it('take the plain spellings of a real file', () => {
    const byName = (name: string) => columns.find((c) => c.name === name)!
    expect(fast(byName('msisdn'), '13800138000')).toBe('+8613800138000')
    expect(fast(byName('msisdn'), '+8613800138000')).toBe('+8613800138000')
    expect(fast(byName('alt_phone'), '03517654321')).toBe('+863517654321')
    expect(fast(byName('birthday'), '2024-02-29')).toBe('2024-02-29')
    expect(fast(byName('birthday'), '2023-02-29')).toBeUndefined()
    expect(fast(byName('month'), '2026-09')).toBe('2026-09-01')
    expect(fast(byName('balance'), '-12.50')).toBe('-12.50')
    expect(fast(byName('name'), '段东国')).toBe('段东国')
    expect(fast(byName('name'), '段东国\u3000')).toBeUndefined()
    expect(fast(byName('tier'), 'gold')).toBe('gold')
  })
})
