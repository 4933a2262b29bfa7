// Inbound VIP routing end to end: the emulator places the inbound call, our webhook decides
// from Redis, and the TwiML the emulator ran shows where the caller went.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { DomainEvents } from '../../../server/common/events.ts'
import type { Db } from '../../../server/db/client.ts'
import * as fx from '../../fixtures.ts'
import { loginAs, resetState, testDb } from '../../helper.ts'
import { emulatorCall, hangUpAll, legUp, setStatus, startHarness, startInbound, waitFor, type Harness } from '../telephony/harness.ts'

let h: Harness
let db: Db
const tokens: Record<string, string> = {}
const ids: Record<string, number> = {}
const msisdn: Record<string, string> = {}
const offers: DomainEvents['call:offered'][] = []

beforeAll(async () => {
  db = testDb()
  h = await startHarness()
  await resetState(db, h.app)
  const ty = await fx.branch(db, '太原')
  const manager = await fx.user(db, { username: 'wang_fang', name: '王芳', role: 'agent', branchId: ty.id })
  const partner = await fx.user(db, { username: 'ouyang_li', name: '欧阳丽', role: 'agent', branchId: ty.id, partnerId: manager.id })
  await db.user.update({ where: { id: manager.id }, data: { partnerId: partner.id } })
  const pooled = await fx.user(db, { username: 'zhao_pool', name: '赵强', role: 'agent', branchId: ty.id })
  Object.assign(ids, { manager: manager.id, partner: partner.id, pooled: pooled.id })
  for (const u of ['wang_fang', 'ouyang_li', 'zhao_pool']) tokens[u] = await loginAs(h.app, u)
  msisdn.vip = (await fx.customer(db, { branchId: ty.id, serviceManagerId: manager.id, tier: 'diamond' })).msisdn
  msisdn.optOut = (await fx.customer(db, { branchId: ty.id, serviceManagerId: manager.id, directRoutingOptOut: true })).msisdn
  ids.vip = (await db.customer.findUniqueOrThrow({ where: { msisdn: msisdn.vip } })).id
  h.app.events.on('call:offered', (o) => offers.push(o))
})

afterAll(async () => {
  await h.close()
  await db.$disconnect()
})

beforeEach(async () => {
  offers.length = 0
  h.app.emulator.settings.clientAnswerMs = 20
  await hangUpAll(h)
  // Everyone ends the previous case available with a leg, then each case sets what it needs.
  for (const u of ['wang_fang', 'ouyang_li', 'zhao_pool']) {
    await fetch(`${h.origin}/emulator/clients/${u}/hangup`, { method: 'POST' })
    await h.app.presence.set(ids[u === 'wang_fang' ? 'manager' : u === 'ouyang_li' ? 'partner' : 'pooled']!, 'offline')
  }
  await waitFor(async () => (await Promise.all([ids.manager!, ids.partner!, ids.pooled!].map((id) => h.app.telephony.legs.sid(id)))).every((s) => s === null), 5000, 'legs down')
})

async function available(username: string, id: number) {
  await setStatus(h, tokens[username]!, 'available')
  await legUp(h, id)
}

/** Where the caller ended up: the last TwiML's Conference room / Client / Enqueue queue. */
async function destination(callSid: string): Promise<string> {
  return waitFor(async () => {
    const call = await emulatorCall(h, callSid)
    const xml = call.twiml.map((t) => t.xml).join('\n')
    return xml.match(/<Conference[^>]*>([^<]+)<\/Conference>/)?.[1] ?? xml.match(/<Client>([^<]+)<\/Client>/)?.[1] ?? xml.match(/<Enqueue[^>]*>([^<]+)<\/Enqueue>/)?.[1]
  }, 5000, `routing of ${callSid}`)
}

/** The queue the caller was put in (a free agent may take them from it at once). */
function enqueuedIn(callSid: string): Promise<string> {
  return waitFor(async () => (await emulatorCall(h, callSid)).twiml.map((t) => t.xml.match(/<Enqueue[^>]*>([^<]+)<\/Enqueue>/)?.[1]).find(Boolean), 5000, `enqueue of ${callSid}`)
}

