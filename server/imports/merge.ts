// Set-based merge of a staging table into its target, in the caller's transaction:
//   1. row checks that need the database (unknown usernames, unknown customers) move bad
//      rows from the stage to the reject table; a check of rows that the merge's own joins
//      leave out (an unknown customer) runs after it, and not at all when a bulk insert took
//      every staged row;
//   2. INSERT ... SELECT ... ON CONFLICT DO UPDATE ... WHERE (...) IS DISTINCT FROM (...),
//      so that an unchanged row is neither written nor counted (a hash join with the stored
//      rows drops most of them first);
//   3. into an empty target (a first load) the indexes and foreign keys are dropped and
//      rebuilt around a plain INSERT, several times faster (architecture.md, bulk-load facts);
//   4. a key that appears twice in the file fails the statement; the merge then rolls back to
//      its savepoint, rejects the later duplicates and runs again.
import type pg from 'pg'

export interface TargetColumn {
  /** Column of the target table. */
  column: string
  /** Its value, from the staging row `s` and the joins of MergeTarget.from. */
  expr: string
  /** The CSV column it comes from: left out of the statement when the file lacks it, so updates keep the stored value. */
  source?: string
  /** On update, NULL keeps the stored value (an empty manager cell does not undo an allocation). */
  keepStoredWhenNull?: boolean
}

export interface MergeTarget {
  table: string
  /** The conflict key of the target. */
  key: readonly string[]
  /** Joins after `FROM <stage> s`. */
  from: string
  columns: readonly TargetColumn[]
  /** Set to now() whenever a row changes. */
  touch?: string
  /** Staging columns that identify a row, and the CSV field named when one repeats. */
  stageKey: readonly string[]
  duplicateField: string
}

/** A row check: rows of `s` matching `where` are rejected with `message` (an SQL text expression). */
export interface RowCheck {
  field: string
  where: string
  message: string
  /** The rows it rejects find no partner in MergeTarget.from, so the merge leaves them out by itself. */
  droppedByJoin?: boolean
}

export interface MergeInput {
  target: MergeTarget
  stage: string
  rejects: string
  file: string
  present: ReadonlySet<string>
  checks?: readonly RowCheck[]
  /** Valid rows staged; a bulk load of an empty target pays off only for many. */
  rows: number
}

export interface MergeCounts {
  imported: number
  updated: number
}

/** Rows from which a bulk load of an empty target pays off. */
export const BULK_MIN_ROWS = 50_000

export function mergeSql(target: MergeTarget, stage: string, present: ReadonlySet<string>, mode: 'upsert' | 'insert') {
  const columns = target.columns.filter((c) => !c.source || present.has(c.source))
  const into = `INSERT INTO ${target.table} AS t (${columns.map((c) => c.column).join(', ')})`
  const select = `SELECT ${columns.map((c) => c.expr).join(', ')} FROM ${stage} s ${target.from}`
  if (mode === 'insert') return `${into} ${select}`
  const updatable = columns.filter((c) => !target.key.includes(c.column))
  /** The value a column ends up with, given the incoming value and the stored row. */
  const next = (c: TargetColumn, incoming: string, stored: string) => (c.keepStoredWhenNull ? `COALESCE(${incoming}, ${stored}.${c.column})` : incoming)
  const fromExcluded = (c: TargetColumn) => next(c, `excluded.${c.column}`, 't')
  const fromStage = (c: TargetColumn) => next(c, c.expr, 'cur')
  const keyExpr = (k: string) => columns.find((c) => c.column === k)!.expr
  const set = updatable.map((c) => `${c.column} = ${fromExcluded(c)}`)
  if (target.touch) set.push(`${target.touch} = now()`)
  // The join with the stored rows drops unchanged ones in one hash join, before ON CONFLICT
  // would probe the key index for each of them (a re-import of unchanged files is mostly that).
  return `WITH m AS (${into} ${select}
      LEFT JOIN ${target.table} cur ON ${target.key.map((k) => `cur.${k} = ${keyExpr(k)}`).join(' AND ')}
      WHERE cur.${target.key[0]} IS NULL
         OR (${updatable.map((c) => `cur.${c.column}`).join(', ')}) IS DISTINCT FROM (${updatable.map(fromStage).join(', ')})
    ON CONFLICT (${target.key.join(', ')}) DO UPDATE SET ${set.join(', ')}
    WHERE (${updatable.map((c) => `t.${c.column}`).join(', ')}) IS DISTINCT FROM (${updatable.map(fromExcluded).join(', ')})
    RETURNING (xmax = 0) AS inserted)
  SELECT count(*) FILTER (WHERE inserted)::int AS imported, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM m`
}

/** Moves the rows failing `check` from the stage to the rejects; returns how many. */
async function rejectRows(client: pg.Client, input: MergeInput, check: RowCheck): Promise<number> {
  const { rowCount } = await client.query(
    `WITH bad AS (DELETE FROM ${input.stage} s WHERE ${check.where} RETURNING s.line, ${check.message} AS message)
     INSERT INTO ${input.rejects} (file, line, field, message) SELECT $1, line, $2, message FROM bad`,
    [input.file, check.field],
  )
  return rowCount ?? 0
}

