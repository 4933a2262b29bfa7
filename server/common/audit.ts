import type { Prisma } from '../db/client.ts'
import { maskAddress, maskIdNumber } from './mask.ts'

type Tx = Pick<Prisma.TransactionClient, 'auditLog'>

export interface AuditEntry {
  actorId?: number | null
  action: string
  entity: string
  entityId?: string | number | null
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
  ip?: string | null
}

/** The audit trail keeps what changed, never the personal data itself in clear. */
function scrub(values: Record<string, unknown> | null | undefined) {
  if (!values) return undefined
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(values)) {
    if (k === 'passwordHash' || k === 'password') continue
    out[k] = k === 'idNumber' ? maskIdNumber(v as string) : k === 'address' ? maskAddress(v as string) : v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? v.toString() : v
  }
  return JSON.parse(JSON.stringify(out)) as Prisma.InputJsonValue
}

/** Writes one audit row; pass the transaction client so the row commits with the change. */
export async function audit(tx: Tx, entry: AuditEntry) {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      before: scrub(entry.before),
      after: scrub(entry.after),
      ip: entry.ip ?? null,
    },
  })
}

/** Only the fields whose values differ, before and after. */
export function changedFields<T extends Record<string, unknown>>(before: T, patch: Partial<T>) {
  const b: Record<string, unknown> = {}
  const a: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue
    const old = before[k]
    const same = old instanceof Date && v instanceof Date ? old.getTime() === v.getTime() : String(old) === String(v)
    if (!same) { b[k] = old; a[k] = v }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 }
}
