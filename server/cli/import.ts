// `npm run cli -- import [--agents FILE] [--customers FILE] [--usage FILE] [--json]`
import { loadConfig } from '../config.ts'
import type { ImportKind } from '../imports/columns.ts'
import { IMPORT_ORDER, runImport, type ImportProgress, type ImportReport } from '../imports/run.ts'
import { parseFlags, stringFlag, UsageError, type Command } from './command.ts'
import { fileBar, phaseLine } from './progress.ts'

const SHOWN_REJECTS = 20

/**
 * Renders progress events: one bar over the bytes of every file being read (agents.csv is
 * hashed while customers.csv is read), a timed line when a file is read and when it is merged.
 */
export function progressPrinter() {
  let bar: ReturnType<typeof fileBar> | undefined
  const files = new Map<string, { startedAt: number; bytes: number; totalBytes: number; rows: number; read: boolean }>()
  const merging = new Map<string, number>()
  const finishReading = (file: string) => {
    const f = files.get(file)
    if (!f || f.read) return
    f.read = true
    phaseLine(`${file}: read ${f.rows} rows`, f.startedAt)
    if ([...files.values()].every((x) => x.read)) {
      bar?.stop()
      bar = undefined
    }
  }
  return {
    onProgress(p: ImportProgress) {
      if (p.phase === 'reading') {
        let f = files.get(p.file)
        if (!f) files.set(p.file, (f = { startedAt: performance.now(), bytes: 0, totalBytes: p.totalBytes, rows: 0, read: false }))
        if (f.read) return
        Object.assign(f, { bytes: p.bytes, rows: p.rows })
        const open = [...files.values()].filter((x) => !x.read)
        const total = open.reduce((n, x) => n + x.totalBytes, 0)
        bar ??= fileBar('reading', total)
        bar.update(open.reduce((n, x) => n + x.bytes, 0), p.processed, p.rejected, total)
        if (p.bytes >= p.totalBytes) finishReading(p.file)
      } else if (p.phase === 'merging') {
        finishReading(p.file)
        merging.set(p.file, performance.now())
      } else {
        phaseLine(`${p.file}: merged`, merging.get(p.file) ?? performance.now())
      }
    },
    done() {
      for (const file of files.keys()) finishReading(file)
      bar?.stop()
    },
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
