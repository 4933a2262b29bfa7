// An outbound campaign end to end, through the real twilio client and the emulator: the
// dialer places calls (never above the CPS), live answers join an agent's room, machines are
// dropped, live answers nobody can take get the abandon message within the connect time,
// and every call's statuses are stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import * as fx from '../../fixtures.ts'
import { loginAs, resetState, testDb } from '../../helper.ts'
import { emulatorCall, hangUpAll, legUp, setStatus, startHarness, waitFor, type Harness } from '../telephony/harness.ts'
import { ABANDON_MESSAGE, campaign, entries } from './fixtures.ts'

const CPS = 4
let h: Harness
let db: Db
let branchId: number
const agents: Record<string, { id: number; token: string }> = {}

beforeAll(async () => {
  db = testDb()
  h = await startHarness({ TWILIO_CPS: String(CPS) })
  await resetState(db, h.app)
  branchId = (await fx.branch(db, '太原')).id
})
afterAll(async () => {
  await h.close()
  await db.$disconnect()
})

async function agent(username: string) {
  const u = await fx.user(db, { username, name: username, role: 'agent', branchId })
  agents[username] = { id: u.id, token: await loginAs(h.app, username) }
  await setStatus(h, agents[username]!.token, 'available')
  await legUp(h, u.id)
}

const script = (number: string, behaviour: object) =>
  h.app.emulator.model.script(number, { ringMs: 150, talkMs: 1500, amdMs: 150, ...behaviour } as never)

/** Waits until every entry's call has ended and been counted as an attempt. */
async function allAttempted(campaignId: number, count: number) {
  return waitFor(async () => {
    const rows = await db.queueEntry.findMany({ where: { campaignId } })
    return rows.length === count && rows.every((r) => r.attemptsTotal >= 1) ? rows : undefined
  }, 25_000, 'every entry attempted')
}

/** The largest number of calls created within any 1-second window, from the emulator's record. */
function peakCps(creations: { at: number }[]): number {
  const at = creations.map((c) => c.at).sort((a, b) => a - b)
  let peak = 0
  for (let i = 0, j = 0; i < at.length; i++) {
    while (at[i]! - at[j]! >= 1000) j++
    peak = Math.max(peak, i - j + 1)
  }
  return peak
}

describe('an outbound campaign', () => {
  it('bridges live answers to agents, drops machines, stores every status, and keeps to the CPS', async () => {
    await agent('agent_a')
    await agent('agent_b')
    const c = await campaign(db, { code: 'RETAIN', branchId, dialMode: 'progressive' })
    const plan: [string, object][] = [
      ['+8613600000001', { outcome: 'human' }],
      ['+8613600000002', { outcome: 'machine' }],
      ['+8613600000003', { outcome: 'busy' }],
      ['+8613600000004', { outcome: 'no-answer' }],
      ['+8613600000005', { outcome: 'human' }],
      ['+8613600000006', { outcome: 'human' }],
      ['+8613600000007', { outcome: 'failed' }],
      ['+8613600000008', { outcome: 'human' }],
    ]
    for (const [n, b] of plan) script(n, b)
    const list = await entries(db, c.id, branchId, plan.map(([n]) => n))
    await db.campaign.update({ where: { id: c.id }, data: { status: 'running' } })

    const rows = await allAttempted(c.id, list.length)
    await db.campaign.update({ where: { id: c.id }, data: { status: 'paused' } })
    const calls = await db.call.findMany({ where: { campaignId: c.id }, include: { queueEntry: { include: { customer: true } } } })
    const byNumber = new Map(calls.map((x) => [x.toNumber, x]))
    expect(calls).toHaveLength(plan.length) // one call per entry: nothing dialed twice

    for (const [n, b] of plan) {
      const call = byNumber.get(n)!
      const outcome = (b as { outcome: string }).outcome
      const twiml = (await emulatorCall(h, call.callSid)).twiml.map((t) => t.xml).join('\n')
      if (outcome === 'human') {
        expect(call.bridgedAt).not.toBeNull()
        expect(call.answeredBy).toBe('human')
        expect(twiml).toMatch(/<Conference[^>]*>agent-agent_[ab]<\/Conference>/)
        expect(call.agentId).toBe(agents[twiml.match(/agent-(agent_[ab])/)![1]!]!.id)
        expect(call.talkSeconds).toBeGreaterThanOrEqual(1)
      } else if (outcome === 'machine') {
        expect(call.answeredBy).toBe('machine_start')
        expect(call.bridgedAt).toBeNull()
        expect(twiml).not.toContain('<Conference')
      }
      expect(call.status).toBe({ human: 'completed', machine: 'completed', busy: 'busy', 'no-answer': 'no-answer', failed: 'failed' }[outcome])
      expect(call.endedAt).not.toBeNull()
      expect(call.ringSeconds).not.toBeNull()
      const kinds = (await db.callEvent.findMany({ where: { callSid: call.callSid } })).map((e) => e.kind)
      expect(kinds).toContain(`status:${call.status}`)
    }
    const done = rows.filter((r) => r.status === 'done').map((r) => r.dialNumber).sort()
    expect(done).toEqual(plan.filter(([, b]) => (b as { outcome: string }).outcome === 'human').map(([n]) => n).sort())
    expect(peakCps(h.app.emulator.creations)).toBeLessThanOrEqual(CPS)
  }, 40_000)

  it('a live answer with no agent free within 2 s gets the abandon message and is counted', async () => {
    await hangUpAll(h)
    for (const u of Object.values(agents)) await setStatus(h, u.token, 'offline')
    const solo = 'agent_solo'
    await agent(solo)
    const c = await campaign(db, { code: 'OVERDIAL', branchId, dialMode: 'ratio', dialRatio: 3 })
    const numbers = ['+8613500000001', '+8613500000002', '+8613500000003']
    for (const n of numbers) script(n, { outcome: 'human', ringMs: 300, talkMs: 6000 })
    await entries(db, c.id, branchId, numbers)
    await db.campaign.update({ where: { id: c.id }, data: { status: 'running' } })

    const abandoned = await waitFor(async () => {
      const rows = await db.call.findMany({ where: { campaignId: c.id, abandoned: true } })
      return rows.length >= 2 ? rows : undefined
    }, 20_000, 'two abandons')
    await db.campaign.update({ where: { id: c.id }, data: { status: 'paused' } })
    const bridged = await db.call.findMany({ where: { campaignId: c.id, bridgedAt: { not: null } } })
    expect(bridged).toHaveLength(1)
    expect(bridged[0]!.agentId).toBe(agents[solo]!.id)
    for (const call of abandoned) {
      const emu = await emulatorCall(h, call.callSid)
      const message = emu.twiml.find((t) => t.xml.includes('<Say'))!
      expect(message.xml).toContain(`<Say language="zh-CN">${ABANDON_MESSAGE}</Say>`)
      // The message replaced the hold within the connect time (2 s) of the live answer, plus one webhook's way.
      const human = emu.log.find((l) => l.event === 'amd')!
      expect(message.at - human.at).toBeLessThan(2600)
    }
  }, 40_000)
})
