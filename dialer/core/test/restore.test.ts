// A dialer rebuilt from its JSON snapshot carries on exactly as the original would have.
import { describe, expect, it } from 'vitest'
import { Dialer } from '../dialer.ts'
import { Harness, entryIds } from './harness.ts'
import type { DialerEvent } from '../types.ts'

describe('snapshot and restore', () => {
  it('survives JSON and gives the same commands as the dialer it was taken from', () => {
    const h = new Harness({ kind: 'predictive' })
    h.login('a1', 'a2', 'a3')
    h.entries(...entryIds(40))
    h.send({ type: 'call_answered_human', callId: 'c1' })
    h.now = 3000
    h.send({ type: 'call_answered_machine', callId: 'c2' })
    const restored = Dialer.restore(JSON.parse(JSON.stringify(h.dialer.snapshot())))
    expect(restored.snapshot()).toEqual(h.dialer.snapshot())
    const later: [number, DialerEvent][] = [
      [5000, { type: 'call_no_answer', callId: 'c3' }],
      [6000, { type: 'tick' }],
      [9000, { type: 'call_answered_human', callId: 'c4' }],
      [12_000, { type: 'call_ended', callId: 'c1' }],
      [15_000, { type: 'tick' }],
    ]
    for (const [now, event] of later) {
      expect(restored.handle(event, { now })).toEqual(h.dialer.handle(event, { now }))
    }
  })

  it('rejects a snapshot of an unknown version', () => {
    const snapshot = { ...new Harness({ kind: 'progressive' }).dialer.snapshot(), version: 2 as unknown as 1 }
    expect(() => Dialer.restore(snapshot)).toThrow(/version 2/)
  })
})
