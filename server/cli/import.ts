// `npm run cli -- import [--agents FILE] [--customers FILE] [--usage FILE] [--json]`
import { loadConfig } from '../config.ts'
import type { ImportKind } from '../imports/columns.ts'
import { IMPORT_ORDER, runImport, type ImportProgress, type ImportReport } from '../imports/run.ts'
import { parseFlags, stringFlag, UsageError, type Command } from './command.ts'
import { fileBar, phaseLine } from './progress.ts'

const SHOWN_REJECTS = 20

/** Renders progress events as a bar per file being read and a timed line per phase. */
export function progressPrinter() {
  let current: { key: string; startedAt: number; bar?: ReturnType<typeof fileBar>; p: ImportProgress } | undefined
  const finish = () => {
    if (!current) return
    current.bar?.stop()
    const { p } = current
    phaseLine(p.phase === 'reading' ? `${p.file}: read ${p.rows} rows` : `${p.file}: merged ${p.rows} valid rows`, current.startedAt)
  }
  return {
    onProgress(p: ImportProgress) {
      const key = `${p.kind}:${p.phase}`
      if (current?.key !== key) {
        finish()
        current = { key, startedAt: performance.now(), p, bar: p.phase === 'reading' ? fileBar(p.file, p.totalBytes) : undefined }
      }
      current.p = p
      current.bar?.update(p.bytes, p.rows, p.rejected)
    },
    done: finish,
  }
}

export function describeReport(report: ImportReport): string {
  const lines = [`imported ${report.imported}, updated ${report.updated}, rejected ${report.rejected.length}`]
  for (const r of report.rejected.slice(0, SHOWN_REJECTS)) lines.push(`  ${r.file}:${r.line} ${r.field}: ${r.message}`)
  if (report.rejected.length > SHOWN_REJECTS) lines.push(`  … ${report.rejected.length - SHOWN_REJECTS} more (--json lists them all)`)
  return lines.join('\n')
}

const command: Command = {
  name: 'import',
  summary: 'Streams agents, customers and monthly usage CSV files (contracts.md section 2) into the database; bad rows are reported by line and field, re-imports update in place.',
  usage: 'npm run cli -- import [--agents FILE] [--customers FILE] [--usage FILE] [--json]',
  async run(args) {
    const { flags } = parseFlags(args)
    const files: Partial<Record<ImportKind, string>> = {}
    for (const kind of IMPORT_ORDER) {
      const path = stringFlag(flags, kind)
      if (path) files[kind] = path
    }
    if (Object.keys(files).length === 0) throw new UsageError('name at least one of --agents, --customers, --usage')
    const config = loadConfig()
    const printer = progressPrinter()
    let report: ImportReport
    try {
      report = await runImport({ databaseUrl: config.DATABASE_URL, files, province: config.PROVINCE, onProgress: printer.onProgress })
    } finally {
      printer.done()
    }
    process.stdout.write(flags.json ? `${JSON.stringify({ imported: report.imported, updated: report.updated, rejected: report.rejected })}\n` : `${describeReport(report)}\n`)
    return 0
  },
}

export default command
