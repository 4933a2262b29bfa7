// CSV imports (POST /api/imports, then GET /api/imports/:id every half second): a progress
// bar against the line count of the chosen files, the counts, and the per-row error report.
import { useEffect, useState } from 'preact/hooks'
import { api } from '../common/api.ts'
import { Notice } from '../common/ui.tsx'
import type { T } from './i18n.ts'

const KINDS = ['agents', 'customers', 'usage'] as const
interface Job { id: number; status: 'running' | 'succeeded' | 'failed'; processed: number; imported: number; updated: number; rejectedCount: number; rejected: { file: string; line: number; field: string; message: string }[]; error: string | null }

/** Data rows in a CSV file (lines less the header), counted in the browser as a stream. */
async function dataRows(file: File): Promise<number> {
  let lines = 0
  let last = 10
  const reader = file.stream().getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    for (const byte of value) if (byte === 10) lines++
    last = value.at(-1) ?? last
  }
  return Math.max(0, lines + (last === 10 ? 0 : 1) - 1)
}

export function ImportsTab({ t }: { t: T }) {
  const [files, setFiles] = useState<Partial<Record<(typeof KINDS)[number], File>>>({})
  const [total, setTotal] = useState(0)
  const [job, setJob] = useState<Job | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!job || job.status !== 'running') return
    const id = setTimeout(() => api<Job>('GET', `/api/imports/${job.id}`).then(setJob, (err: Error) => setError(err.message)), 500)
    return () => clearTimeout(id)
  }, [job])

  async function upload(e: Event) {
    e.preventDefault()
    setError(null)
    const chosen = KINDS.filter((k) => files[k])
    if (chosen.length === 0) return setError(t('pickFile'))
    const body = new FormData()
    for (const k of chosen) body.append(k, files[k]!, files[k]!.name)
    try {
      setTotal((await Promise.all(chosen.map((k) => dataRows(files[k]!)))).reduce((s, n) => s + n, 0))
      const started = await api<{ id: number }>('POST', '/api/imports', body)
      setJob(await api<Job>('GET', `/api/imports/${started.id}`))
    } catch (err) {
      setError((err as Error).message)
    }
  }

  const label = { agents: t('agentsFile'), customers: t('customersFile'), usage: t('usageFile') }
  return (
    <>
      <form onSubmit={upload}>
        {KINDS.map((k) => (
          <div class="form-field" key={k}>
            <label for={`file-${k}`}>{label[k]}</label>
            <input id={`file-${k}`} type="file" accept=".csv,text/csv" onChange={(e) => setFiles({ ...files, [k]: e.currentTarget.files?.[0] })} />
          </div>
        ))}
        <button class="primary" type="submit" disabled={job?.status === 'running'}>{t('upload')}</button>
      </form>
      <Notice kind="error" message={error ?? job?.error ?? null} />
      {job && (
        <section class="panel" aria-labelledby="import-h" style="margin-top: 12px">
          <h3 id="import-h">{t('progress')} #{job.id} · {t(job.status)}</h3>
          <label for="import-progress">{t('processed', { n: job.processed })}</label>
          <progress id="import-progress" max={total || undefined} value={job.status === 'running' ? job.processed : total || job.processed} />
          <p>{t('counts', { imported: job.imported, updated: job.updated, rejected: job.rejectedCount })}</p>
          {job.rejected.length > 0 && (
            <table aria-label={t('report')}>
              <thead><tr><th>{t('file')}</th><th class="num">{t('line')}</th><th>{t('field')}</th><th>{t('message')}</th></tr></thead>
              <tbody>{job.rejected.map((r) => <tr key={`${r.file}:${r.line}:${r.field}`}><td>{r.file}</td><td class="num">{r.line}</td><td>{r.field}</td><td>{r.message}</td></tr>)}</tbody>
            </table>
          )}
        </section>
      )}
    </>
  )
}
