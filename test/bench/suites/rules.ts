// `npm run bench rules`: rule evaluation + queue build for 1,000,000 customers with 12
// months of usage, generated inside PostgreSQL in a database of its own (dialer_bench on the
// configured server, or BENCH_DATABASE_URL). Goal: under 30 s, and under 300 MB peak memory
// for the server process that runs it, on 2 cores. The run is the operator's command
// (`rules run --json`, a child process measured by /usr/bin/time), and the plan of every
// statement it executes is captured with EXPLAIN ANALYZE in a rolled-back rehearsal.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { promisify } from 'node:util'
import pg from 'pg'
import { ensureDefaults } from '../../../server/campaigns/defaults.ts'
import { loadConfig } from '../../../server/config.ts'
import { createDb, type Db } from '../../../server/db/client.ts'
import { migrate } from '../../../server/db/migrate.ts'
import { buildStatements } from '../../../server/queues/build.ts'
import { activeRules, evaluationStatements } from '../../../server/rules/evaluate.ts'
import { prepareSession } from '../../../server/rules/run.ts'
import { generateSynthetic } from '../../synthetic.ts'
import { markdownTable, writeResults } from '../results.ts'

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000)
const AS_OF = '2025-06-16'
const NEXT_DAY = '2025-06-17'
const GOAL_MS = 30_000
const GOAL_MB = 300
const CITIES = ['太原', '大同', '阳泉', '长治', '晋城', '朔州', '晋中', '运城', '忻州', '临汾', '吕梁']

const sh = promisify(execFile)
const log = (s: string) => process.stderr.write(`[rules bench] ${s}\n`)
const seconds = (ms: number) => Math.round(ms / 100) / 10

function benchUrl(): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL
  const url = new URL(loadConfig().DATABASE_URL)
  url.pathname = '/dialer_bench'
  return url.toString()
}

async function recreate(url: string) {
  const admin = new URL(url)
  const name = admin.pathname.slice(1)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await client.query(`CREATE DATABASE "${name}"`)
  await client.end()
  await migrate(url)
}

async function existingCustomers(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
    return Number((await client.query('SELECT count(*) AS n FROM customers')).rows[0].n)
  } catch {
    return null
  } finally {
    await client.end().catch(() => {})
  }
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now()
  const result = await work()
  return [result, performance.now() - t]
}

/** Branches, 200 service managers (5,000 customers each), customers, usage, contacts, refusals. */
async function generate(db: Db) {
  const province = await db.branch.create({ data: { name: '山西省', kind: 'province' } })
  await db.branch.createMany({ data: CITIES.map((name) => ({ name, kind: 'city' as const, parentId: province.id })) })
  const branches = await db.branch.findMany({ where: { kind: 'city' }, orderBy: { id: 'asc' } })
  await db.user.createMany({
    data: Array.from({ length: Math.max(1, Math.round(CUSTOMERS / 5000)) }, (_, i) => ({
      username: `mgr${i}`, name: `经理${i}`, role: 'agent' as const, branchId: branches[i % branches.length]!.id, passwordHash: '-',
    })),
  })
  const managers = await db.user.findMany({ select: { id: true }, orderBy: { id: 'asc' } })
  // The usage key is rebuilt after the load, as the importer does for big loads.
  await db.$executeRawUnsafe('ALTER TABLE monthly_usage DROP CONSTRAINT monthly_usage_pkey')
  await generateSynthetic(db, { customers: CUSTOMERS, asOf: AS_OF, branchIds: branches.map((b) => b.id), managerIds: managers.map((m) => m.id), seed: 0.5 })
  await db.$executeRawUnsafe('ALTER TABLE monthly_usage ADD PRIMARY KEY (customer_id, month)')
  // A centre in its stride: 70 % of customers reached in the last four months; 2 % refusals.
  await db.$executeRawUnsafe(`
    INSERT INTO dispositions (customer_id, agent_id, outcome, fields, created_at)
    SELECT c.id, c.service_manager_id, (ARRAY['挽留成功', '接受优惠', '拒绝', '语音信箱'])[1 + c.id % 4], '{}',
           $1::date - (c.id % 120) * interval '1 day'
    FROM customers c WHERE c.id % 10 < 7 AND c.service_manager_id IS NOT NULL`, AS_OF)
  await db.$executeRawUnsafe(`
    INSERT INTO do_not_call (msisdn, scope, reason, source)
    SELECT msisdn, (CASE WHEN id % 2 = 0 THEN 'all' ELSE 'marketing' END)::"DncScope", '客户要求', 'bench' FROM customers WHERE id % 50 = 3`)
  await db.$executeRawUnsafe('VACUUM ANALYZE')
}

