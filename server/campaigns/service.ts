// Campaigns as admins and supervisors see and edit them. Admins change anything; a
// supervisor steers only the operational fields of their own branch's (or centre-wide)
// campaigns. Every change is audited.
import { audit, changedFields } from '../common/audit.ts'
import { ForbiddenError, NotFoundError } from '../common/errors.ts'
import type { SessionUser } from '../auth/schemas.ts'
import type { Db, Prisma } from '../db/client.ts'
import { checkForm, checkSchedule, checkScript } from './checks.ts'
import { SUPERVISOR_FIELDS, type CampaignPatch, type CampaignView, type DispositionForm, type Schedule, type Script } from './schemas.ts'

const include = { rules: { select: { code: true }, orderBy: { code: 'asc' } } } as const
type Row = Prisma.CampaignGetPayload<{ include: typeof include }>

function view(c: Row): CampaignView {
  return {
    id: c.id, code: c.code, name: c.name, marketing: c.marketing, portfolio: c.portfolio, dialMode: c.dialMode,
    dialRatio: Number(c.dialRatio), abandonTarget: Number(c.abandonTarget), schedule: c.schedule as Schedule,
    wrapSeconds: c.wrapSeconds, dailyCapPerSeat: c.dailyCapPerSeat, status: c.status, branchId: c.branchId,
    script: c.script as Script, dispositionForm: c.dispositionForm as DispositionForm, recordCalls: c.recordCalls,
    voicemailText: c.voicemailText, abandonMessage: c.abandonMessage, rules: c.rules.map((r) => r.code),
  }
}

/** A campaign by code, or by numeric id. */
const where = (ref: string): Prisma.CampaignWhereUniqueInput => (/^\d+$/.test(ref) ? { id: Number(ref) } : { code: ref })

export async function listCampaigns(db: Db): Promise<CampaignView[]> {
  return (await db.campaign.findMany({ include, orderBy: { id: 'asc' } })).map(view)
}

export async function getCampaign(db: Db, ref: string): Promise<CampaignView> {
  const row = await db.campaign.findUnique({ where: where(ref), include })
  if (!row) throw new NotFoundError(`campaign ${ref}`)
  return view(row)
}

export async function patchCampaign(db: Db, ref: string, patch: CampaignPatch, user: SessionUser, ip: string | null): Promise<CampaignView> {
  if (user.role !== 'admin') {
    const other = Object.keys(patch).find((k) => !(SUPERVISOR_FIELDS as readonly string[]).includes(k))
    if (other) throw new ForbiddenError(`only an admin may change ${other}`)
  }
  if (patch.schedule) checkSchedule(patch.schedule)
  if (patch.script) checkScript(patch.script)
  if (patch.dispositionForm) checkForm(patch.dispositionForm)
  return db.$transaction(async (tx) => {
    const current = await tx.campaign.findUnique({ where: where(ref), include })
    if (!current) throw new NotFoundError(`campaign ${ref}`)
    if (user.role !== 'admin' && current.branchId !== null && current.branchId !== user.branchId) {
      throw new ForbiddenError(`campaign ${current.code} belongs to another branch`)
    }
    // JSON fields compare by their text; audit keeps them whole
    const asText = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v))
    const json = ['schedule', 'script', 'dispositionForm'] as const
    const before: Record<string, unknown> = { ...view(current) }
    const after: Record<string, unknown> = { ...patch }
    for (const k of json) { before[k] = asText(before[k]); after[k] = asText(after[k]) }
    const diff = changedFields(before, after)
    if (!diff.changed) return view(current)
    const row = await tx.campaign.update({ where: { id: current.id }, data: patch as Prisma.CampaignUpdateInput, include })
    await audit(tx, { actorId: user.id, action: 'campaign.update', entity: 'campaign', entityId: current.id, before: diff.before, after: diff.after, ip })
    return view(row)
  })
}
