import { describe, expect, it } from 'vitest'
import { answerRateAt, parseScenario, ScenarioError } from '../scenario.ts'
import reference from '../scenarios/agents50-answer25.json' with { type: 'json' }

describe('scenario', () => {
  it('accepts the example of contracts.md section 4, with and without the optional fields', () => {
    expect(parseScenario(reference)).toEqual(reference)
    expect(parseScenario({ ...reference, amdSeconds: 4, answerRateSchedule: [[0, 0.35], [3, 0.15]] }).amdSeconds).toBe(4)
  })

  it.each([
    [{ ...reference, agents: 0 }, 'scenario field agents: must be >= 1'],
    [{ ...reference, ringSeconds: { mean: 12 } }, 'scenario field ringSeconds: must have required properties sd'],
    [{ ...reference, talkSeconds: { mean: -1, sd: 1 } }, 'scenario field talkSeconds.mean: must be > 0'],
    [{ ...reference, answerRateSchedule: [[0, 'x']] }, 'scenario field answerRateSchedule.0.1: must be number'],
    [{ ...reference, answerRate: 0.95 }, 'scenario field answerRate: answer rate plus machineRate exceeds 1'],
    [{ ...reference, abandonTaget: 0.03 }, 'scenario field abandonTaget: unknown field'],
    ['nope', 'scenario field (scenario): must be object'],
  ])('names the bad field: %#', (input, message) => {
    expect(() => parseScenario(input)).toThrow(new ScenarioError(message))
  })

  it('changes the answer rate at the hours of the schedule', () => {
    const scenario = parseScenario({ ...reference, answerRateSchedule: [[3, 0.15], [0, 0.35], [6, 0.25]] })
    expect([0, 2.9, 3, 5.9, 6, 8].map((h) => answerRateAt(scenario, h * 3_600_000))).toEqual([0.35, 0.35, 0.15, 0.15, 0.25, 0.25])
  })
})
