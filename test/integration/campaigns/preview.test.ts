// Preview dialing from the softphone: the agent dials one of their own entries over the
// socket; the call goes through the real twilio client to the emulator, the customer joins
// the agent's room on answer, the screen pop arrives, and the attempt is recorded. An entry
// that may not be dialed now (do-not-call) is refused and leaves the agent available.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import * as fx from '../../fixtures.ts'
import { loginAs, resetState, testDb } from '../../helper.ts'
import { connectAs, nextMessage, request, type TestSocket } from '../realtime/client.ts'
import { emulatorCall, legUp, setStatus, startHarness, waitFor, type Harness } from '../telephony/harness.ts'
import { campaign, entries } from './fixtures.ts'

let h: Harness
let db: Db
let socket: TestSocket
let agentId: number
let branchId: number

beforeAll(async () => {
  db = testDb()
  h = await startHarness()
  await resetState(db, h.app)
  branchId = (await fx.branch(db, '太原')).id
  agentId = (await fx.user(db, { username: 'pv_agent', name: '李娜', role: 'agent', branchId })).id
  const token = await loginAs(h.app, 'pv_agent')
  await setStatus(h, token, 'available')
  await legUp(h, agentId)
  socket = await connectAs(h.origin, token)
})
afterAll(async () => {
  socket.disconnect()
  await h.close()
  await db.$disconnect()
})

describe('preview dialing', () => {
  it("dials the agent's own entry into their room, pops the customer and records the attempt", async () => {
    const c = await campaign(db, { code: 'CARE', branchId, dialMode: 'preview', portfolio: 'personal', wrapSeconds: 30 })
    const [entry] = await entries(db, c.id, branchId, ['+8613700000001'], agentId)
    // A paused campaign is dialed by nobody; running in preview mode, its agents dial it (no pacing node does).
    expect(await request(socket, 'preview:dial', { queueEntryId: entry!.entryId })).toMatchObject({ error: 'INVALID_STATE', reason: 'CAMPAIGN_NOT_RUNNING' })
    await db.campaign.update({ where: { id: c.id }, data: { status: 'running' } })
    await new Promise((r) => setTimeout(r, 1500)) // a runner step passes: it must leave the entry alone
    expect((await db.queueEntry.findUniqueOrThrow({ where: { id: entry!.entryId } })).status).toBe('queued')
    h.app.emulator.model.script('+8613700000001', { outcome: 'human', ringMs: 150, talkMs: 800 } as never)

    const popped = nextMessage(socket, 'call:offered', 8000)
    const ack = await request(socket, 'preview:dial', { queueEntryId: entry!.entryId })
    expect(ack).toEqual({ data: { queueEntryId: entry!.entryId, status: 'dialing' } })
    const pop = await popped
    expect(pop).toMatchObject({ queueEntryId: entry!.entryId, campaign: { id: c.id }, direction: 'outbound', ringing: false })
    expect(pop.customer?.msisdn).toBe('+8613700000001')

    const call = await waitFor(() => db.call.findFirst({ where: { queueEntryId: entry!.entryId, status: 'completed' } }), 10_000, 'the call to end')
    expect(call.agentId).toBe(agentId)
    expect(call.bridgedAt).not.toBeNull()
    const twiml = (await emulatorCall(h, call.callSid)).twiml.map((t) => t.xml).join('\n')
    expect(twiml).toContain('<Conference')
    expect(twiml).toContain('agent-pv_agent')
    const after = await waitFor(async () => {
      const e = await db.queueEntry.findUniqueOrThrow({ where: { id: entry!.entryId } })
      return e.attemptsTotal === 1 ? e : undefined
    }, 5000, 'the attempt')
    expect(after.status).toBe('done')
    await waitFor(async () => (await h.app.presence.get(agentId)).state === 'wrap_up', 5000, 'wrap-up after the call')
  }, 30_000)

  it('refuses an entry on the do-not-call list and leaves the agent available', async () => {
    await request(socket, 'wrap:ready', {})
    await waitFor(async () => (await h.app.presence.get(agentId)).state === 'available', 5000, 'available again')
    const c = await campaign(db, { code: 'RETAIN', branchId, dialMode: 'preview', portfolio: 'personal' })
    const [entry] = await entries(db, c.id, branchId, ['+8613700000002'], agentId)
    await db.campaign.update({ where: { id: c.id }, data: { status: 'running' } })
    await db.doNotCall.create({ data: { msisdn: '+8613700000002', scope: 'all', reason: '要求勿扰', source: 'test' } })

    const ack = await request(socket, 'preview:dial', { queueEntryId: entry!.entryId })
    expect(ack).toMatchObject({ error: 'INVALID_STATE', reason: 'NOT_DIALABLE_NOW' })
    expect(String(ack.message)).toContain('do-not-call')
    expect(await db.call.count({ where: { queueEntryId: entry!.entryId } })).toBe(0)
    expect((await h.app.presence.get(agentId)).state).toBe('available')
    expect((await db.queueEntry.findUniqueOrThrow({ where: { id: entry!.entryId } })).status).toBe('queued')
  }, 20_000)
})
