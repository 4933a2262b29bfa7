// The roster as admins manage it: who works where, and the A/B pairs (互为AB角) that cover
// for each other. Pairing is mutual: setting A's partner to B makes B's partner A, and frees
// whoever either of them was paired with before. Every change is audited.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type Static } from 'typebox'
import type { SessionUser } from '../auth/schemas.ts'
import { audit } from '../common/audit.ts'
import { ValidationError, NotFoundError } from '../common/errors.ts'
import { errorResponses, IdParams } from '../common/schemas.ts'
import type { Db } from '../db/client.ts'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])

export const RosterEntry = Type.Object({
  id: Type.Integer(), username: Type.String(), name: Type.String(), role: Type.String(), active: Type.Boolean(),
  branch: Nullable(Type.String()), team: Nullable(Type.String()),
  partner: Nullable(Type.Object({ id: Type.Integer(), name: Type.String(), username: Type.String() })),
})
export const RosterPatch = Type.Object({
  partnerId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false, minProperties: 1 })

const include = { branch: { select: { name: true } }, team: { select: { name: true } }, partner: { select: { id: true, name: true, username: true } } } as const

async function roster(db: Db, where: { id?: number } = {}) {
  const rows = await db.user.findMany({ where: { ...where, role: { in: ['agent', 'supervisor', 'account_manager'] } }, include, orderBy: [{ branchId: 'asc' }, { username: 'asc' }] })
  return rows.map((u) => ({ id: u.id, username: u.username, name: u.name, role: u.role, active: u.active, branch: u.branch?.name ?? null, team: u.team?.name ?? null, partner: u.partner }))
}

export async function patchRoster(db: Db, actor: SessionUser, id: number, patch: Static<typeof RosterPatch>, ip: string) {
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } })
    if (!user) throw new NotFoundError(`user ${id}`)
    if (patch.active !== undefined && patch.active !== user.active) {
      await tx.user.update({ where: { id }, data: { active: patch.active } })
      await audit(tx, { actorId: actor.id, action: 'user.update', entity: 'user', entityId: id, before: { active: user.active }, after: { active: patch.active }, ip })
    }
    if (patch.partnerId !== undefined && patch.partnerId !== user.partnerId) {
      const partner = patch.partnerId === null ? null : await tx.user.findUnique({ where: { id: patch.partnerId } })
      if (patch.partnerId !== null && (!partner || partner.id === id || partner.role !== user.role || partner.branchId !== user.branchId)) {
        throw new ValidationError('partnerId', 'must be another user of the same role and branch')
      }
      // Whoever either of them covered for before loses that pairing.
      const freed = [user.partnerId, partner?.partnerId].filter((x): x is number => x !== null && x !== undefined)
      await tx.user.updateMany({ where: { OR: [{ id: { in: freed } }, { partnerId: { in: [id, ...(partner ? [partner.id] : [])] } }] }, data: { partnerId: null } })
      await tx.user.update({ where: { id }, data: { partnerId: partner?.id ?? null } })
      if (partner) await tx.user.update({ where: { id: partner.id }, data: { partnerId: id } })
      await audit(tx, { actorId: actor.id, action: 'user.partner', entity: 'user', entityId: id, before: { partnerId: user.partnerId }, after: { partnerId: partner?.id ?? null }, ip })
    }
  })
  return (await roster(db, { id }))[0]!
}

export const rosterRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/agents', {
    config: { roles: ['admin'] },
    schema: { tags: ['agents'], summary: 'Agents, supervisors and account managers with their A/B partners', response: { 200: Type.Array(RosterEntry), ...errorResponses } },
  }, async () => roster(app.db))

  app.patch('/api/agents/:id', {
    config: { roles: ['admin'] },
    schema: { tags: ['agents'], summary: 'Pair A/B partners (mutual) or (de)activate a user; audited', params: IdParams, body: RosterPatch, response: { 200: RosterEntry, ...errorResponses } },
  }, async (request) => {
    const entry = await patchRoster(app.db, request.user, request.params.id, request.body, request.ip)
    // This node routes by the new pairing at once; the others within their 30 s refresh.
    await app.agents.reload()
    return entry
  })
}
