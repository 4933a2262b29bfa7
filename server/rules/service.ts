// Warning rules as admins see and edit them. An edit is audited and takes effect on the
// next run (runs read warning_rules when they start).
import { Value } from 'typebox/value'
import { audit, changedFields } from '../common/audit.ts'
import { NotFoundError, ValidationError } from '../common/errors.ts'
import type { Db, Prisma } from '../db/client.ts'
import { isRuleCode, THRESHOLDS } from './catalog.ts'
import type { RulePatch, RuleView } from './schemas.ts'

const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null)
const toDate = (s: string | null | undefined) => (s === undefined ? undefined : s === null ? null : new Date(`${s}T00:00:00Z`))

type RuleRow = Prisma.WarningRuleGetPayload<{ include: { campaign: { select: { code: true } } } }>

function view(r: RuleRow): RuleView {
  return {
    code: r.code,
    name: r.name,
    enabled: r.enabled,
    thresholds: r.thresholds as Record<string, unknown>,
    thresholdsSchema: isRuleCode(r.code) ? THRESHOLDS[r.code] : null,
    weight: Number(r.weight),
    campaign: r.campaign.code,
    validFrom: isoDate(r.validFrom),
    validTo: isoDate(r.validTo),
    updatedAt: r.updatedAt.toISOString(),
  }
}

const include = { campaign: { select: { code: true } } } as const

export async function listRules(db: Db): Promise<RuleView[]> {
  return (await db.warningRule.findMany({ include, orderBy: { code: 'asc' } })).map(view)
}

/** Thresholds are merged into the current ones and must then satisfy the code's schema. */
function checkThresholds(code: string, merged: Record<string, unknown>) {
  if (!isRuleCode(code)) throw new ValidationError('code', `${code} is not a rule this version evaluates`)
  const first = Value.Errors(THRESHOLDS[code], merged)[0]
  if (first) {
    const path = first.instancePath.replace(/^\//, '').replace(/\//g, '.')
    const missing = (first.params as { requiredProperties?: string[] }).requiredProperties?.[0]
    throw new ValidationError(['thresholds', path || missing].filter(Boolean).join('.'), first.message)
  }
}

export async function patchRule(db: Db, code: string, patch: RulePatch, actorId: number, ip: string | null): Promise<RuleView> {
  return db.$transaction(async (tx) => {
    const current = await tx.warningRule.findUnique({ where: { code }, include })
    if (!current) throw new NotFoundError(`warning rule ${code}`)
    const data: Prisma.WarningRuleUncheckedUpdateInput = {}
    if (patch.thresholds) {
      const merged = { ...(current.thresholds as Record<string, unknown>), ...patch.thresholds }
      checkThresholds(code, merged)
      data.thresholds = merged as Prisma.InputJsonValue
    }
    if (patch.campaign) {
      const campaign = await tx.campaign.findUnique({ where: { code: patch.campaign }, select: { id: true } })
      if (!campaign) throw new ValidationError('campaign', `no campaign ${patch.campaign}`)
      data.campaignId = campaign.id
    }
    const validFrom = toDate(patch.validFrom)
    const validTo = toDate(patch.validTo)
    const from = validFrom === undefined ? current.validFrom : validFrom
    const to = validTo === undefined ? current.validTo : validTo
    if (from && to && from > to) throw new ValidationError('validTo', 'is before validFrom')
    Object.assign(data, { name: patch.name, enabled: patch.enabled, weight: patch.weight, validFrom, validTo })

    const before = { ...view(current), thresholds: JSON.stringify(current.thresholds) } as Record<string, unknown>
    const after = { ...patch, thresholds: data.thresholds === undefined ? undefined : JSON.stringify(data.thresholds) }
    const diff = changedFields(before, after)
    if (!diff.changed) return view(current)
    const row = await tx.warningRule.update({ where: { code }, data, include })
    await audit(tx, { actorId, action: 'rule.update', entity: 'warning_rule', entityId: code, before: diff.before, after: diff.after, ip })
    return view(row)
  })
}