/** The operator's command in a child process; /usr/bin/time reports its peak resident memory. */
async function cli(url: string, args: string[]) {
  const { stdout, stderr } = await sh('/usr/bin/time', ['-f', 'maxrss_kb=%M cpu_s=%U+%S', process.execPath, '--import', 'tsx', 'server/cli/index.ts', ...args], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' }, maxBuffer: 1024 * 1024 * 1024,
  })
  const kb = Number(/maxrss_kb=(\d+)/.exec(stderr)?.[1] ?? NaN)
  const [user, sys] = (/cpu_s=([\d.]+)\+([\d.]+)/.exec(stderr) ?? []).slice(1).map(Number)
  return { stdout, mb: Math.round(kb / 1024), cpu: (user ?? 0) + (sys ?? 0) }
}

/**
 * What the database's backends spent while `work` runs, from /proc: peak private
 * (anonymous) memory of one backend, and CPU seconds of all of them. On a machine shared
 * with other work, CPU seconds say more than the wall clock.
 */
async function watchBackends<T>(url: string, work: () => Promise<T>): Promise<[T, { mb: number; cpu: number } | null]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  let peakKb = 0
  let readable = true
  const ticks = new Map<number, number>()
  const sample = async () => {
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')
    for (const { pid } of rows) {
      try {
        const kb = Number(/RssAnon:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
        peakKb = Math.max(peakKb, kb)
        // fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): utime, stime
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
        ticks.set(pid, Number(fields[11]) + Number(fields[12]))
      } catch {
        readable = false // not a local server, or not ours to read
      }
    }
  }
  let stop = false
  const loop = (async () => { while (!stop) { await sample(); await new Promise((r) => setTimeout(r, 200)) } })()
  try {
    const result = await work()
    const cpu = [...ticks.values()].reduce((a, b) => a + b, 0) / 100
    return [result, readable && peakKb > 0 ? { mb: Math.round(peakKb / 1024), cpu: Math.round(cpu * 10) / 10 } : null]
  } finally {
    stop = true
    await loop
    await client.end()
  }
}

interface PlanNode { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; 'Actual Rows'?: number; 'Actual Loops'?: number; Plans?: PlanNode[]; Operation?: string }

/** "Insert on rule_hits ← Hash Join ← Seq Scan on rule_base (999k) ..." in plan order. */
function summarize(node: PlanNode, depth = 0, out: string[] = []): string[] {
  const rows = node['Actual Rows'] !== undefined ? ` (${compact(node['Actual Rows'] * (node['Actual Loops'] ?? 1))})` : ''
  const rel = node['Relation Name'] ? ` on ${node['Relation Name']}` : ''
  const idx = node['Index Name'] ? ` using ${node['Index Name']}` : ''
  out.push(`${'·'.repeat(depth)}${node.Operation && node['Node Type'] === 'ModifyTable' ? node.Operation : node['Node Type']}${rel}${idx}${rows}`)
  for (const child of node.Plans ?? []) summarize(child, depth + 1, out)
  return out
}
const compact = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${Math.round(n / 1e3)}k` : String(n))

/** Every statement of a run under EXPLAIN (ANALYZE, TIMING OFF), then rolled back. */
async function rehearse(db: Db) {
  const plans: { statement: string; ms: number; plan: string }[] = []
  await db.$transaction(async (tx) => {
    await prepareSession(tx)
    const rules = await activeRules(tx, AS_OF)
    const statements = [...evaluationStatements({ asOf: AS_OF, centreTimeZone: 'Asia/Shanghai', rules }), ...buildStatements(AS_OF, rules)]
    for (const s of statements) {
      if (!/^\s*(CREATE TEMP TABLE \w+ ON COMMIT DROP AS|INSERT|UPDATE)/.test(s.sql)) { await tx.$executeRawUnsafe(s.sql, ...s.params); continue }
      const [row] = await tx.$queryRawUnsafe<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }[]>(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${s.sql}`, ...s.params)
      const { Plan, 'Execution Time': ms } = row!['QUERY PLAN'][0]
      plans.push({ statement: s.label, ms: Math.round(ms), plan: summarize(Plan).slice(0, 9).join(' ‹ ') })
    }
    throw new Rollback()
  }, { timeout: 30 * 60_000 }).catch((err) => { if (!(err instanceof Rollback)) throw err })
  return plans
}
class Rollback extends Error {}

