// The free sets (server/agents/free-sets.ts) against real Redis: every presence change and
// every claim keeps them in step, and the pool takes the agent free the longest, of the
// caller's branch or of any branch, skipping an agent whose leg is being placed.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { freeKey } from '../../../server/agents/free-sets.ts'
import type { Db } from '../../../server/db/client.ts'
import * as fx from '../../fixtures.ts'
import { build, resetState, testDb } from '../../helper.ts'

let app: FastifyInstance
let db: Db
const ids: Record<string, number> = {}
let ty: number
let dt: number
const list = () => app.redisKey('test-pool')
const free = async (branch: number | 'all') => (await app.redis.zrange(freeKey(app.redisKey, branch), 0, -1)).map(Number)

beforeAll(async () => {
  app = await build({ DIALER: 'off' })
  db = testDb()
  await resetState(db, app)
  ty = (await fx.branch(db, '太原')).id
  dt = (await fx.branch(db, '大同')).id
  for (const [name, branchId] of [['a', ty], ['b', ty], ['c', ty], ['far', dt]] as const) {
    ids[name] = (await fx.user(db, { username: `cl_${name}`, role: 'agent', branchId })).id
  }
  ids.sup = (await fx.user(db, { username: 'cl_sup', role: 'supervisor', branchId: ty })).id
})

afterAll(async () => {
  await app.close()
  await db.$disconnect()
})

beforeEach(async () => {
  for (const id of Object.values(ids)) await app.presence.set(id, 'offline')
  await app.redis.del(list())
})

const claims = () => app.telephony.core.claims

describe('free sets and claims', () => {
  it('hold the available pooled agents of each branch, in the order they became free', async () => {
    await app.presence.set(ids.c!, 'available', 1000)
    await app.presence.set(ids.far!, 'available', 2000)
    await app.presence.set(ids.a!, 'available', 3000)
    await app.presence.set(ids.sup!, 'available', 500) // a supervisor serves no pool
    expect(await free(ty)).toEqual([ids.c, ids.a])
    expect(await free(dt)).toEqual([ids.far])
    expect(await free('all')).toEqual([ids.c, ids.far, ids.a])
    await app.presence.set(ids.c!, 'break')
    expect(await free(ty)).toEqual([ids.a])
    expect(await free('all')).toEqual([ids.far, ids.a])
  })

  it('the pool takes the longest-free agent of its branch with the head caller, skipping a leg being placed', async () => {
    await app.presence.set(ids.a!, 'available', 1000)
    await app.presence.set(ids.b!, 'available', 2000)
    await app.presence.set(ids.far!, 'available', 500)
    await app.redis.rpush(list(), 'CA1', 'CA2', 'CA3')
    await app.redis.set(app.redisKey('leg', ids.a!), 'pending')
    expect(await claims().claimForHead(list(), ty, 5000)).toEqual({ agentId: ids.b, callSid: 'CA1' })
    expect(await claims().claimForHead(list(), ty, 5000)).toBeNull() // a's leg is on its way
    expect(await app.redis.lrange(list(), 0, -1)).toEqual(['CA2', 'CA3'])
    expect(await claims().claimForHead(list(), 'all', 5000)).toEqual({ agentId: ids.far, callSid: 'CA2' })
    expect((await app.presence.get(ids.b!)).state).toBe('on_call')
    expect(await free('all')).toEqual([ids.a])
    await app.redis.del(app.redisKey('leg', ids.a!))
    expect(await claims().claimForHead(list(), ty, 5000)).toEqual({ agentId: ids.a, callSid: 'CA3' })
    expect(await claims().claimForHead(list(), ty, 5000)).toBe('empty')
  })

  it('a direct claim leaves the sets, and releasing the agent puts them back', async () => {
    await app.presence.set(ids.a!, 'available', 1000)
    await app.presence.set(ids.b!, 'available', 2000)
    expect(await claims().claimFree([ids.b!, ids.a!], 3000, 'CAdirect')).toMatchObject({ agentId: ids.b })
    expect(await free(ty)).toEqual([ids.a])
    expect(await claims().claim([ids.a!], 3500)).toBe(ids.a)
    expect(await free('all')).toEqual([])
    await app.telephony.core.releaseAgent(ids.b!)
    expect(await free(ty)).toEqual([ids.b])
    expect((await app.presence.get(ids.b!)).state).toBe('available')
  })

  it('drops a member whose presence is gone (expired) instead of taking them', async () => {
    await app.presence.set(ids.a!, 'available', 1000)
    await app.presence.set(ids.b!, 'available', 2000)
    await app.redis.del(app.redisKey('presence', ids.a!))
    await app.redis.rpush(list(), 'CA9')
    expect(await claims().claimForHead(list(), ty, 3000)).toEqual({ agentId: ids.b, callSid: 'CA9' })
    expect(await free(ty)).toEqual([])
    expect(await free('all')).toEqual([])
  })

  it('at start, files agents whose presence was written before the sets existed, keeping state and since', async () => {
    await app.redis.hset(app.redisKey('presence', ids.a!), { state: 'available', since: '1500' })
    await app.redis.hset(app.redisKey('presence', ids.b!), { state: 'on_call', since: '1000' })
    await app.redis.zrem(freeKey(app.redisKey, ty), String(ids.a), String(ids.b))
    await app.redis.zrem(freeKey(app.redisKey, 'all'), String(ids.a), String(ids.b))
    await app.presence.reindex()
    expect(await free(ty)).toEqual([ids.a])
    expect(await app.redis.zscore(freeKey(app.redisKey, 'all'), String(ids.a))).toBe('1500')
    expect(await app.presence.get(ids.b!)).toEqual({ state: 'on_call', since: 1000 })
  })
})
