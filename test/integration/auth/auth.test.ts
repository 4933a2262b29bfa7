import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import * as fx from '../../fixtures.ts'
import { build, loginAs, resetState, testDb } from '../../helper.ts'

describe('auth and authorization', () => {
  let app: FastifyInstance
  let db: Db
  const ids: Record<string, number> = {}

  beforeAll(async () => {
    app = await build()
    db = testDb()
    await resetState(db, app)
    const taiyuan = await fx.branch(db, '太原')
    const datong = await fx.branch(db, '大同')
    const a1 = await fx.user(db, { username: 'agent_ty1', role: 'agent', branchId: taiyuan.id })
    const a2 = await fx.user(db, { username: 'agent_ty2', role: 'agent', branchId: taiyuan.id, partnerId: a1.id })
    await db.user.update({ where: { id: a1.id }, data: { partnerId: a2.id } })
    await fx.user(db, { username: 'agent_dt1', role: 'agent', branchId: datong.id })
    await fx.user(db, { username: 'sup_ty', role: 'supervisor', branchId: taiyuan.id })
    await fx.user(db, { username: 'admin', role: 'admin' })
    ids.own = (await fx.customer(db, { branchId: taiyuan.id, serviceManagerId: a1.id, idNumber: '140101199003071234', address: '太原市小店区长治路100号' })).id
    ids.partners = (await fx.customer(db, { branchId: taiyuan.id, serviceManagerId: a2.id })).id
    ids.datong = (await fx.customer(db, { branchId: datong.id })).id
  })

  afterAll(async () => {
    await app.close()
    await db.$disconnect()
  })

  const get = (token: string, url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })

  it('wrong credentials get 401 and are audited; an unknown user too', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'agent_ty1', password: 'nope' } })
    expect(bad.statusCode).toBe(401)
    expect(bad.json()).toEqual({ error: 'INVALID_CREDENTIALS', message: 'wrong username or password' })
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ghost', password: 'nope' } })
    expect(unknown.statusCode).toBe(401)
    const audited = await db.auditLog.count({ where: { action: 'login_failed' } })
    expect(audited).toBe(2)
  })

  it('login attempts are rate-limited per address and username', async () => {
    const attempt = (username: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'wrong' } })
    for (let i = 0; i < 10; i++) expect((await attempt('sup_ty')).statusCode).toBe(401)
    const blocked = await attempt('sup_ty')
    expect(blocked.statusCode).toBe(429)
    expect(blocked.json()).toMatchObject({ error: 'RATE_LIMITED' })
    // a colleague behind the same address is not locked out
    expect((await attempt('agent_dt1')).statusCode).toBe(401)
    await app.redis.del(...(await app.redis.keys(`${app.config.REDIS_PREFIX}:login-limit*`)))
  })

  it('a missing field is a 400 naming it', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ error: 'VALIDATION_ERROR', field: 'password' })
  })

  it('no token → 401; a forged token → 401', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/customers' })).statusCode).toBe(401)
    // A token whose payload was changed after signing (an agent promoting themselves).
    const [head, , sig] = app.jwt.sign({ id: 1, username: 'x', name: 'x', role: 'agent', branchId: null }).split('.')
    const payload = Buffer.from(JSON.stringify({ id: 1, username: 'x', name: 'x', role: 'admin', branchId: null })).toString('base64url')
    const forged = `${head}.${payload}.${sig}`
    expect((await get(forged, '/api/customers')).statusCode).toBe(401)
  })

  it('an agent sees only their own customers; a partner’s only while the partner is absent', async () => {
    const token = await loginAs(app, 'agent_ty1')
    const partnerToken = await loginAs(app, 'agent_ty2')
    const setPartner = (status: string) => app.inject({ method: 'PUT', url: '/api/agents/me/status', headers: { authorization: `Bearer ${partnerToken}` }, payload: { status } })
    const visible = async () => ((await get(token, '/api/customers')).json() as { items: { id: number }[] }).items.map((c) => c.id).sort()

    expect((await setPartner('available')).statusCode).toBe(200)
    expect(await visible()).toEqual([ids.own])
    expect((await get(token, `/api/customers/${ids.partners}`)).statusCode).toBe(404)
    await setPartner('break')
    expect(await visible()).toEqual([ids.own, ids.partners].sort())
    expect((await get(token, `/api/customers/${ids.partners}`)).statusCode).toBe(200)
    await setPartner('offline')
    expect((await get(token, `/api/customers/${ids.partners}`)).statusCode).toBe(200)
    await setPartner('available')
    expect((await get(token, `/api/customers/${ids.partners}`)).statusCode).toBe(404)
  })

  it('a supervisor sees their own branch only; cross-branch access is refused', async () => {
    const token = await loginAs(app, 'sup_ty')
    const list = (await get(token, '/api/customers')).json() as { total: number; items: { id: number }[] }
    expect(list.items.map((c) => c.id).sort()).toEqual([ids.own, ids.partners].sort())
    expect((await get(token, `/api/customers/${ids.datong}`)).statusCode).toBe(404)
  })

  it('an agent of another branch cannot see this branch’s customers', async () => {
    const token = await loginAs(app, 'agent_dt1')
    expect((await get(token, `/api/customers/${ids.own}`)).statusCode).toBe(404)
  })

  it('an admin sees every branch', async () => {
    const token = await loginAs(app, 'admin')
    const list = (await get(token, '/api/customers')).json() as { total: number }
    expect(list.total).toBe(3)
  })

  it('a role not allowed on a route gets 403', async () => {
    const token = await loginAs(app, 'admin')
    const res = await app.inject({ method: 'PUT', url: '/api/agents/me/status', headers: { authorization: `Bearer ${token}` }, payload: { status: 'available' } })
    expect(res.statusCode).toBe(403)
    expect(res.json().error).toBe('FORBIDDEN')
  })

  it('ID numbers and addresses are masked in API responses', async () => {
    const token = await loginAs(app, 'agent_ty1')
    const res = await get(token, `/api/customers/${ids.own}`)
    expect(res.body).not.toContain('140101199003071234')
    expect(res.body).not.toContain('长治路100号')
    expect(res.json()).toMatchObject({ idNumberMasked: '140***********1234' })
  })

  it('a customer change is audited with personal data masked, and a no-op is not', async () => {
    const token = await loginAs(app, 'agent_ty1')
    const patch = (payload: object) => app.inject({ method: 'PATCH', url: `/api/customers/${ids.own}`, headers: { authorization: `Bearer ${token}` }, payload })
    const res = await patch({ idNumber: '140101199003079999', email: 'a@example.com' })
    expect(res.statusCode).toBe(200)
    const rows = await db.auditLog.findMany({ where: { entity: 'customer', entityId: String(ids.own) } })
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows[0])).not.toContain('140101199003079999')
    expect(rows[0]!.after).toMatchObject({ idNumber: '140***********9999', email: 'a@example.com' })
    await patch({ email: 'a@example.com' })
    expect(await db.auditLog.count({ where: { entity: 'customer' } })).toBe(1)
    const bad = await patch({ email: 'not-an-email' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().field).toBe('email')
  })
})
