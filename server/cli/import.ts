// `npm run cli -- import [--agents FILE] [--customers FILE] [--usage FILE] [--json]`
import { loadConfig } from '../config.ts'
import type { ImportKind } from '../imports/columns.ts'
import { IMPORT_ORDER, runImport, type ImportProgress, type ImportReport } from '../imports/run.ts'
import { parseFlags, stringFlag, UsageError, type Command } from './command.ts'
import { fileBar, phaseLine } from './progress.ts'

const SHOWN_REJECTS = 20

/**
 * Renders progress events: a bar while a file is read (one at a time), a timed line when it
 * is read and when it is merged (merges overlap the reading of the next file).
 */
export function progressPrinter() {
  let reading: { file: string; startedAt: number; bar: ReturnType<typeof fileBar>; rows: number } | undefined
  const read = new Set<string>()
  const merging = new Map<string, number>()
  const finishReading = () => {
    if (!reading) return
    reading.bar.stop()
    phaseLine(`${reading.file}: read ${reading.rows} rows`, reading.startedAt)
    read.add(reading.file)
    reading = undefined
  }
  return {
    onProgress(p: ImportProgress) {
      if (p.phase === 'reading') {
        if (read.has(p.file)) return
        if (reading?.file !== p.file) {
          finishReading()
          reading = { file: p.file, startedAt: performance.now(), bar: fileBar(p.file, p.totalBytes), rows: 0 }
        }
        reading.rows = p.rows
        reading.bar.update(p.bytes, p.rows, p.rejected)
        if (p.bytes >= p.totalBytes) finishReading()
      } else if (p.phase === 'merging') {
        if (reading?.file === p.file) finishReading()
        merging.set(p.file, performance.now())
      } else {
        phaseLine(`${p.file}: merged`, merging.get(p.file) ?? performance.now())
      }
    },
    done: finishReading,
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
