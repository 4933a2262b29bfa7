// Status, answer and AMD webhooks through the real twilio client and the emulator: every
// status stored with durations and the AMD result; replays change nothing; bad signatures
// get 403 and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import { resetState, testDb } from '../../helper.ts'
import { startHarness, waitFor, type Harness } from './harness.ts'

let h: Harness
let db: Db

beforeAll(async () => {
  db = testDb()
  h = await startHarness()
  await resetState(db, h.app)
})
afterAll(async () => {
  await h.close()
  await db.$disconnect()
})

async function placeCall(to: string, behaviour: object) {
  h.app.emulator.model.script(to, { ringMs: 50, talkMs: 1200, amdMs: 100, ...behaviour } as never)
  const { core } = h.app.telephony
  const urls = core.urls({ kind: 'customer', dialId: 'test' })
  const call = await core.client.calls.create({
    to, from: h.app.config.TWILIO_CALLER_ID, url: urls.answer,
    statusCallback: urls.status, statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    machineDetection: 'Enable', asyncAmd: 'true', asyncAmdStatusCallback: urls.amd,
  })
  return call.sid
}

const finished = (sid: string) => waitFor(async () => {
  const row = await db.call.findUnique({ where: { callSid: sid } })
  return row?.endedAt ? row : undefined
}, 8000, `call ${sid} to end`)

describe('call webhooks', () => {
  it('stores every status of an answered call, with durations and the AMD result', async () => {
    const sid = await placeCall('+8613900000001', { outcome: 'human' })
    const row = await finished(sid)
    expect(row.status).toBe('completed')
    expect(row.answeredBy).toBe('human')
    expect(row.answeredAt).not.toBeNull()
    expect(row.talkSeconds).toBeGreaterThanOrEqual(1)
    expect(row.ringSeconds).not.toBeNull()
    const kinds = (await db.callEvent.findMany({ where: { callSid: sid } })).map((e) => e.kind).sort()
    expect(kinds).toEqual(['amd', 'answer', 'status:completed', 'status:in-progress', 'status:initiated', 'status:ringing'])
  })

  it('stores busy and machine outcomes as Twilio reports them', async () => {
    const busy = await placeCall('+8613900000002', { outcome: 'busy' })
    const machine = await placeCall('+8613900000003', { outcome: 'machine' })
    expect((await finished(busy)).status).toBe('busy')
    await waitFor(async () => (await db.call.findUnique({ where: { callSid: machine } }))?.answeredBy, 5000, 'AMD result')
    expect((await db.call.findUnique({ where: { callSid: machine } }))?.answeredBy).toBe('machine_start')
  })

  it('a status callback replayed three times changes nothing', async () => {
    const sid = await placeCall('+8613900000004', { outcome: 'human', talkMs: 300 })
    const before = await finished(sid)
    const eventsBefore = await db.callEvent.count({ where: { callSid: sid } })
    const params = { CallSid: sid, CallStatus: 'ringing', Direction: 'outbound-api', From: h.app.config.TWILIO_CALLER_ID, To: '+8613900000004', AccountSid: h.app.config.TWILIO_ACCOUNT_SID }
    for (let i = 0; i < 3; i++) {
      expect((await h.webhook('/twilio/voice/status?k=customer&d=test', params)).status).toBe(204)
      expect((await h.webhook('/twilio/voice/status?k=customer&d=test', { ...params, CallStatus: 'completed', CallDuration: '99' })).status).toBe(204)
    }
    expect(await db.callEvent.count({ where: { callSid: sid } })).toBe(eventsBefore)
    expect(await db.call.findUnique({ where: { callSid: sid } })).toEqual(before)
  })

  it('a forged or missing signature gets 403 and changes nothing', async () => {
    const params = { CallSid: 'CA' + 'f'.repeat(32), CallStatus: 'completed', Direction: 'outbound-api', From: '+8610000000000', To: '+8613900000009' }
    for (const path of ['/twilio/voice/status', '/twilio/voice/answer', '/twilio/voice/amd', '/twilio/voice/inbound']) {
      expect((await h.webhook(path, params, 'forged-signature=')).status).toBe(403)
      expect((await h.webhook(path, params, null)).status).toBe(403)
    }
    // Signed for another URL (a replay against a different path) is refused too.
    const sig = (await import('twilio')).default.getExpectedTwilioSignature(h.app.config.TWILIO_AUTH_TOKEN, h.app.config.PUBLIC_BASE_URL + '/twilio/voice/amd', params)
    expect((await h.webhook('/twilio/voice/status', params, sig)).status).toBe(403)
    expect(await db.call.count({ where: { callSid: params.CallSid } })).toBe(0)
    expect(await db.callEvent.count({ where: { callSid: params.CallSid } })).toBe(0)
  })
})
