import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import * as fx from '../../fixtures.ts'
import { build, loginAs, resetState, testDb } from '../../helper.ts'

describe('roster: A/B partners', () => {
  let app: FastifyInstance
  let db: Db
  let admin: string
  const ids: Record<string, number> = {}
  const patch = (id: number, payload: Record<string, unknown>) => app.inject({ method: 'PATCH', url: `/api/agents/${id}`, headers: { authorization: `Bearer ${admin}` }, payload })

  beforeAll(async () => {
    app = await build()
    db = testDb()
    await resetState(db, app)
    const ty = await fx.branch(db, '太原')
    const dt = await fx.branch(db, '大同')
    for (const n of ['a', 'b', 'c']) ids[n] = (await fx.user(db, { username: `ro_${n}`, role: 'agent', branchId: ty.id })).id
    ids.far = (await fx.user(db, { username: 'ro_far', role: 'agent', branchId: dt.id })).id
    await fx.user(db, { username: 'ro_admin', role: 'admin' })
    admin = await loginAs(app, 'ro_admin')
  })

  afterAll(async () => {
    await app.close()
    await db.$disconnect()
  })

  const partnerOf = async (id: number) => (await db.user.findUniqueOrThrow({ where: { id } })).partnerId

  it('pairs both ways, re-pairing frees the old partner, and it is audited', async () => {
    expect((await app.agents.get(ids.a!))?.partnerId).toBeNull()
    expect((await patch(ids.a!, { partnerId: ids.b })).json()).toMatchObject({ partner: { id: ids.b } })
    // Inbound routing on this node follows the new pairing at once.
    expect((await app.agents.get(ids.a!))?.partnerId).toBe(ids.b)
    expect([await partnerOf(ids.a!), await partnerOf(ids.b!)]).toEqual([ids.b, ids.a])
    await patch(ids.c!, { partnerId: ids.a })
    expect([await partnerOf(ids.a!), await partnerOf(ids.b!), await partnerOf(ids.c!)]).toEqual([ids.c, null, ids.a])
    expect(await db.auditLog.count({ where: { action: 'user.partner' } })).toBe(2)
    const list = (await app.inject({ method: 'GET', url: '/api/agents', headers: { authorization: `Bearer ${admin}` } })).json()
    expect(list.find((u: { id: number }) => u.id === ids.c)).toMatchObject({ partner: { username: 'ro_a' }, branch: '太原' })
  })

  it('refuses a partner from another branch, naming the field', async () => {
    expect((await patch(ids.b!, { partnerId: ids.far })).json()).toMatchObject({ error: 'VALIDATION_ERROR', field: 'partnerId' })
  })

  it('logs every presence change, with its state and time, for the reports', async () => {
    const t0 = Date.now()
    await Promise.all([app.presence.set(ids.a!, 'available', t0), app.presence.set(ids.b!, 'break', t0 + 1)])
    await app.presence.set(ids.a!, 'on_call', t0 + 2)
    const log = await db.agentStateLog.findMany({ where: { agentId: { in: [ids.a!, ids.b!] } }, orderBy: { at: 'asc' } })
    expect(log.map((r) => [r.agentId, r.state, r.at.getTime()])).toEqual([[ids.a, 'available', t0], [ids.b, 'break', t0 + 1], [ids.a, 'on_call', t0 + 2]])
  })
})
