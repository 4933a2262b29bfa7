// One rules run as of D: make sure a churn model exists for D's month, evaluate every
// enabled rule and rebuild the queues in ONE transaction (a failed run leaves yesterday's
// queues intact), and record the run in rule_runs. Runs are serialized by an advisory lock,
// so the daily job, an on-demand run and the CLI never interleave.
import type { Db } from '../db/client.ts'
import { buildQueues } from '../queues/build.ts'
import { ensureChurnModel } from './churn/train.ts'
import { activeRules, evaluateRules } from './evaluate.ts'
import type { Tx } from './statements.ts'
import { refreshStatistics } from './statistics.ts'

export interface RunProgress { stage: string; done: number; total: number }

export interface RunOptions {
  /** D, 'YYYY-MM-DD' */
  asOf: string
  /** The call centre's zone (config TZ): contact dates are read in it. */
  centreTimeZone: string
  onProgress?: (p: RunProgress) => void | Promise<void>
}

/** What `rules run --json` prints (contracts.md section 1). */
export interface RunResult {
  asOf: string
  rules: Record<string, number>
  entries: number
  ms: number
  runId: number
  retired: number
  churnModelId: number | null
}

/** Two runs never overlap: the lock is held until the run's transaction ends. */
const RUN_LOCK = 'rules-run'
const RUN_TIMEOUT_MS = 30 * 60_000

/**
 * Room for hashes and sorts over a million rows, for this transaction only. temp_buffers can
 * only be raised on a connection that has not used temporary tables yet (later runs on the
 * same connection keep what they got).
 *
 * No JIT and no parallel workers (measured with EXPLAIN ANALYZE at a million customers):
 * JIT compiled the target-customer statement for 4.6 s of its 15 s, and the parallel plan of
 * the usage aggregate (sort in each worker, merge) took twice as long as one backend walking
 * the usage key in customer order with nothing to sort. On 2 shared cores workers buy little.
 */
export async function prepareSession(tx: Tx) {
  await tx.$executeRawUnsafe(`SET LOCAL jit = off`)
  await tx.$executeRawUnsafe(`SET LOCAL max_parallel_workers_per_gather = 0`)
  await tx.$executeRawUnsafe(`SET LOCAL work_mem = '64MB'`)
  // the queue build sorts a million entries into each of its indexes (server/queues/swap.ts)
  await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '256MB'`)
  await tx.$executeRawUnsafe(`DO $$ BEGIN PERFORM set_config('temp_buffers', '128MB', true);
    EXCEPTION WHEN invalid_parameter_value THEN NULL; END $$`)
}

export async function runRules(db: Db, opts: RunOptions): Promise<RunResult> {
  const started = Date.now()
  const run = await db.ruleRun.create({ data: { asOf: new Date(`${opts.asOf}T00:00:00Z`), status: 'running' } })
  try {
    await refreshStatistics(db)
    await opts.onProgress?.({ stage: 'churn model', done: 0, total: 1 })
    const churn = await ensureChurnModel(db, { asOf: opts.asOf })
    const result = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('${RUN_LOCK}'))`)
      await prepareSession(tx)
      const rules = await activeRules(tx, opts.asOf)
      let total = 1 // the queue build is the last step
      const counts = await evaluateRules(tx, {
        asOf: opts.asOf, centreTimeZone: opts.centreTimeZone, rules,
        onStep: (done, statements, stage) => {
          total = statements + 1
          return opts.onProgress?.({ stage, done, total })
        },
      })
      const built = await buildQueues(tx, opts.asOf)
      await opts.onProgress?.({ stage: 'queues', done: total, total })
      return { counts, built }
    }, { timeout: RUN_TIMEOUT_MS, maxWait: RUN_TIMEOUT_MS })
    const ms = Date.now() - started
    await db.ruleRun.update({
      where: { id: run.id },
      data: { status: 'succeeded', counts: result.counts, entries: result.built.entries, ms, finishedAt: new Date() },
    })
    return { asOf: opts.asOf, rules: result.counts, entries: result.built.entries, ms, runId: run.id, retired: result.built.retired, churnModelId: churn?.modelId ?? null }
  } catch (err) {
    await db.ruleRun.update({
      where: { id: run.id },
      data: { status: 'failed', error: err instanceof Error ? err.message : String(err), ms: Date.now() - started, finishedAt: new Date() },
    })
    throw err
  }
}
