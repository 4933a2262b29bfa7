import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allocate, ARPU_BANDS } from '../../../server/allocation/allocate.ts'
import type { Db } from '../../../server/db/client.ts'
import * as fx from '../../fixtures.ts'
import { build, loginAs, resetState, testDb } from '../../helper.ts'

// As of 2026-11-15, M1–M3 are October, September and August 2026.
const AS_OF = '2026-11-15'
const MONTHS = ['2026-08-01', '2026-09-01', '2026-10-01']
const MANAGERS = ['ty01', 'ty02', 'ty03', 'ty04', 'ty05', 'ty06']

describe('second allocation', () => {
  let app: FastifyInstance
  let db: Db
  const ids: Record<string, number> = {}
  const explicit: number[] = []
  const nonTargets: number[] = []

  /** A customer with the same bill in each of M1–M3 (SP fee too when given). */
  async function customer(branchId: number, bill: number, extra: Parameters<typeof fx.customer>[1] = { branchId }, spFee = 0) {
    const c = await fx.customer(db, { ...extra, branchId })
    await db.monthlyUsage.createMany({ data: MONTHS.map((m) => ({ customerId: c.id, month: new Date(m), bill, spFee })) })
    return c.id
  }

  beforeAll(async () => {
    app = await build()
    db = testDb()
    await resetState(db, app)
    const taiyuan = await fx.branch(db, '太原')
    const datong = await fx.branch(db, '大同')
    for (const username of MANAGERS) ids[username] = (await fx.user(db, { username, role: 'agent', branchId: taiyuan.id })).id
    await db.user.update({ where: { id: (await fx.user(db, { username: 'ty_gone', role: 'agent', branchId: taiyuan.id })).id }, data: { active: false } })
    await fx.user(db, { username: 'dt01', role: 'agent', branchId: datong.id })
    await fx.user(db, { username: 'ty_sup', role: 'supervisor', branchId: taiyuan.id })
    await fx.user(db, { username: 'admin', role: 'admin' })

    const bands: [number, number][] = [[75, 40], [120, 17], [200, 11], [400, 5]]
    for (const [bill, count] of bands) for (let i = 0; i < count; i++) await customer(taiyuan.id, bill)
    // Already held by ty01 (50–100 band) and ty02 (300+): kept, and counted when balancing.
    for (let i = 0; i < 4; i++) explicit.push(await customer(taiyuan.id, 80, { branchId: taiyuan.id, serviceManagerId: ids.ty01 }))
    explicit.push(await customer(taiyuan.id, 350, { branchId: taiyuan.id, serviceManagerId: ids.ty02 }))
    // Below 50 but new this year, broadband, group or rental: the <50 band.
    for (let i = 0; i < 8; i++) await customer(taiyuan.id, 20, { branchId: taiyuan.id, joinedOn: new Date('2026-03-01'), network: i % 2 ? 'BB' : 'G' })
    // Not targets: low value, a staff card, closed, SP-only.
    nonTargets.push(await customer(taiyuan.id, 20))
    nonTargets.push(await customer(taiyuan.id, 500, { branchId: taiyuan.id, cardType: 'staff' }))
    nonTargets.push(await customer(taiyuan.id, 500, { branchId: taiyuan.id, status: 'closed' }))
    nonTargets.push(await customer(taiyuan.id, 60, { branchId: taiyuan.id }, 60))
    for (let i = 0; i < 3; i++) await customer(datong.id, 90)
  })

  afterAll(async () => {
    await app.close()
    await db.$disconnect()
  })

  it('gives the six managers of a city counts that differ by at most one in every band, keeping explicit assignments', async () => {
    const result = await allocate(db, AS_OF)
    expect(result.assigned).toBe(40 + 17 + 11 + 5 + 8 + 3)
    expect(result.unassigned).toBe(0)
    expect(Object.keys(result.managers).sort()).toEqual(['dt01', ...MANAGERS])
    for (const band of ARPU_BANDS) {
      const counts = MANAGERS.map((m) => result.managers[m]![band])
      expect(Math.max(...counts) - Math.min(...counts), `band ${band}: ${counts}`).toBeLessThanOrEqual(1)
    }
    expect(MANAGERS.reduce((n, m) => n + result.managers[m]!['50-100'], 0)).toBe(44)
    expect(result.managers.dt01).toEqual({ '300+': 0, '150-300': 0, '100-150': 0, '50-100': 3, '<50': 0 })

    const held = await db.customer.findMany({ where: { id: { in: explicit } }, select: { serviceManagerId: true } })
    expect(held.map((c) => c.serviceManagerId)).toEqual([ids.ty01, ids.ty01, ids.ty01, ids.ty01, ids.ty02])
    expect(await db.customer.count({ where: { id: { in: nonTargets }, serviceManagerId: { not: null } } })).toBe(0)
    expect(await db.customer.count({ where: { serviceManager: { username: 'ty_gone' } } })).toBe(0)
  })

  it('assigns nothing new on a second run', async () => {
    const before = await db.customer.findMany({ select: { id: true, serviceManagerId: true }, orderBy: { id: 'asc' } })
    const result = await allocate(db, AS_OF)
    expect(result.assigned).toBe(0)
    expect(await db.customer.findMany({ select: { id: true, serviceManagerId: true }, orderBy: { id: 'asc' } })).toEqual(before)
  })

  it('balances newcomers against what managers already hold', async () => {
    const taiyuan = await db.branch.findUniqueOrThrow({ where: { name: '太原' } })
    for (let i = 0; i < 5; i++) await customer(taiyuan.id, 130)
    const result = await allocate(db, AS_OF)
    expect(result.assigned).toBe(5)
    const counts = MANAGERS.map((m) => result.managers[m]!['100-150'])
    expect(counts.reduce((a, b) => a + b)).toBe(22)
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1)
  })

  it('runs from the admin API, audited, and is refused to other roles', async () => {
    const admin = await loginAs(app, 'admin')
    const res = await app.inject({ method: 'POST', url: '/api/allocation/run', payload: { asOf: AS_OF }, headers: { authorization: `Bearer ${admin}` } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ assigned: 0, unassigned: 0 })
    expect(res.json().managers.ty01).toHaveProperty('<50')
    expect(await db.auditLog.count({ where: { action: 'allocate' } })).toBe(4)
    const today = await app.inject({ method: 'POST', url: '/api/allocation/run', headers: { authorization: `Bearer ${admin}` } })
    expect(today.statusCode).toBe(200)
    const supervisor = await loginAs(app, 'ty_sup')
    const refused = await app.inject({ method: 'POST', url: '/api/allocation/run', payload: {}, headers: { authorization: `Bearer ${supervisor}` } })
    expect(refused.statusCode).toBe(403)
  })
})
