// A run is a fixed list of SQL statements; listing them (rather than running them inline)
// lets the benchmark EXPLAIN exactly the statements a run executes.
import type { Prisma } from '../db/client.ts'

export type Tx = Prisma.TransactionClient

export interface Statement {
  /** What it does, e.g. 'target customers' or a rule code. */
  label: string
  sql: string
  params: unknown[]
}

/** Runs one statement; returns the rows it wrote (INSERT/UPDATE/CREATE TABLE AS). */
export type Executor = (tx: Tx, statement: Statement) => Promise<number>

export const execute: Executor = (tx, s) => tx.$executeRawUnsafe(s.sql, ...s.params)
