// The simulation scenario of contracts.md section 4, validated with a clear error that names
// the offending field.
import { Type, type Static } from 'typebox'
import { Value } from 'typebox/value'

const Rate = Type.Number({ minimum: 0, maximum: 1 })
const Spread = Type.Object(
  { mean: Type.Number({ exclusiveMinimum: 0 }), sd: Type.Number({ minimum: 0 }) },
  { additionalProperties: false },
)

export const ScenarioSchema = Type.Object(
  {
    agents: Type.Integer({ minimum: 1, maximum: 10_000 }),
    hours: Type.Number({ exclusiveMinimum: 0, maximum: 24 * 31 }),
    seed: Type.Integer(),
    answerRate: Rate,
    machineRate: Rate,
    ringSeconds: Spread,
    noAnswerTimeout: Type.Number({ exclusiveMinimum: 0 }),
    talkSeconds: Spread,
    wrapSeconds: Spread,
    abandonTarget: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
    connectSeconds: Type.Number({ minimum: 0 }),
    /** [hour of the shift, answer rate from then on]; the dialer is not told. */
    answerRateSchedule: Type.Optional(Type.Array(Type.Tuple([Type.Number({ minimum: 0 }), Rate]))),
    /** How long answering-machine detection holds an answered line before the outcome is known. */
    amdSeconds: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
)

export type Scenario = Static<typeof ScenarioSchema>

export class ScenarioError extends Error {}

/** Checks a parsed JSON value; throws ScenarioError naming the first bad field. */
export function parseScenario(value: unknown): Scenario {
  // An unknown field also yields a bare "schema is false" error at its path; the
  // additionalProperties error that names it reads better.
  const first = Value.Errors(ScenarioSchema, value).find((e) => e.keyword !== 'boolean')
  if (first) {
    const extra = (first.params as { additionalProperties?: string[] }).additionalProperties
    const field = extra ? extra.join(', ') : first.instancePath.slice(1).replaceAll('/', '.') || '(scenario)'
    throw new ScenarioError(`scenario field ${field}: ${extra ? 'unknown field' : first.message}`)
  }
  const scenario = value as Scenario
  const rates: [string, number][] = [['answerRate', scenario.answerRate]]
  scenario.answerRateSchedule?.forEach(([, rate], i) => rates.push([`answerRateSchedule.${i}.1`, rate]))
  for (const [field, rate] of rates) {
    if (rate + scenario.machineRate > 1) throw new ScenarioError(`scenario field ${field}: answer rate plus machineRate exceeds 1`)
  }
  return scenario
}

/** The answer rate in force at `ms` into the shift. */
export function answerRateAt(scenario: Scenario, ms: number): number {
  let rate = scenario.answerRate
  let since = -1
  for (const [hour, r] of scenario.answerRateSchedule ?? []) {
    if (hour * 3_600_000 <= ms && hour >= since) [rate, since] = [r, hour]
  }
  return rate
}
