// The inbound caller cache (server/inbound/directory.ts) against real PostgreSQL and Redis:
// once warmed it answers for every number without a query, it stops vouching for unknown
// numbers as soon as a bulk change (an import's or allocation's audit row) is seen, and a
// corrected profile reaches it at once.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CallerDirectory } from '../../../server/inbound/directory.ts'
import type { Db } from '../../../server/db/client.ts'
import * as fx from '../../fixtures.ts'
import { build, loginAs, resetState, testDb } from '../../helper.ts'

let app: FastifyInstance
let db: Db
let callers: CallerDirectory
let branchId: number

beforeAll(async () => {
  app = await build({ DIALER: 'off' })
  db = testDb()
  await resetState(db, app)
  branchId = (await fx.branch(db, '太原')).id
  await fx.user(db, { username: 'cc_admin', role: 'admin' })
  callers = app.inbound.callers
})

afterAll(async () => {
  await app.close()
  await db.$disconnect()
})

describe('inbound caller cache', () => {
  it('once warmed, knows every customer and answers for unknown numbers without PostgreSQL', async () => {
    const known = await fx.customer(db, { branchId, name: '李雷' })
    expect(await callers.warm(true)).toBe(1)
    expect(await callers.lookup(known.msisdn)).toMatchObject({ customerId: known.id, name: '李雷', branchId })
    // Added behind the cache's back (no import, no allocation): the whole cache vouches it is nobody.
    const sneaked = await fx.customer(db, { branchId })
    expect(await callers.lookup(sneaked.msisdn)).toBeNull()
    expect(await callers.keepComplete()).toBe(0) // nothing changed in bulk: no warm
    expect(await callers.lookup(sneaked.msisdn)).toBeNull()
  })

  it('after an import or allocation, unknown numbers are looked up again until the cache is warmed again', async () => {
    const imported = await fx.customer(db, { branchId, name: '韩梅梅' })
    expect(await callers.lookup(imported.msisdn)).toBeNull()
    await db.auditLog.create({ data: { action: 'import', entity: 'import_job', after: {} } })
    // The flag goes before the warm starts (this check's, or a periodic one's): a lookup
    // meanwhile reads PostgreSQL, and after it the cache has the new customer.
    await callers.keepComplete()
    expect(await callers.lookup(imported.msisdn)).toMatchObject({ customerId: imported.id, name: '韩梅梅' })
    await expect.poll(() => app.redis.get(app.redisKey('caller-complete')), { timeout: 15_000 }).not.toBeNull()
    expect(await callers.lookup(imported.msisdn)).toMatchObject({ customerId: imported.id })
  })

  it('a corrected opt-out reaches the cache at once', async () => {
    const vip = await fx.customer(db, { branchId })
    await db.auditLog.create({ data: { action: 'allocate', entity: 'allocation', after: {} } })
    await callers.keepComplete()
    expect(await callers.lookup(vip.msisdn)).toMatchObject({ optOut: false })
    const token = await loginAs(app, 'cc_admin')
    const res = await app.inject({ method: 'PATCH', url: `/api/customers/${vip.id}`, headers: { authorization: `Bearer ${token}` }, payload: { directRoutingOptOut: true } })
    expect(res.statusCode).toBe(200)
    await expect.poll(() => callers.lookup(vip.msisdn)).toMatchObject({ optOut: true })
  })
})
