// Outbound call events and the commands they produce, mode by mode.
import { describe, expect, it } from 'vitest'
import { Harness, entryIds, ofType } from './harness.ts'

describe('progressive', () => {
  it('asks for entries, then places one call held for each free agent', () => {
    const h = new Harness({ kind: 'progressive' })
    expect(ofType(h.login('a1'), 'request_entries')[0]!.count).toBeGreaterThan(0)
    const placed = ofType(h.entries(...entryIds(5)), 'place_call')
    expect(placed).toEqual([{ type: 'place_call', callId: 'c1', entryId: 'e1', agentId: 'a1' }])
  })

  it('bridges a live answer to the held agent, wraps up on hang-up, dials again when wrap-up is done', () => {
    const h = new Harness({ kind: 'progressive' })
    h.login('a1')
    h.entries(...entryIds(5))
    expect(h.send({ type: 'call_placed', callId: 'c1' })).toEqual([])
    expect(h.send({ type: 'call_ringing', callId: 'c1' })).toEqual([])
    h.now = 10_000
    expect(h.send({ type: 'call_answered_human', callId: 'c1' })).toEqual([{ type: 'bridge', callId: 'c1', agentId: 'a1' }])
    h.now = 100_000
    expect(ofType(h.send({ type: 'call_ended', callId: 'c1' }), 'place_call')).toEqual([])
    h.now = 130_000
    expect(ofType(h.send({ type: 'agent_wrap_done', agentId: 'a1' }), 'place_call')).toEqual([
      { type: 'place_call', callId: 'c2', entryId: 'e2', agentId: 'a1' },
    ])
  })

  it.each(['call_no_answer', 'call_busy', 'call_failed', 'call_ended'] as const)('after %s the agent gets the next call', (type) => {
    const h = new Harness({ kind: 'progressive' })
    h.login('a1')
    h.entries(...entryIds(5))
    h.now = 25_000
    expect(ofType(h.send({ type, callId: 'c1' }), 'place_call')).toEqual([{ type: 'place_call', callId: 'c2', entryId: 'e2', agentId: 'a1' }])
  })

  it.each([false, true])('drops an answering machine (voicemail %s) and dials on', (leaveVoicemail) => {
    const h = new Harness({ kind: 'progressive' }, { leaveVoicemail })
    h.login('a1')
    h.entries(...entryIds(5))
    h.now = 15_000
    const commands = h.send({ type: 'call_answered_machine', callId: 'c1' })
    expect(commands[0]).toEqual({ type: 'drop_machine', callId: 'c1', voicemail: leaveVoicemail })
    expect(ofType(commands, 'place_call')).toHaveLength(1)
    expect(h.dialer.stats.machineAnswers).toBe(1)
  })

  it('ignores events about calls it does not know (webhook retries, restarts)', () => {
    const h = new Harness({ kind: 'progressive' })
    h.login('a1')
    h.entries(...entryIds(5))
    expect(h.send({ type: 'call_answered_human', callId: 'nope' })).toEqual([])
    h.send({ type: 'call_answered_human', callId: 'c1' })
    expect(h.send({ type: 'call_answered_human', callId: 'c1' })).toEqual([])
  })
})

