// The emulator's control API (contracts.md section 5): tests and the demo drive it.
import { Type, type Static } from 'typebox'
import { E164 } from '../common/schemas.ts'

export const InboundBody = Type.Object({
  from: E164,
  to: E164,
  /** The caller hangs up after this long (default 120 s). */
  talkSeconds: Type.Optional(Type.Number({ minimum: 0 })),
  /** Keys the caller presses at the first <Gather>. */
  digits: Type.Optional(Type.String({ pattern: '^[0-9*#]{1,10}$' })),
})
export type InboundBody = Static<typeof InboundBody>

export const CallSidParams = Type.Object({ sid: Type.String({ pattern: '^CA[0-9a-f]{32}$' }) })
export const IdentityParams = Type.Object({ identity: Type.String({ pattern: '^[A-Za-z0-9_.@-]+$' }) })
export const NumberParams = Type.Object({ number: E164 })

export const BehaviourBody = Type.Object({
  outcome: Type.Enum(['human', 'machine', 'busy', 'no-answer', 'failed']),
  ringMs: Type.Number({ minimum: 0, default: 100 }),
  talkMs: Type.Number({ minimum: 0, default: 1000 }),
  amdMs: Type.Number({ minimum: 0, default: 100 }),
  digits: Type.Optional(Type.String({ pattern: '^[0-9*#]{1,10}$' })),
})
export type BehaviourBody = Static<typeof BehaviourBody>

const Spread = Type.Object({ mean: Type.Number({ minimum: 0 }), sd: Type.Number({ minimum: 0 }) })

export const SettingsBody = Type.Object({
  mediaScale: Type.Optional(Type.Number({ minimum: 0 })),
  timeoutScale: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  clientAnswerMs: Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.Null()])),
  cps: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  model: Type.Optional(Type.Partial(Type.Object({
    seed: Type.Integer(),
    answerRate: Type.Number({ minimum: 0, maximum: 1 }),
    machineRate: Type.Number({ minimum: 0, maximum: 1 }),
    busyRate: Type.Number({ minimum: 0, maximum: 1 }),
    ringMs: Spread,
    talkMs: Spread,
    amdMs: Type.Number({ minimum: 0 }),
  }))),
})
export type SettingsBody = Static<typeof SettingsBody>
