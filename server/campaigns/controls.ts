// Supervisor controls on a running campaign (issue 7, "Supervisor wallboard"): pause/resume,
// dial mode and ratio, abandon-rate target, calling windows. Every change is audited with
// what it was before.
import type { Static } from 'typebox'
import type { SessionUser } from '../auth/schemas.ts'
import { audit, changedFields } from '../common/audit.ts'
import { ForbiddenError, NotFoundError } from '../common/errors.ts'
import type { Db, Prisma } from '../db/client.ts'
import type { CampaignControl } from '../realtime/schemas.ts'

export async function controlCampaign(db: Db, user: SessionUser, input: Static<typeof CampaignControl>, ip: string | null = null) {
  const { campaignId, ...patch } = input
  return db.$transaction(async (tx) => {
    const campaign = await tx.campaign.findUnique({ where: { id: campaignId } })
    if (!campaign) throw new NotFoundError(`campaign ${campaignId}`)
    // A supervisor steers their own branch's campaigns and the centre-wide ones (no branch).
    if (user.role !== 'admin' && campaign.branchId !== null && campaign.branchId !== user.branchId) {
      throw new ForbiddenError(`campaign ${campaignId} belongs to another branch`)
    }
    const before = { status: campaign.status, dialMode: campaign.dialMode, dialRatio: Number(campaign.dialRatio), abandonTarget: Number(campaign.abandonTarget), schedule: JSON.stringify(campaign.schedule) }
    const after = { ...patch, schedule: patch.schedule ? JSON.stringify(patch.schedule) : undefined }
    const diff = changedFields(before, after)
    if (diff.changed) {
      await tx.campaign.update({ where: { id: campaignId }, data: { ...patch, schedule: patch.schedule as Prisma.InputJsonValue | undefined } })
      await audit(tx, { actorId: user.id, action: 'campaign.control', entity: 'campaign', entityId: campaignId, before: diff.before, after: diff.after, ip })
    }
    return { id: campaignId }
  })
}