describe('inbound VIP routing', () => {
  it("puts an available manager's VIP through to the manager's room, with the greeting", async () => {
    await available('wang_fang', ids.manager!)
    await available('ouyang_li', ids.partner!)
    const sid = await startInbound(h, msisdn.vip!)
    expect(await destination(sid)).toBe('agent-wang_fang')
    expect((await h.app.presence.get(ids.manager!)).state).toBe('on_call')
    expect(offers).toContainEqual(expect.objectContaining({ callSid: sid, agentId: ids.manager, customerId: ids.vip, direction: 'inbound', greeting: '您好！电话经理小王很高兴为您服务' }))
    const call = await waitFor(() => db.call.findFirst({ where: { callSid: sid, agentId: { not: null }, customerId: { not: null } } }), 5000, 'the call stored')
    expect(call).toMatchObject({ direction: 'inbound', agentId: ids.manager, customerId: ids.vip })
  })

  it('a busy manager: the A/B partner takes the call', async () => {
    await available('wang_fang', ids.manager!)
    await available('ouyang_li', ids.partner!)
    await h.app.presence.set(ids.manager!, 'on_call')
    const sid = await startInbound(h, msisdn.vip!)
    expect(await destination(sid)).toBe('agent-ouyang_li')
    expect(offers.find((o) => o.callSid === sid)?.greeting).toBe('您好！电话经理小欧阳很高兴为您服务')
  })

  it('an offline manager: the partner; both away: the pool, served by the next free agent of the branch', async () => {
    await available('ouyang_li', ids.partner!)
    const toPartner = await startInbound(h, msisdn.vip!)
    expect(await destination(toPartner)).toBe('agent-ouyang_li')

    const branchId = (await db.customer.findUniqueOrThrow({ where: { id: ids.vip! } })).branchId
    const toPool = await startInbound(h, msisdn.vip!)
    expect(await destination(toPool)).toBe(`pool-${branchId}`)
    await waitFor(async () => (await emulatorCall(h, toPool)).queue_sid, 5000, 'caller in the Twilio queue')
    await available('zhao_pool', ids.pooled!)
    await waitFor(async () => (await emulatorCall(h, toPool)).conference_sid, 5000, 'pool caller put through')
    const last = (await emulatorCall(h, toPool)).twiml.at(-1)!.xml
    expect(last).toContain('agent-zhao_pool')
    expect((await h.app.presence.get(ids.pooled!)).state).toBe('on_call')
  })

  it('an unknown caller, an opted-out customer and a caller pressing 0 reach the pool', async () => {
    await available('wang_fang', ids.manager!)
    const unknown = await startInbound(h, '+8613700000000')
    expect(await enqueuedIn(unknown)).toBe('pool-general')
    const optOut = await startInbound(h, msisdn.optOut!)
    expect(await enqueuedIn(optOut)).toMatch(/^pool-\d+$/)
    const pressed = await startInbound(h, msisdn.vip!, { digits: '0' })
    expect(await enqueuedIn(pressed)).toMatch(/^pool-\d+$/)
  })

  it('a manager without an open leg is rung for 20 s at most; no answer falls back to the partner', async () => {
    await available('ouyang_li', ids.partner!)
    h.app.emulator.settings.clientAnswerMs = null
    await h.app.presence.set(ids.manager!, 'available') // available, but no softphone leg
    const sid = await startInbound(h, msisdn.vip!)
    const first = await waitFor(async () => (await emulatorCall(h, sid)).twiml.find((t) => t.xml.includes('<Client>'))?.xml, 5000, 'ringing the manager')
    expect(first).toMatch(/<Dial timeout="20"[^>]*><Client>wang_fang<\/Client><\/Dial>/)
    await waitFor(async () => (await fetch(`${h.origin}/emulator/clients/wang_fang/hangup`, { method: 'POST' }).then((r) => r.json() as Promise<{ ended: string[] }>)).ended.length, 5000, 'the ringing leg')
    await waitFor(async () => (await emulatorCall(h, sid)).twiml.at(-1)!.xml.includes('agent-ouyang_li'), 5000, 'fallback to the partner')
    expect((await h.app.presence.get(ids.manager!)).state).toBe('available')
  })

  it('a replayed inbound webhook gets the same TwiML and claims nobody again', async () => {
    await available('wang_fang', ids.manager!)
    const sid = await startInbound(h, msisdn.vip!)
    await destination(sid)
    const params = { CallSid: sid, From: msisdn.vip!, To: '+8610086', Direction: 'inbound', CallStatus: 'in-progress', Digits: '' }
    const replies = await Promise.all([1, 2, 3].map(() => h.webhook('/twilio/voice/inbound?step=route', params).then((r) => r.text())))
    expect(new Set(replies).size).toBe(1)
    expect(replies[0]).toContain('agent-wang_fang')
    await waitFor(() => db.callEvent.count({ where: { callSid: sid } }), 5000, 'the inbound event stored')
    expect(await db.callEvent.count({ where: { callSid: sid } })).toBe(1)
  })
})
