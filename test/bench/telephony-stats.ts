// What each load job of `npm run bench telephony` reports, and the table rows made from it.
import type { Emulator } from '../../server/emulator/engine.ts'

export interface LoadResult {
  seconds: number
  latencies: number[]
  codes: Record<string, number>
  /** Where the callers went (inbound jobs). */
  outcomes?: Record<string, number>
  /** Paced jobs: how late the load process itself sent each request (its own event loop). */
  sendLate?: number[]
}

export const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN)
const ms = (v: number) => Number(v.toFixed(2))

export function summary(name: string, r: LoadResult, goal?: (rate: number, p99: number) => { text: string; met: boolean }) {
  const sorted = [...r.latencies].sort((a, b) => a - b)
  const rate = r.latencies.length / r.seconds
  const g = goal?.(rate, pct(sorted, 99))
  return {
    webhooks: name, requests: r.latencies.length, seconds: ms(r.seconds), 'per second': Math.round(rate),
    'p50 ms': ms(pct(sorted, 50)), 'p95 ms': ms(pct(sorted, 95)), 'p99 ms': ms(pct(sorted, 99)), 'max ms': ms(sorted.at(-1) ?? NaN),
    'HTTP codes': Object.entries(r.codes).map(([c, n]) => `${c}: ${n}`).join(', '), goal: g ? `${g.text}: ${g.met ? 'met' : 'MISSED'}` : '',
  }
}

/** Where the emulator's inbound calls went, from the TwiML each was given. */
export function whereCallersWent(emulator: Emulator, sids: string[]): Record<string, number> {
  const outcomes: Record<string, number> = {}
  for (const sid of sids) {
    const xml = emulator.calls.get(sid)!.documents.map((d) => d.xml).join('')
    const where = /<Enqueue/.test(xml) ? (/agent-/.test(xml) ? 'pool, then an agent' : 'pool') : /<Conference[^>]*>agent-/.test(xml) ? 'agent room' : /<Client>/.test(xml) ? 'ring agent' : 'hung up before a decision'
    outcomes[where] = (outcomes[where] ?? 0) + 1
  }
  return outcomes
}
