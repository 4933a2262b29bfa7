// Agent presence, preview mode and inbound VIP calls.
import { describe, expect, it } from 'vitest'
import { Harness, entryIds, ofType } from './harness.ts'

function talking(h: Harness, agentId = 'a1') {
  h.login(agentId)
  h.entries(...entryIds(10))
  const call = ofType(h.send({ type: 'tick' }), 'place_call')[0] ?? { callId: 'c1' }
  h.send({ type: 'call_answered_human', callId: call.callId })
  return call.callId
}

describe('agents', () => {
  it('a break asked for during a call starts after wrap-up; back from the break, calls resume', () => {
    const h = new Harness({ kind: 'progressive' })
    const callId = talking(h)
    expect(h.send({ type: 'agent_break', agentId: 'a1' })).toEqual([])
    h.send({ type: 'call_ended', callId })
    expect(ofType(h.send({ type: 'agent_wrap_done', agentId: 'a1' }), 'place_call')).toEqual([])
    expect(ofType(h.send({ type: 'agent_available', agentId: 'a1' }), 'place_call')).toHaveLength(1)
  })

  it('an idle agent goes on break at once and gets nothing', () => {
    const h = new Harness({ kind: 'ratio', ratio: 2 })
    h.login('a1')
    h.send({ type: 'agent_break', agentId: 'a1' })
    expect(ofType(h.entries(...entryIds(10)), 'place_call')).toEqual([])
  })

  it('a log-out during a call keeps the agent to the end of wrap-up, then removes them', () => {
    const h = new Harness({ kind: 'progressive' })
    const callId = talking(h)
    h.send({ type: 'agent_logged_out', agentId: 'a1' })
    h.send({ type: 'call_ended', callId })
    expect(ofType(h.send({ type: 'agent_wrap_done', agentId: 'a1' }), 'place_call')).toEqual([])
    expect(h.dialer.snapshot().agents).toEqual({})
  })

  it('a wrap-up done for an agent who is not wrapping up changes nothing', () => {
    const h = new Harness({ kind: 'progressive' })
    talking(h)
    expect(h.send({ type: 'agent_wrap_done', agentId: 'a1' })).toEqual([])
    expect(h.dialer.snapshot().agents.a1!.status).toBe('talking')
  })
})

describe('preview', () => {
  it('shows the customer first and dials only when the agent accepts', () => {
    const h = new Harness({ kind: 'preview' })
    h.login('a1')
    expect(ofType(h.entries('e1', 'e2'), 'preview')).toEqual([{ type: 'preview', agentId: 'a1', entryId: 'e1' }])
    expect(h.send({ type: 'preview_accepted', agentId: 'a1', entryId: 'e1' })).toEqual([
      { type: 'place_call', callId: 'c1', entryId: 'e1', agentId: 'a1' },
    ])
  })

  it('a skipped customer goes back to the queue and the next one is shown', () => {
    const h = new Harness({ kind: 'preview' })
    h.login('a1')
    h.entries('e1', 'e2')
    expect(h.send({ type: 'preview_skipped', agentId: 'a1', entryId: 'e1' })).toEqual([
      { type: 'release_entry', entryId: 'e1', reason: 'skipped' },
      { type: 'preview', agentId: 'a1', entryId: 'e2' },
    ])
  })

  it('does not dial a preview accepted after its window closed', () => {
    const h = new Harness({ kind: 'preview' })
    h.login('a1')
    h.entries({ id: 'e1', notAfter: 5000 })
    h.now = 6000
    expect(ofType(h.send({ type: 'preview_accepted', agentId: 'a1', entryId: 'e1' }), 'release_entry')).toEqual([
      { type: 'release_entry', entryId: 'e1', reason: 'window_closed' },
    ])
  })

  it('an agent leaving during a preview hands the entry back', () => {
    const h = new Harness({ kind: 'preview' })
    h.login('a1')
    h.entries('e1')
    expect(h.send({ type: 'agent_logged_out', agentId: 'a1' })).toEqual([{ type: 'release_entry', entryId: 'e1', reason: 'agent_away' }])
  })
})

describe('inbound VIP calls', () => {
  it('go to the first free agent the inbound module names, before any outbound call', () => {
    const h = new Harness({ kind: 'ratio', ratio: 1 })
    h.login('a1', 'a2')
    const commands = h.send({ type: 'inbound_waiting', inboundId: 'i1', agentIds: ['a2', 'a1'] })
    expect(commands[0]).toEqual({ type: 'reserve_agent', agentId: 'a2', inboundId: 'i1' })
  })

  it('wait for their manager, who gets them when free; the agent wraps up after the call', () => {
    const h = new Harness({ kind: 'progressive' })
    const callId = talking(h)
    expect(h.send({ type: 'inbound_waiting', inboundId: 'i1', agentIds: ['a1'] })).toEqual([])
    h.send({ type: 'call_ended', callId })
    expect(h.send({ type: 'agent_wrap_done', agentId: 'a1' })).toEqual([{ type: 'reserve_agent', agentId: 'a1', inboundId: 'i1' }])
    expect(h.send({ type: 'inbound_ended', inboundId: 'i1' })).toEqual([])
    expect(ofType(h.send({ type: 'agent_wrap_done', agentId: 'a1' }), 'place_call')).toHaveLength(1)
  })

  it('a waiting inbound call that hangs up is forgotten', () => {
    const h = new Harness({ kind: 'progressive' })
    const callId = talking(h)
    h.send({ type: 'inbound_waiting', inboundId: 'i1', agentIds: ['a1'] })
    h.send({ type: 'inbound_ended', inboundId: 'i1' })
    h.send({ type: 'call_ended', callId })
    expect(ofType(h.send({ type: 'agent_wrap_done', agentId: 'a1' }), 'reserve_agent')).toEqual([])
  })

  it('when they come often, agents are kept free for them', () => {
    const h = new Harness({ kind: 'ratio', ratio: 1 })
    h.login('a1', 'a2', 'a3', 'a4')
    // 40 inbound calls in ten minutes, each handled by a fourth agent who is not on this campaign.
    for (let i = 0; i < 40; i++) {
      h.now = i * 15_000
      h.send({ type: 'inbound_waiting', inboundId: `i${i}`, agentIds: [] })
      h.send({ type: 'inbound_ended', inboundId: `i${i}` })
    }
    expect(ofType(h.entries(...entryIds(10)), 'place_call').length).toBeLessThan(4)
  })
})
