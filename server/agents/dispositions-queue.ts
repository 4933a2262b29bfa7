// Queue moves an agent makes outside a disposition: skipping a preview entry, and
// scheduling a callback from the call controls.
import type { SessionUser } from '../auth/schemas.ts'
import { ForbiddenError, NotFoundError, ValidationError } from '../common/errors.ts'
import type { Db } from '../db/client.ts'

/** A skipped preview entry comes back after this long, not straight away. */
const SKIP_FOR_MS = 30 * 60 * 1000

export async function assertOwnEntry(db: Db, user: SessionUser, queueEntryId: number) {
  const entry = await db.queueEntry.findUnique({ where: { id: queueEntryId }, include: { customer: { select: { branchId: true } } } })
  if (!entry) throw new NotFoundError(`queue entry ${queueEntryId}`)
  // Personal entries belong to their owner; pooled ones to any agent of the customer's branch.
  const mine = entry.agentId === user.id || (entry.agentId === null && entry.customer.branchId === user.branchId)
  if (!mine) throw new ForbiddenError(`queue entry ${queueEntryId} is not yours`)
  return entry
}

export async function skipEntry(db: Db, user: SessionUser, queueEntryId: number, now = new Date()) {
  await assertOwnEntry(db, user, queueEntryId)
  await db.queueEntry.update({ where: { id: queueEntryId }, data: { status: 'queued', nextAttemptAt: new Date(now.getTime() + SKIP_FOR_MS), updatedAt: now } })
}

export async function scheduleCallback(db: Db, user: SessionUser, queueEntryId: number, at: string, now = new Date()) {
  const when = new Date(at)
  if (when <= now) throw new ValidationError('at', 'must be in the future')
  await assertOwnEntry(db, user, queueEntryId)
  await db.queueEntry.update({ where: { id: queueEntryId }, data: { status: 'scheduled', nextAttemptAt: when, updatedAt: now } })
  return { queueEntryId, at: when.toISOString() }
}