/** Moves every later copy of a key from the stage to the rejects; returns how many. */
async function rejectDuplicates(client: pg.Client, input: MergeInput): Promise<number> {
  const key = input.target.stageKey.join(', ')
  const { rowCount } = await client.query(
    `WITH ranked AS (SELECT line, min(line) OVER (PARTITION BY ${key}) AS first FROM ${input.stage}),
          bad AS (DELETE FROM ${input.stage} s USING ranked r WHERE s.line = r.line AND r.line > r.first RETURNING s.line, r.first)
     INSERT INTO ${input.rejects} (file, line, field, message) SELECT $1, line, $2, 'repeats line ' || first FROM bad`,
    [input.file, input.target.duplicateField],
  )
  return rowCount ?? 0
}

/**
 * Runs `load` with the table's secondary indexes and foreign keys dropped, then rebuilds them
 * from their own definitions (same names, so the schema does not drift). A primary key that
 * other tables reference stays.
 */
export async function withIndexesRebuilt<T>(client: pg.Client, table: string, load: () => Promise<T>): Promise<T> {
  const { rows: constraints } = await client.query<{ name: string; def: string; type: string }>(
    `SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS def, c.contype AS type
       FROM pg_constraint c
      WHERE c.conrelid = $1::regclass AND c.contype IN ('p', 'u', 'f')
        AND NOT (c.contype IN ('p', 'u') AND EXISTS (SELECT 1 FROM pg_constraint r WHERE r.confrelid = $1::regclass AND r.conindid = c.conindid))`,
    [table],
  )
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
      WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = $1::regclass)`,
    [table],
  )
  for (const c of constraints.filter((c) => c.type === 'f')) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT "${c.name}"`)
  for (const c of constraints.filter((c) => c.type !== 'f')) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT "${c.name}"`)
  for (const i of indexes) await client.query(`DROP INDEX ${i.name}`)
  const result = await load()
  for (const c of constraints.filter((c) => c.type !== 'f')) await client.query(`ALTER TABLE ${table} ADD CONSTRAINT "${c.name}" ${c.def}`)
  for (const i of indexes) await client.query(i.def)
  for (const c of constraints.filter((c) => c.type === 'f')) await client.query(`ALTER TABLE ${table} ADD CONSTRAINT "${c.name}" ${c.def}`)
  return result
}

/** The table holds no row that this transaction sees. */
export const isEmpty = async (client: pg.Client, table: string) =>
  (await client.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM ${table}) AS empty`)).rows[0]!.empty

/** Merges the stage; `bulk` when it was a plain insert into an empty target. */
async function mergeOnce(client: pg.Client, input: MergeInput): Promise<MergeCounts & { bulk: boolean }> {
  const { target, stage, present } = input
  if (input.rows >= BULK_MIN_ROWS) {
    await client.query(`LOCK TABLE ${target.table} IN ACCESS EXCLUSIVE MODE`)
    if (await isEmpty(client, target.table)) {
      const inserted = await withIndexesRebuilt(client, target.table, () => client.query(mergeSql(target, stage, present, 'insert')))
      return { imported: inserted.rowCount ?? 0, updated: 0, bulk: true }
    }
  }
  const { rows } = await client.query<MergeCounts>(mergeSql(target, stage, present, 'upsert'))
  return { ...rows[0]!, bulk: false }
}

// 21000: ON CONFLICT would change one row twice; 23505: a rebuilt unique index found a repeat.
const DUPLICATE_KEY = new Set(['21000', '23505'])

/** Checks, then merges one staged file into its target. Call inside a transaction. */
export async function mergeStage(client: pg.Client, input: MergeInput): Promise<MergeCounts> {
  const checks = input.checks ?? []
  const late = checks.filter((c) => c.droppedByJoin)
  let staged = input.rows
  for (const check of checks.filter((c) => !c.droppedByJoin)) staged -= await rejectRows(client, input, check)
  let lateDone = false
  const runLate = async () => {
    for (const check of late) staged -= await rejectRows(client, input, check)
    lateDone = true
  }
  await client.query('SAVEPOINT merge_stage')
  let merged: MergeCounts & { bulk: boolean }
  try {
    merged = await mergeOnce(client, input)
    await client.query('RELEASE SAVEPOINT merge_stage')
  } catch (err) {
    if (!DUPLICATE_KEY.has((err as { code?: string }).code ?? '')) throw err
    await client.query('ROLLBACK TO SAVEPOINT merge_stage')
    // The later of two rows is a repeat; a row without its customer is reported as that, even when repeated.
    await runLate()
    staged -= await rejectDuplicates(client, input)
    merged = await mergeOnce(client, { ...input, rows: staged })
  }
  if (!lateDone && !(merged.bulk && merged.imported === staged)) await runLate()
  return { imported: merged.imported, updated: merged.updated }
}