export default {
  async run() {
    const url = benchUrl()
    log(`database ${url.replace(/\/\/[^@]*@/, '//')}, ${CUSTOMERS} customers`)
    // BENCH_REUSE=1 keeps a database generated before with the same size (faster iteration)
    const reuse = process.env.BENCH_REUSE === '1' && (await existingCustomers(url)) === CUSTOMERS
    if (!reuse) await recreate(url)
    const db = createDb(url, 2)
    try {
      await ensureDefaults(db)
      if (reuse) await db.$executeRawUnsafe('TRUNCATE queue_entries, rule_runs, churn_scores, churn_models CASCADE')
      const [, genMs] = reuse ? [null, 0] : await timed(() => generate(db))
      const counts = (await db.$queryRawUnsafe<{ customers: number; usage: number }[]>(
        'SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM monthly_usage)::int AS usage'))[0]!
      log(`generated ${counts.customers} customers and ${counts.usage} usage rows in ${seconds(genMs)} s`)

      const [train, trainMs] = await timed(() => cli(url, ['churn', 'train', '--as-of', AS_OF, '--json']))
      const churn = JSON.parse(train.stdout) as { examples: number; positives: number; auc: number; topDecileLift: number }
      log(`churn model: AUC ${churn.auc}, lift ${churn.topDecileLift}, ${seconds(trainMs)} s`)

      const plans = await rehearse(db)
      log('rehearsal with EXPLAIN ANALYZE done')

      const runs: Record<string, string | number>[] = []
      let first: { ms: number; mb: number; entries: number } | null = null
      for (const [label, asOf] of [['fresh queues', AS_OF], ['same day again (idempotent)', AS_OF], ['next day (refresh, retire)', NEXT_DAY]] as const) {
        const [[res, backend], wallMs] = await timed(() => watchBackends(url, () => cli(url, ['rules', 'run', '--as-of', asOf, '--json'])))
        const out = JSON.parse(res.stdout) as { entries: number; ms: number; rules: Record<string, number> }
        first ??= { ms: out.ms, mb: res.mb, entries: out.entries }
        runs.push({
          step: `rules run ${asOf}: ${label}`, 'run ms': out.ms, 'wall s': seconds(wallMs), 'node peak MB': res.mb, 'node cpu s': res.cpu,
          'pg backend peak MB': backend?.mb ?? 'n/a', 'pg cpu s': backend?.cpu ?? 'n/a', entries: out.entries,
        })
        log(`${label}: ${out.ms} ms, ${out.entries} entries, node ${res.mb} MB, pg ${backend?.mb ?? '?'} MB / ${backend?.cpu ?? '?'} cpu s`)
      }
      const [exp, exportMs] = await timed(() => cli(url, ['queue', 'export', '--campaign', 'all']))
      runs.push({
        step: 'queue export --campaign all (csv)', 'run ms': Math.round(exportMs), 'wall s': seconds(exportMs), 'node peak MB': exp.mb, 'node cpu s': exp.cpu,
        'pg backend peak MB': 'n/a', 'pg cpu s': 'n/a', entries: exp.stdout.split('\n').length - 2,
      })

      const byRule = (await db.$queryRawUnsafe<{ code: string; n: number }[]>(
        `SELECT r AS code, count(*)::int AS n FROM queue_entries, unnest(reasons) r WHERE as_of = $1::date GROUP BY r ORDER BY r`, NEXT_DAY))
      const goal = first!.ms < GOAL_MS && first!.mb < GOAL_MB
      const path = writeResults('rules', {
        customers: counts.customers, usageRows: counts.usage, generateSeconds: seconds(genMs),
        churn: { ...churn, seconds: seconds(trainMs), nodePeakMb: train.mb },
        runs, plans, reasonsNextDay: byRule,
        goal: { runMs: GOAL_MS, peakMb: GOAL_MB, met: goal },
      })
      return [
        `load average when it ended: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`,
        '',
        `${counts.customers.toLocaleString('en')} customers, ${counts.usage.toLocaleString('en')} usage rows (generated in ${seconds(genMs)} s); ` +
          `goal < ${GOAL_MS / 1000} s and < ${GOAL_MB} MB: **${goal ? 'met' : 'NOT met'}** (${seconds(first!.ms)} s, ${first!.mb} MB, ${first!.entries.toLocaleString('en')} entries)`,
        '',
        markdownTable(runs),
        '',
        `churn train (1M, held out fifth): AUC ${churn.auc}, top-decile lift ${churn.topDecileLift}, ${churn.examples} examples, ${churn.positives} churned, ${seconds(trainMs)} s, node peak ${train.mb} MB`,
        '',
        'Plans of the fresh run (EXPLAIN ANALYZE, rolled-back rehearsal; rows are actual):',
        '',
        markdownTable(plans.map((p) => ({ statement: p.statement, ms: p.ms, plan: p.plan }))),
        '',
        `(${path})`,
      ].join('\n')
    } finally {
      await db.$disconnect()
    }
  },
}
