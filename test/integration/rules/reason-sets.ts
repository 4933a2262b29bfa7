// Runs the rules as of D and reads the export back as { msisdn: 'CAMPAIGN:CODE|CODE; ...' },
// codes sorted, campaigns sorted, retired entries left out (they carry no reasons).
import type { Db } from '../../../server/db/client.ts'
import { exportQueue, type ExportRow } from '../../../server/queues/export.ts'
import { runRules } from '../../../server/rules/run.ts'

export async function exportAll(db: Db): Promise<ExportRow[]> {
  const rows: ExportRow[] = []
  await exportQueue(db, 'all', (batch) => { rows.push(...batch) })
  return rows
}

export function reasonSets(rows: ExportRow[]): Record<string, string> {
  const by = new Map<string, string[]>()
  for (const r of rows) {
    if (r.status === 'retired') continue
    const key = r.msisdn.replace(/^\+86/, '')
    by.set(key, [...(by.get(key) ?? []), `${r.campaign}:${r.reasons.split('|').sort().join('|')}`])
  }
  return Object.fromEntries([...by].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v.sort().join('; ')]))
}

export async function runAndExport(db: Db, asOf: string) {
  const result = await runRules(db, { asOf, centreTimeZone: 'Asia/Shanghai' })
  const rows = await exportAll(db)
  return { result, rows, sets: reasonSets(rows) }
}
