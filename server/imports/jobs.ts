// API imports run in the background of the node that received the files: the upload is
// saved to a temporary folder, an import_jobs row tracks progress (processed / imported /
// updated / rejected), and the folder is removed when the job ends.
import { rm } from 'node:fs/promises'
import type { FastifyInstance } from 'fastify'
import type { ImportKind } from './columns.ts'
import { runImport, type ImportFiles, type ImportProgress } from './run.ts'
import type { ImportJobView } from './schemas.ts'
import type { Reject } from './rejects.ts'

const PROGRESS_EVERY_MS = 500

interface JobRow {
  id: number
  kind: string
  status: 'running' | 'succeeded' | 'failed'
  processed: number
  imported: number
  updated: number
  rejected: unknown
  error: string | null
  startedAt: Date
  finishedAt: Date | null
}

export function jobView(job: JobRow): ImportJobView {
  const rejected = job.rejected as Reject[]
  return {
    id: job.id,
    files: job.kind.split(','),
    status: job.status,
    processed: job.processed,
    imported: job.imported,
    updated: job.updated,
    rejectedCount: rejected.length,
    rejected,
    error: job.error,
    startedAt: job.startedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  }
}

/** Jobs still running on this node, awaited when the server closes. */
const running = new Set<Promise<void>>()

export async function waitForImports() {
  await Promise.allSettled([...running])
}

export interface StartImport {
  files: ImportFiles
  names: Partial<Record<ImportKind, string>>
  /** Removed when the job ends. */
  tempDir: string
  actorId: number
}

export async function startImportJob(app: FastifyInstance, start: StartImport): Promise<number> {
  const kinds = Object.keys(start.files)
  const job = await app.db.importJob.create({ data: { kind: kinds.join(','), status: 'running', createdById: start.actorId } })

  // Progress rows are written at most every PROGRESS_EVERY_MS and never two at once.
  let lastWrite = 0
  let processed = 0
  let writing: Promise<unknown> = Promise.resolve()
  const onProgress = (p: ImportProgress) => {
    processed = p.processed
    const now = Date.now()
    if (now - lastWrite < PROGRESS_EVERY_MS) return
    lastWrite = now
    writing = writing.then(() => app.db.importJob.update({ where: { id: job.id }, data: { processed: p.processed } })).catch(() => {})
  }

  const work = (async () => {
    try {
      const report = await runImport({
        databaseUrl: app.config.DATABASE_URL, files: start.files, names: start.names, province: app.config.PROVINCE,
        actorId: start.actorId, jobId: job.id, onProgress,
      })
      await writing
      await app.db.importJob.update({
        where: { id: job.id },
        data: { status: 'succeeded', processed, imported: report.imported, updated: report.updated, rejected: report.rejected as object[], finishedAt: new Date() },
      })
    } catch (err) {
      await writing
      app.log.warn({ err, jobId: job.id }, 'import failed')
      await app.db.importJob.update({
        where: { id: job.id },
        data: { status: 'failed', processed, error: err instanceof Error ? err.message : String(err), finishedAt: new Date() },
      })
    } finally {
      await rm(start.tempDir, { recursive: true, force: true })
    }
  })()
  running.add(work)
  void work.finally(() => running.delete(work))
  return job.id
}
