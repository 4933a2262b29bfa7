// Import benchmark (`npm run bench import`): generates 200,000 customers with 12 months of
// usage (server/demo/generate.ts), then in one run on a fresh database
//   1. the floor: raw PostgreSQL COPY of the same CSV files into bare tables (no keys);
//   2. our import (`cli import`) in a child process, so that the peak RSS sampled is the
//      importer's own; first into empty tables, then the same files again (nothing changes);
// and reports rows per second, peak memory and the ratio to the floor, extrapolated to the
// 1,000,000 + 12,000,000 goal (< 3 min, < 400 MB; stretch 90 s).
// BENCH_IMPORT_CUSTOMERS=1000000 runs the full size instead of extrapolating.
import { spawn } from 'node:child_process'
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { loadConfig } from '../../../server/config.ts'
import { migrate } from '../../../server/db/migrate.ts'
import { generateDemoData, type DemoData } from '../../../server/demo/generate.ts'
import { markdownTable, writeResults } from '../results.ts'

const CUSTOMERS = Number(process.env.BENCH_IMPORT_CUSTOMERS ?? 200_000)
const GOAL = { customers: 1_000_000, usageRows: 12_000_000, seconds: 180, stretchSeconds: 90, peakMb: 400 }
const root = fileURLToPath(new URL('../../..', import.meta.url))

function benchDatabaseUrl() {
  const url = new URL(loadConfig().DATABASE_URL)
  url.pathname = '/dialer_bench_import'
  return url.toString()
}

async function freshDatabase(databaseUrl: string) {
  const admin = new URL(databaseUrl)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  await client.query('DROP DATABASE IF EXISTS dialer_bench_import WITH (FORCE)')
  await client.query('CREATE DATABASE dialer_bench_import')
  await client.end()
  await migrate(databaseUrl)
}

const seconds = (from: number) => (performance.now() - from) / 1000

/** The floor: COPY ... FROM STDIN (CSV, HEADER) of each file into a table of text columns, no keys. */
async function rawCopy(databaseUrl: string, data: DemoData): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const started = performance.now()
    for (const path of [data.files.agents, data.files.customers, data.files.usage]) {
      const header = readFileSync(path, 'utf8').split('\n', 1)[0]!.split(',')
      const table = `bare_${path.split('/').pop()!.replace('.csv', '')}`
      await client.query(`CREATE TABLE ${table} (${header.map((h) => `${h} text`).join(', ')})`)
      await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), client.query(copyFrom(`COPY ${table} FROM STDIN WITH (FORMAT csv, HEADER true)`)))
    }
    const took = seconds(started)
    await client.query('DROP TABLE bare_agents, bare_customers, bare_usage')
    return took
  } finally {
    await client.end()
  }
}

interface ImportRun {
  seconds: number
  peakMb: number
  report: { imported: number; updated: number; rejected: unknown[] }
  /** The CLI's timed phase lines. */
  phases: string[]
}

/** Runs `cli import --json` in a child process, sampling its peak RSS (VmHWM). */
function importInChild(databaseUrl: string, data: DemoData): Promise<ImportRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/index.ts', 'import', '--json',
      '--agents', data.files.agents, '--customers', data.files.customers, '--usage', data.files.usage], {
      cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'],
    })
    let peakKb = 0
    const sample = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]))
      } catch { /* exited */ }
    }, 50)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => {
      clearInterval(sample)
      if (code !== 0) return reject(new Error(`import exited ${code}: ${stderr.slice(-2000)}`))
      const phases = stderr.split(/[\r\n]+/).filter((l) => /\(\d+\.\d s\)$/.test(l))
      resolve({ seconds: seconds(started), peakMb: Math.round(peakKb / 1024), report: JSON.parse(stdout), phases })
    })
  })
}

export default {
  async run(): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'bench-import-'))
    try {
      const generatedAt = performance.now()
      const data = await generateDemoData({ dir, customers: CUSTOMERS, asOf: '2026-11-23', seed: 1 })
      const generateSeconds = seconds(generatedAt)
      const rows = data.people.length + data.counts.customers + data.counts.usageRows
      process.stderr.write(`generated ${data.counts.customers} customers and ${data.counts.usageRows} usage rows in ${generateSeconds.toFixed(1)} s\n`)

      const databaseUrl = benchDatabaseUrl()
      await freshDatabase(databaseUrl)
      const copySeconds = await rawCopy(databaseUrl, data)
      process.stderr.write(`raw COPY: ${copySeconds.toFixed(1)} s\n`)
      const first = await importInChild(databaseUrl, data)
      process.stderr.write(`import into empty tables: ${first.seconds.toFixed(1)} s, peak ${first.peakMb} MB\n`)
      const again = await importInChild(databaseUrl, data)
      process.stderr.write(`same files again: ${again.seconds.toFixed(1)} s, peak ${again.peakMb} MB\n`)
      if (first.report.rejected.length || first.report.imported !== rows || again.report.imported + again.report.updated !== 0) {
        throw new Error(`unexpected import report: first ${JSON.stringify(first.report).slice(0, 300)}, again ${JSON.stringify(again.report).slice(0, 300)}`)
      }

      const goalRows = GOAL.customers + GOAL.usageRows
      const scale = goalRows / rows
      const result = {
        customers: data.counts.customers,
        usageRows: data.counts.usageRows,
        agents: data.people.length,
        rows,
        generateSeconds,
        copySeconds,
        first: { ...first, rowsPerSecond: rows / first.seconds, ratioToCopy: first.seconds / copySeconds },
        again: { ...again, rowsPerSecond: rows / again.seconds, ratioToCopy: again.seconds / copySeconds },
        extrapolatedFullSeconds: rows >= goalRows ? first.seconds : first.seconds * scale,
        goal: GOAL,
      }
      // A full-size run keeps its own file next to the default one.
      writeResults(CUSTOMERS === 200_000 ? 'import' : `import-${CUSTOMERS}`, result)
      const fmt = (n: number, digits = 1) => n.toFixed(digits)
      const table = markdownTable([
        { run: 'raw COPY into bare tables (floor)', rows, seconds: fmt(copySeconds), 'rows/s': Math.round(rows / copySeconds), 'peak RSS MB': '–', 'vs COPY': '1.0×' },
        { run: 'import into empty tables', rows, seconds: fmt(first.seconds), 'rows/s': Math.round(result.first.rowsPerSecond), 'peak RSS MB': first.peakMb, 'vs COPY': `${fmt(result.first.ratioToCopy)}×` },
        { run: 're-import, nothing changed', rows, seconds: fmt(again.seconds), 'rows/s': Math.round(result.again.rowsPerSecond), 'peak RSS MB': again.peakMb, 'vs COPY': `${fmt(result.again.ratioToCopy)}×` },
      ])
      const full = rows >= goalRows ? 'measured at full size' : `extrapolated ×${fmt(scale, 2)} from ${rows} rows`
      return `${data.counts.customers} customers + ${data.counts.usageRows} usage rows + ${data.people.length} agents\n\n${table}\n\n`
        + `1,000,000 + 12,000,000 rows: ${fmt(result.extrapolatedFullSeconds, 0)} s (${full}; goal < ${GOAL.seconds} s, stretch ${GOAL.stretchSeconds} s; peak memory goal < ${GOAL.peakMb} MB)\n`
        + `phases of the first import: ${first.phases.join('; ')}`
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
}
