import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import * as fx from '../../fixtures.ts'
import { build, listenOnLoopback, loginAs, resetState, testDb } from '../../helper.ts'
import { collect, connectAs, nextMessage, request, type TestSocket } from './client.ts'

describe('realtime: socket auth, rooms and forwarding', () => {
  let app: FastifyInstance
  let db: Db
  let url: string
  const ids: Record<string, number> = {}
  const tokens: Record<string, string> = {}
  const sockets: TestSocket[] = []
  const open = async (who: string) => {
    const s = await connectAs(url, tokens[who])
    sockets.push(s)
    return s
  }

  beforeAll(async () => {
    app = await build()
    db = testDb()
    await resetState(db, app)
    const taiyuan = await fx.branch(db, '太原')
    const datong = await fx.branch(db, '大同')
    ids.taiyuan = taiyuan.id
    ids.a1 = (await fx.user(db, { username: 'rt_a1', role: 'agent', branchId: taiyuan.id, name: '王芳' })).id
    ids.a2 = (await fx.user(db, { username: 'rt_a2', role: 'agent', branchId: taiyuan.id })).id
    await fx.user(db, { username: 'rt_sup_ty', role: 'supervisor', branchId: taiyuan.id })
    await fx.user(db, { username: 'rt_sup_dt', role: 'supervisor', branchId: datong.id })
    for (const u of ['rt_a1', 'rt_a2', 'rt_sup_ty', 'rt_sup_dt']) tokens[u] = await loginAs(app, u)
    url = await listenOnLoopback(app)
  })

  afterAll(async () => {
    for (const s of sockets) s.disconnect()
    await app.close()
    await db.$disconnect()
  })

  it('refuses a handshake without a valid token', async () => {
    await expect(connectAs(url, undefined)).rejects.toMatchObject({ message: 'missing token', data: { error: 'UNAUTHORIZED' } })
    await expect(connectAs(url, 'not-a-jwt')).rejects.toMatchObject({ data: { error: 'UNAUTHORIZED' } })
  })

  it("an agent gets their presence on connect and cannot join another agent's or a branch room", async () => {
    const s = await connectAs(url, tokens.rt_a1)
    sockets.push(s)
    const first = await nextMessage(s, 'agent:presence')
    expect(first).toMatchObject({ agentId: ids.a1, state: 'offline' })
    expect(await request(s, 'room:join', { room: `agent:${ids.a2}` })).toMatchObject({ error: 'FORBIDDEN' })
    expect(await request(s, 'room:join', { room: `branch:${ids.taiyuan}` })).toMatchObject({ error: 'FORBIDDEN' })
    expect(await request(s, 'room:join', { room: `agent:${ids.a1}` })).toEqual({ data: { room: `agent:${ids.a1}` } })
  })

  it('a bad message is refused with an error naming the field', async () => {
    const s = await open('rt_a1')
    expect(await request(s, 'status:set', { status: 'lunch' })).toMatchObject({ error: 'VALIDATION_ERROR', field: 'status' })
    expect(await request(s, 'status:set', {})).toMatchObject({ error: 'VALIDATION_ERROR', field: 'status' })
    expect(await request(s, 'callback:schedule', { queueEntryId: 1, at: 'tomorrow' })).toMatchObject({ error: 'VALIDATION_ERROR', field: 'at' })
    expect(await request(s, 'campaign:control', { campaignId: 1, status: 'paused' })).toMatchObject({ error: 'FORBIDDEN' })
  })

  it("presence reaches the agent and their branch's supervisors only", async () => {
    const agent = await open('rt_a2')
    await nextMessage(agent, 'agent:presence')
    const supTy = await open('rt_sup_ty')
    const supDt = await open('rt_sup_dt')
    const other = collect(supDt, 'agent:presence')
    const seenBySup = nextMessage(supTy, 'agent:presence', 2000, (p) => p.agentId === ids.a2 && p.state === 'available')
    const ack = await request(agent, 'status:set', { status: 'available' })
    expect(ack).toMatchObject({ data: { agentId: ids.a2, state: 'available' } })
    await seenBySup
    await new Promise((r) => setTimeout(r, 200))
    other.stop()
    expect(other.seen).toEqual([])
    expect((await app.presence.get(ids.a2!)).state).toBe('available')
  })

  it('answering when no call rings on the agent’s softphone is refused', async () => {
    const s = await open('rt_a1')
    expect(await request(s, 'call:answer', { callSid: 'CA123' })).toMatchObject({ error: 'INVALID_STATE', message: 'no call is ringing on your softphone' })
  })

  it('call:ended puts the agent in wrap-up, which ends by itself after wrapSeconds', async () => {
    const s = await open('rt_a1')
    const wrap = nextMessage(s, 'agent:presence', 5000, (p) => p.state === 'wrap_up')
    const ended = nextMessage(s, 'call:ended')
    await app.presence.set(ids.a1!, 'on_call')
    app.events.emit('call:ended', { callSid: 'CA-wrap', agentId: ids.a1!, branchId: ids.taiyuan!, wrapSeconds: 1, at: Date.now() })
    expect(await ended).toMatchObject({ callSid: 'CA-wrap', wrapSeconds: 1 })
    const available = nextMessage(s, 'agent:presence', 6000, (p) => p.state === 'available')
    await wrap
    // wrapSeconds is 1; the margin is for a loaded CI machine
    await available
  })

  it('"ready" ends wrap-up early', async () => {
    const s = await open('rt_a1')
    const wrap = nextMessage(s, 'agent:presence', 5000, (p) => p.state === 'wrap_up')
    await app.presence.set(ids.a1!, 'on_call')
    app.events.emit('call:ended', { callSid: 'CA-ready', agentId: ids.a1!, branchId: ids.taiyuan!, wrapSeconds: 60, at: Date.now() })
    await wrap
    expect(await request(s, 'wrap:ready', {})).toMatchObject({ data: { state: 'available' } })
  })

  it('a call:ended arriving after "ready" leaves the agent available', async () => {
    const s = await open('rt_a1')
    expect((await app.presence.get(ids.a1!)).state).toBe('available')
    const seen = collect(s, 'agent:presence')
    const ended = nextMessage(s, 'call:ended')
    app.events.emit('call:ended', { callSid: 'CA-late', agentId: ids.a1!, branchId: ids.taiyuan!, wrapSeconds: 60, at: Date.now() })
    await ended
    await new Promise((r) => setTimeout(r, 300))
    seen.stop()
    expect(seen.seen.filter((p) => p.state === 'wrap_up')).toEqual([])
    expect((await app.presence.get(ids.a1!)).state).toBe('available')
  })
})
