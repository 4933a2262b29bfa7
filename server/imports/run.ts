// One import run (CLI `import` and POST /api/imports): every file is staged first, then all
// are merged in one transaction in dependency order (agents → customers → usage), so that a
// failure leaves nothing half-written, and one audit row records the run. usage.csv for an
// empty monthly_usage is spooled to a temporary file instead, for a direct load (usage-load.ts).
import { statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import pg from 'pg'
import { agentChecks, agentsFile, ensureTeams, linkPartners, usersTarget } from './agents.ts'
import type { FileSpec, ImportKind } from './columns.ts'
import { customerChecks, customersFile, customersTarget } from './customers.ts'
import { BULK_MIN_ROWS, isEmpty, mergeStage, type MergeCounts, type MergeTarget, type RowCheck } from './merge.ts'
import { RejectList, type Reject } from './rejects.ts'
import { stageFile, stageSpool, type StagedFile } from './stage.ts'
import { NO_CUSTOMER, usageChecks, usageFile, usageTarget } from './usage.ts'
import { loadUsage } from './usage-load.ts'

export type ImportFiles = Partial<Record<ImportKind, string>>

export interface ImportReport {
  imported: number
  updated: number
  rejected: Reject[]
}

export interface ImportProgress {
  kind: ImportKind
  file: string
  /** A file is read (and staged), then merged: `merging` when its merge starts, `merged` when it is done. */
  phase: 'reading' | 'merging' | 'merged'
  /** Bytes of this file read so far, and its size. */
  bytes: number
  totalBytes: number
  /** Data rows read so far from this file, and from all files. */
  rows: number
  processed: number
  rejected: number
}

export interface ImportOptions {
  databaseUrl: string
  files: ImportFiles
  /** Name of each file in the report (default: its base name). */
  names?: Partial<Record<ImportKind, string>>
  /** The province new cities are created under, when none exists yet. */
  province: string
  actorId?: number | null
  /** Set for API imports: the audit row points at the job. */
  jobId?: number
  onProgress?: (progress: ImportProgress) => void
}

export const IMPORT_ORDER: readonly ImportKind[] = ['agents', 'customers', 'usage']

const specs: Record<ImportKind, { spec: FileSpec; target: MergeTarget; checks: (stage: string) => readonly RowCheck[] }> = {
  agents: { spec: agentsFile, target: usersTarget, checks: agentChecks },
  customers: { spec: customersFile, target: customersTarget, checks: () => customerChecks },
  usage: { spec: usageFile, target: usageTarget, checks: () => usageChecks },
}

// Any constant: one import at a time, whichever node or CLI starts it.
const IMPORT_LOCK = 72_707_370

/** Creates the province if there is none, and every city the stage names under it. */
async function ensureBranches(client: pg.Client, stage: string, province: string) {
  await client.query(
    `INSERT INTO branches (name, kind) SELECT $1, 'province' WHERE NOT EXISTS (SELECT 1 FROM branches WHERE kind = 'province')
     ON CONFLICT (name) DO NOTHING`,
    [province],
  )
  await client.query(
    `INSERT INTO branches (name, kind, parent_id)
     SELECT c.city, 'city', (SELECT id FROM branches WHERE kind = 'province' ORDER BY id LIMIT 1)
       FROM (SELECT DISTINCT city FROM ${stage} WHERE city IS NOT NULL) c
     ON CONFLICT (name) DO NOTHING`,
  )
}

/** A spooled usage file goes straight into monthly_usage if it can; otherwise its rows are staged and merged. */
async function mergeFile(client: pg.Client, file: StagedFile, rejectsTable: string, province: string, rejects: RejectList): Promise<MergeCounts> {
  let staged = file
  if (staged.spool) {
    const unknown = new RejectList()
    const imported = staged.rows >= BULK_MIN_ROWS
      ? await loadUsage(client, staged.spool, (line) => unknown.add({ file: staged.file, line, field: 'msisdn', message: NO_CUSTOMER }))
      : undefined
    if (imported !== undefined) {
      rejects.addAll(unknown)
      return { imported, updated: 0 }
    }
    staged = await stageSpool(client, { ...staged, spool: staged.spool })
  }
  const { kind } = staged.spec
  if (kind !== 'usage') await ensureBranches(client, staged.stage, province)
  if (kind === 'agents') await ensureTeams(client, staged.stage)
  const { target, checks } = specs[kind]
  const counts = await mergeStage(client, {
    target, stage: staged.stage, rejects: rejectsTable, file: staged.file, present: staged.present,
    checks: checks(staged.stage), rows: staged.rows,
  })
  if (kind === 'agents' && staged.present.has('partner')) counts.updated += await linkPartners(client, staged.stage)
  return counts
}

/**
 * Staging tables of an import that was killed (they are dropped when an import ends). Holding
 * the import lock, no other import can own one.
 */
async function dropLeftovers(client: pg.Client) {
  const { rows } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables
      WHERE schemaname = current_schema() AND tablename ~ '^import_(agents|customers|usage|rejects)_[0-9]+_[0-9a-z]+$'`,
  )
  for (const { name } of rows) await client.query(`DROP TABLE IF EXISTS ${name}`)
}

/** Moves the rejects found in SQL into the list (as many as it may still hold). */
async function collectSqlRejects(client: pg.Client, table: string, rejects: RejectList) {
  const { rows } = await client.query<Reject>(`SELECT file, line, field, message FROM ${table} ORDER BY file, line LIMIT $1`, [rejects.room])
  for (const r of rows) rejects.add(r)
  const { rows: [total] } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)
  if (rows[0]) rejects.addUnlisted(total!.n - rows.length, rows[0])
}

/**
 * Staging runs on its own connection, file after file, while the merge connection merges
 * the files already staged: PostgreSQL merges customers on one core while usage is read on
 * the other, into its stage or its spool (copying both files at once only delays the
 * customers merge, which usage waits for). The merge is one transaction, so a failure leaves
 * nothing half-written; the spool directory is removed however the import ends.
 */
export async function runImport(options: ImportOptions): Promise<ImportReport> {
  const kinds = IMPORT_ORDER.filter((k) => options.files[k])
  if (kinds.length === 0) throw new Error('no file to import')
  const paths = Object.fromEntries(kinds.map((k) => [k, options.files[k]!])) as Record<ImportKind, string>
  const names = Object.fromEntries(kinds.map((k) => [k, options.names?.[k] ?? basename(paths[k])])) as Record<ImportKind, string>
  const sizes = Object.fromEntries(kinds.map((k) => [k, statSync(paths[k]).size])) as Record<ImportKind, number>
  const rowsRead: Partial<Record<ImportKind, number>> = {}
  const progress = (kind: ImportKind, phase: ImportProgress['phase'], bytes: number, rows: number) => {
    const processed = Object.values(rowsRead).reduce((a, b) => a + b, 0)
    options.onProgress?.({ kind, file: names[kind], phase, bytes, totalBytes: sizes[kind], rows, processed, rejected: rejects.count })
  }

  const merger = new pg.Client({ connectionString: options.databaseUrl })
  const stager = new pg.Client({ connectionString: options.databaseUrl })
  await Promise.all([merger.connect(), stager.connect()])
  const tag = `${process.pid}_${Date.now().toString(36)}`
  const rejectsTable = `import_rejects_${tag}`
  const rejects = new RejectList()
  let spoolDir: string | undefined
  const stage = async (client: pg.Client, kind: ImportKind) => {
    const spool = kind === 'usage' && (await isEmpty(client, usageTarget.table)) ? join(spoolDir!, 'usage.csv') : undefined
    return stageFile(client, specs[kind].spec, paths[kind], names[kind], `import_${kind}_${tag}`, rejects, (p) => {
      rowsRead[kind] = p.rows
      progress(kind, 'reading', p.bytes, p.rows)
    }, spool)
  }
  let staging: Promise<StagedFile>[] = []
  try {
    spoolDir = await mkdtemp(join(tmpdir(), 'import-spool-'))
    await merger.query('SELECT pg_advisory_lock($1)', [IMPORT_LOCK])
    await dropLeftovers(merger)
    await merger.query(`CREATE UNLOGGED TABLE ${rejectsTable} (file text, line integer, field text, message text)`)
    // agents.csv is staged on the merge connection (its argon2 hashing runs on libuv's threads)
    // while customers and usage are copied, one after the other, on the staging connection.
    let previous: Promise<unknown> = Promise.resolve()
    staging = kinds.map((kind) => {
      const next = kind === 'agents' ? stage(merger, kind) : previous.then(() => stage(stager, kind))
      if (kind !== 'agents') previous = next
      next.catch(() => {}) // awaited in the merge loop; not an unhandled rejection meanwhile
      return next
    })
    if (kinds[0] === 'agents') await staging[0]

    const totals = { imported: 0, updated: 0 }
    await merger.query('BEGIN')
    try {
      // The merge joins a million-row stage with a million customers: hash joins, not batches on disk.
      await merger.query("SET LOCAL work_mem = '256MB'")
      await merger.query("SET LOCAL maintenance_work_mem = '512MB'")
      for (const file of staging) {
        const staged = await file
        progress(staged.spec.kind, 'merging', sizes[staged.spec.kind], staged.rows)
        const counts = await mergeFile(merger, staged, rejectsTable, options.province, rejects)
        progress(staged.spec.kind, 'merged', sizes[staged.spec.kind], staged.rows)
        totals.imported += counts.imported
        totals.updated += counts.updated
      }
      const { rows: [sqlRejects] } = await merger.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${rejectsTable}`)
      await merger.query(
        `INSERT INTO audit_log (actor_id, action, entity, entity_id, after) VALUES ($1, 'import', 'import_job', $2, $3)`,
        [options.actorId ?? null, options.jobId == null ? null : String(options.jobId),
          { files: Object.values(names), ...totals, rejected: rejects.count + sqlRejects!.n }],
      )
      await merger.query('COMMIT')
    } catch (err) {
      await merger.query('ROLLBACK')
      throw err
    }
    await collectSqlRejects(merger, rejectsTable, rejects)
    // Fresh statistics for the rules and allocation queries that follow an import, on both connections.
    const tables = [...new Set(kinds.map((k) => specs[k].target.table))]
    await Promise.all([merger, stager].map(async (client, i) => {
      for (let t = i; t < tables.length; t += 2) await client.query(`ANALYZE ${tables[t]}`)
    }))
    return { ...totals, rejected: rejects.list(kinds.map((k) => names[k])) }
  } finally {
    // A failed merge may leave a file still being staged: let it end before dropping its table.
    await Promise.allSettled(staging)
    for (const table of [...kinds.map((k) => `import_${k}_${tag}`), rejectsTable]) await merger.query(`DROP TABLE IF EXISTS ${table}`).catch(() => {})
    await merger.query('SELECT pg_advisory_unlock($1)', [IMPORT_LOCK]).catch(() => {})
    if (spoolDir) await rm(spoolDir, { recursive: true, force: true })
    await Promise.all([merger.end(), stager.end()])
  }
}
