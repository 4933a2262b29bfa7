// `npm run demo`: from a fresh clone to a running product with data. Checks (or starts)
// PostgreSQL and Redis, creates and migrates the database, loads the demo data when the
// database is empty — generated as CSV files and imported through the real importer, then
// allocated — and starts the server with the Twilio emulator. One timed line per phase.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { allocate } from '../allocation/allocate.ts'
import { ensureDefaults } from '../campaigns/defaults.ts'
import { runRules } from '../rules/run.ts'
import { ConfigError, loadConfig, type Config } from '../config.ts'
import { createDb, type Db } from '../db/client.ts'
import { migrate } from '../db/migrate.ts'
import { generateDemoData } from '../demo/generate.ts'
import { ensureDatabase, ensurePostgres, ensureRedis, ServiceError } from '../demo/services.ts'
import { runImport } from '../imports/run.ts'
import { start } from '../main.ts'
import { localDate } from '../queues/compliance.ts'
import { progressPrinter } from './import.ts'
import { phaseLine } from './progress.ts'

const DEMO_CUSTOMERS = 50_000
const DEMO_PASSWORD = 'demo1234'
const LOGINS = [
  ['admin', '管理员 admin'],
  ['taiyuan_sup', '太原 supervisor'],
  ['taiyuan01', '太原 service manager (A/B partner taiyuan02)'],
  ['taiyuan02', '太原 service manager (A/B partner taiyuan01)'],
  ['taiyuan_am1', '太原 account manager'],
] as const

async function phase<T>(label: (result: T) => string, work: () => Promise<T>): Promise<T> {
  const startedAt = performance.now()
  const result = await work()
  phaseLine(label(result), startedAt)
  return result
}

async function isEmpty(db: Db) {
  return (await db.user.count()) === 0 && (await db.customer.count()) === 0
}

async function loadDemoData(config: Config, db: Db) {
  const asOf = localDate(new Date(), config.TZ)
  const dir = await mkdtemp(join(tmpdir(), 'dialer-demo-'))
  try {
    const data = await phase((d) => `generated ${d.counts.customers} customers, ${d.counts.usageRows} usage rows and ${d.people.length} staff as of ${asOf} into ${dir}`,
      () => generateDemoData({ dir, customers: DEMO_CUSTOMERS, asOf, password: DEMO_PASSWORD }))
    const printer = progressPrinter()
    const report = await phase((r) => `imported ${r.imported} rows (${r.rejected.length} rejected)`, async () => {
      try {
        return await runImport({ databaseUrl: config.DATABASE_URL, files: data.files, province: config.PROVINCE, onProgress: printer.onProgress })
      } finally {
        printer.done()
      }
    })
    if (report.rejected.length) throw new Error(`the demo data should import cleanly; first reject: ${JSON.stringify(report.rejected[0])}`)
    await phase((r) => `allocated ${r.assigned} target customers to service managers`, () => allocate(db, asOf))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<number> {
  // The demo's console is for its own lines; the server's request log is one setting away.
  process.env.LOG_LEVEL ??= 'warn'
  let config: Config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`)
      return 1
    }
    throw err
  }
  try {
    await phase((s) => s, () => ensurePostgres(config.DATABASE_URL))
    await phase((s) => s, () => ensureRedis(config.REDIS_URL))
  } catch (err) {
    if (err instanceof ServiceError) {
      process.stderr.write(`${err.message}\n`)
      return 1
    }
    throw err
  }
  await phase((created) => (created ? 'created the database' : 'database exists'), () => ensureDatabase(config.DATABASE_URL))
  await phase((r) => `migrations: ${r.applied.length} applied, ${r.alreadyApplied} already in place`, () => migrate(config.DATABASE_URL))

  const db = createDb(config.DATABASE_URL, 4)
  try {
    if (await isEmpty(db)) await loadDemoData(config, db)
    else process.stderr.write('the database already has data: demo data not loaded again\n')
    await phase(() => 'default campaigns and warning rules in place', () => ensureDefaults(db))
    // The daily 07:00 job builds the queues; the demo builds today's at once so that the
    // pages have work to show (once a day: a restarted demo keeps what agents did).
    const today = localDate(new Date(), config.TZ)
    const built = await db.ruleRun.count({ where: { asOf: new Date(`${today}T00:00:00Z`), status: 'succeeded' } })
    if (built === 0) {
      await phase((r) => `queues built as of ${today}: ${r.entries} entries (${Object.entries(r.rules).map(([code, n]) => `${code} ${n}`).join(', ')})`,
        () => runRules(db, { asOf: today, centreTimeZone: config.TZ }))
    }
  } finally {
    await db.$disconnect()
  }

  await phase(() => `server listening (TELEPHONY=${config.TELEPHONY})`, () => start())
  const base = `http://127.0.0.1:${config.PORT}`
  const lines = [
    '',
    'Retention dialer demo is up:',
    ...['/', '/agent', '/supervisor', '/admin', '/docs', '/health', '/metrics'].map((path) => `  ${base}${path}`),
    '',
    `Demo logins (password ${DEMO_PASSWORD} for every demo user):`,
    ...LOGINS.map(([username, who]) => `  ${username.padEnd(14)} ${who}`),
    '  (every city has <city>_sup, <city>01…, <city>_am1: datong, changzhi, yuncheng, …)',
    '',
    'Ctrl-C stops the server.',
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
  return 0
}

const code = await main()
if (code !== 0) process.exit(code)
