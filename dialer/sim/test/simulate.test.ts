import { describe, expect, it } from 'vitest'
import { simulate } from '../simulate.ts'
import { parseScenario } from '../scenario.ts'
import { Random } from '../random.ts'
import { EventQueue } from '../event-queue.ts'
import reference from '../scenarios/agents50-answer25.json' with { type: 'json' }

const hour = parseScenario({ ...reference, agents: 20, hours: 1 })

describe('simulate', () => {
  it('reports the keys of contracts.md section 4', () => {
    expect(Object.keys(simulate(hour, { kind: 'progressive' }))).toEqual([
      'strategy', 'agents', 'hours', 'placed', 'humanAnswers', 'machineAnswers', 'abandoned',
      'abandonRate', 'occupancy', 'talkMinutesPerAgentHour', 'meanWaitSeconds',
    ])
  })

  it('gives the same result for the same seed, and another for another seed', () => {
    const a = simulate(hour, { kind: 'predictive' }, 7)
    expect(simulate(hour, { kind: 'predictive' }, 7)).toEqual(a)
    expect(simulate(hour, { kind: 'predictive' }, 8)).not.toEqual(a)
  })

  it('orders the strategies as expected: progressive never abandons, the oracle bounds the rest', () => {
    const progressive = simulate(hour, { kind: 'progressive' })
    const predictive = simulate(hour, { kind: 'predictive' })
    const oracle = simulate(hour, { kind: 'oracle' })
    expect(progressive.abandoned).toBe(0)
    expect(oracle.abandoned).toBe(0)
    expect(progressive.occupancy).toBeLessThan(predictive.occupancy)
    expect(predictive.occupancy).toBeLessThan(oracle.occupancy)
    expect(oracle.occupancy).toBeGreaterThan(0.95)
  })

  it('counts what it reports consistently', () => {
    const r = simulate(hour, { kind: 'ratio', ratio: 3 })
    expect(r.abandonRate).toBeCloseTo(r.abandoned / r.humanAnswers)
    expect(r.humanAnswers + r.machineAnswers).toBeLessThan(r.placed)
    expect(r.talkMinutesPerAgentHour).toBeLessThan(60 * r.occupancy)
  })
})

describe('random', () => {
  it('repeats for a seed and draws the moments it is asked for', () => {
    expect(new Random(1).next()).toBe(new Random(1).next())
    const random = new Random(42)
    const draws = Array.from({ length: 20_000 }, () => random.lognormal(180, 120))
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length
    const sd = Math.sqrt(draws.reduce((s, x) => s + (x - mean) ** 2, 0) / draws.length)
    expect(mean).toBeGreaterThan(175)
    expect(mean).toBeLessThan(185)
    expect(sd).toBeGreaterThan(110)
    expect(sd).toBeLessThan(130)
  })
})

describe('event queue', () => {
  it('pops by time, and in insertion order at equal times', () => {
    const queue = new EventQueue<string>()
    for (const [at, v] of [[5, 'c'], [1, 'a'], [5, 'd'], [3, 'b'], [9, 'e']] as const) queue.push(at, v)
    const out: string[] = []
    for (let item = queue.pop(); item; item = queue.pop()) out.push(item.value)
    expect(out).toEqual(['a', 'b', 'c', 'd', 'e'])
  })
})
