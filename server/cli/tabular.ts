// Rows to stdout as CSV (header first) or as one JSON array, batch by batch, waiting for
// the pipe to drain so a million-row export never piles up in memory.
import { once } from 'node:events'
import { csvLine } from '../db/cursor.ts'
import { UsageError } from './command.ts'

export type Format = 'csv' | 'json'

/** --format csv|json, where --json means json. */
export function formatFlag(flags: Record<string, string | true>): Format {
  const f = flags.json === true ? 'json' : (flags.format ?? 'csv')
  if (f !== 'csv' && f !== 'json') throw new UsageError(`--format must be csv or json, got ${String(f)}`)
  return f
}

export function tableWriter<T>(format: Format, columns: (keyof T)[], out: NodeJS.WritableStream = process.stdout) {
  let first = true
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain')
  }
  return {
    async begin() {
      await write(format === 'csv' ? columns.join(',') + '\n' : '[')
    },
    async rows(rows: T[]) {
      if (format === 'csv') return write(rows.map((r) => csvLine(r, columns)).join(''))
      const text = rows.map((r) => JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c]])))).join(',\n')
      await write((first ? '\n' : ',\n') + text)
      first = false
    },
    async end() {
      if (format === 'json') await write(first ? ']\n' : '\n]\n')
    },
  }
}
