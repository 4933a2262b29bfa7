// What agents and supervisors read from the queues: an agent's own entries for today, and
// what the dialer would dial next for a campaign (without claiming it).
import { NotFoundError } from '../common/errors.ts'
import type { Db, Prisma } from '../db/client.ts'
import { peekNextEntries } from './claim.ts'
import { localDate, wallClockToInstant } from './compliance.ts'
import type { MyEntry } from './schemas.ts'

/**
 * The agent's portfolio entries for today: everything still to call (queued, scheduled, in
 * progress), blocked ones with their reason, and those finished today; best first.
 */
export async function myEntries(db: Db, agentId: number, now: Date, centreTimeZone: string, page: { limit: number; offset: number }) {
  const startOfDay = wallClockToInstant(localDate(now, centreTimeZone), '00:00', centreTimeZone)
  const where: Prisma.QueueEntryWhereInput = {
    agentId,
    OR: [{ status: { in: ['queued', 'scheduled', 'in_progress', 'blocked'] } }, { status: 'done', updatedAt: { gte: startOfDay } }],
  }
  const [total, rows] = await Promise.all([
    db.queueEntry.count({ where }),
    db.queueEntry.findMany({
      where,
      include: { customer: { select: { name: true, msisdn: true, tier: true } }, campaign: { select: { code: true, name: true } } },
      orderBy: [{ priority: 'desc' }, { id: 'asc' }],
      take: page.limit,
      skip: page.offset,
    }),
  ])
  const items: MyEntry[] = rows.map((e) => ({
    entryId: e.id, customerId: e.customerId, customerName: e.customer.name, msisdn: e.customer.msisdn, tier: e.customer.tier,
    campaign: e.campaign.code, campaignName: e.campaign.name, reasons: e.reasons, priority: e.priority, status: e.status,
    blockedBy: e.blockedBy, attemptsToday: e.attemptsToday, nextAttemptAt: e.nextAttemptAt?.toISOString() ?? null,
  }))
  return { total, items }
}

export async function nextToDial(db: Db, campaignCode: string, agent: string | undefined, limit: number, now: Date, centreTimeZone: string) {
  const campaign = await db.campaign.findUnique({ where: { code: campaignCode }, select: { id: true } })
  if (!campaign) throw new NotFoundError(`campaign ${campaignCode}`)
  let agentId: number | undefined
  if (agent !== undefined) {
    const user = await db.user.findFirst({ where: /^\d+$/.test(agent) ? { id: Number(agent) } : { username: agent }, select: { id: true } })
    if (!user) throw new NotFoundError(`agent ${agent}`)
    agentId = user.id
  }
  return { items: await peekNextEntries(db, { campaignId: campaign.id, agentId, limit, now, centreTimeZone }) }
}
