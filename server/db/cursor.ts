// Reads a large result through a server-side cursor, batch by batch, so exports of a
// million rows stream in constant memory and sort once.
import type { Db } from './client.ts'

const BATCH = 10_000

/** Runs `sql` ($1.. = params) and hands the rows to `onBatch` in order; returns the row count. */
export async function readInBatches<T>(db: Db, sql: string, params: unknown[], onBatch: (rows: T[]) => void | Promise<void>): Promise<number> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`DECLARE export_cursor NO SCROLL CURSOR FOR ${sql}`, ...params)
    let count = 0
    for (;;) {
      const rows = await tx.$queryRawUnsafe<T[]>(`FETCH ${BATCH} FROM export_cursor`)
      if (rows.length === 0) return count
      count += rows.length
      await onBatch(rows)
    }
  }, { timeout: 60 * 60_000, maxWait: 60_000 })
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** One RFC 4180 line of the given columns. */
export const csvLine = <T>(row: T, columns: (keyof T)[]) => columns.map((k) => csvCell(row[k])).join(',') + '\n'