describe('pooled calls (ratio)', () => {
  function twoAgentsFourCalls() {
    const h = new Harness({ kind: 'ratio', ratio: 2 })
    h.login('a1', 'a2')
    expect(ofType(h.entries(...entryIds(20)), 'place_call').map((c) => c.agentId)).toEqual([undefined, undefined, undefined, undefined])
    return h
  }

  it('places ratio × free agents calls and bridges answers to the agent free longest', () => {
    const h = twoAgentsFourCalls()
    expect(h.dialer.load).toEqual({ ringing: 4, staffed: 2, dialRatio: 2 })
    h.now = 5000
    expect(h.send({ type: 'call_answered_human', callId: 'c2' })).toEqual([{ type: 'bridge', callId: 'c2', agentId: 'a1' }])
    expect(h.dialer.load).toEqual({ ringing: 3, staffed: 2, dialRatio: 1.5 })
  })

  it('abandons a live answer nobody takes within the connect time and calls the customer back progressively', () => {
    const h = twoAgentsFourCalls()
    h.now = 5000
    h.send({ type: 'call_answered_human', callId: 'c1' })
    h.send({ type: 'call_answered_human', callId: 'c2' })
    expect(h.send({ type: 'call_answered_human', callId: 'c3' })).toEqual([])
    expect(h.dialer.nextWakeAt()).toBe(7000)
    expect(h.at(6999)).toEqual([])
    const commands = h.at(7000)
    expect(commands).toContainEqual({ type: 'abandon', callId: 'c3', entryId: 'e3' })
    expect(commands).toContainEqual({ type: 'schedule_callback', entryId: 'e3', notBefore: 67_000, mode: 'progressive' })
    expect(h.dialer.stats).toMatchObject({ humanAnswers: 3, abandoned: 1 })
    // The call-back waits for its time and for a free agent, who is held for it.
    h.now = 200_000
    h.send({ type: 'call_ended', callId: 'c1' })
    const after = h.send({ type: 'agent_wrap_done', agentId: 'a1' })
    expect(ofType(after, 'place_call')[0]).toEqual({ type: 'place_call', callId: 'c5', entryId: 'e3', agentId: 'a1' })
  })

  it('connects a waiting answer to an agent who frees up within the connect time', () => {
    const h = twoAgentsFourCalls()
    h.now = 5000
    h.send({ type: 'call_answered_human', callId: 'c1' })
    h.send({ type: 'call_answered_human', callId: 'c2' })
    h.send({ type: 'call_answered_human', callId: 'c3' })
    h.now = 6000
    h.send({ type: 'call_ended', callId: 'c1' })
    expect(ofType(h.send({ type: 'agent_wrap_done', agentId: 'a1' }), 'bridge')).toEqual([{ type: 'bridge', callId: 'c3', agentId: 'a1' }])
    expect(ofType(h.at(8000), 'abandon')).toEqual([])
  })

  it('counts a customer who hangs up while waiting as abandoned', () => {
    const h = twoAgentsFourCalls()
    h.send({ type: 'call_answered_human', callId: 'c1' })
    h.send({ type: 'call_answered_human', callId: 'c2' })
    h.send({ type: 'call_answered_human', callId: 'c3' })
    expect(ofType(h.send({ type: 'call_ended', callId: 'c3' }), 'schedule_callback')).toHaveLength(1)
    expect(h.dialer.stats.abandoned).toBe(1)
  })
})

describe('entries', () => {
  it('dials an entry only inside its window and releases it once the window has closed', () => {
    const h = new Harness({ kind: 'progressive' })
    h.login('a1', 'a2')
    const commands = h.entries({ id: 'late', notBefore: 60_000 }, { id: 'gone', notAfter: -1 }, 'now')
    expect(ofType(commands, 'place_call').map((c) => c.entryId)).toEqual(['now'])
    expect(ofType(commands, 'release_entry')).toEqual([{ type: 'release_entry', entryId: 'gone', reason: 'window_closed' }])
    expect(ofType(h.at(59_000), 'place_call')).toEqual([])
    expect(ofType(h.at(60_000), 'place_call').map((c) => c.entryId)).toEqual(['late'])
  })

  it("gives a manager's own customers only to that manager, in every mode", () => {
    const h = new Harness({ kind: 'ratio', ratio: 1 })
    h.login('a1', 'a2')
    const placed = ofType(h.entries({ id: 'vip', agentId: 'a2' }), 'place_call')
    expect(placed).toEqual([{ type: 'place_call', callId: 'c1', entryId: 'vip', agentId: 'a2' }])
  })

  it('asks for more entries no more than every 30 s while none arrive', () => {
    const h = new Harness({ kind: 'progressive' })
    expect(ofType(h.login('a1'), 'request_entries')).toHaveLength(1)
    expect(ofType(h.at(29_000), 'request_entries')).toHaveLength(0)
    expect(ofType(h.at(30_000), 'request_entries')).toHaveLength(1)
  })
})

describe('oracle', () => {
  it('needs the simulator to tell it the future', () => {
    expect(() => new Harness({ kind: 'oracle' }).login('a1')).toThrow(/foresight/)
  })

  it('dials only the customers who will answer, timed to reach a free agent', () => {
    const h = new Harness({ kind: 'oracle' }, {}, (id) => ({ outcome: id === 'e2' ? 'human' : 'none', outcomeAfterMs: 10_000, talkMs: 60_000, wrapMs: 10_000 }))
    h.login('a1')
    const commands = h.entries('e1', 'e2', 'e3')
    expect(ofType(commands, 'place_call').map((c) => c.entryId)).toEqual(['e2'])
    expect(ofType(commands, 'release_entry')).toEqual([{ type: 'release_entry', entryId: 'e1', reason: 'not_answering' }])
  })
})
