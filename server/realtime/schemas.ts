// Client → server socket messages. Every message is checked against one of these before a
// handler sees it; a bad one is refused with an error naming the field (./validate.ts).
import { Type } from 'typebox'
import { DispositionSubmit } from '../agents/dispositions-schemas.ts'

export { DispositionSubmit }

const CallSid = Type.String({ minLength: 1, maxLength: 64 })

export const Empty = Type.Object({}, { additionalProperties: false })
export const RoomJoin = Type.Object({ room: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false })
export const StatusSet = Type.Object({ status: Type.Enum(['available', 'break', 'offline']) }, { additionalProperties: false })
export const CallRef = Type.Object({ callSid: CallSid }, { additionalProperties: false })
export const CallToggle = Type.Object({ callSid: CallSid, on: Type.Boolean() }, { additionalProperties: false })
export const EntryRef = Type.Object({ queueEntryId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export const CallbackSchedule = Type.Object({
  queueEntryId: Type.Integer({ minimum: 1 }),
  at: Type.String({ format: 'date-time' }),
}, { additionalProperties: false })

const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' })
/** Supervisor controls on a campaign (audited): pause/resume, dial mode, abandon target, calling windows. */
export const CampaignControl = Type.Object({
  campaignId: Type.Integer({ minimum: 1 }),
  status: Type.Optional(Type.Enum(['running', 'paused'])),
  dialMode: Type.Optional(Type.Enum(['preview', 'progressive', 'ratio', 'predictive'])),
  dialRatio: Type.Optional(Type.Number({ minimum: 1, maximum: 10 })),
  abandonTarget: Type.Optional(Type.Number({ minimum: 0, maximum: 0.1 })),
  schedule: Type.Optional(Type.Array(Type.Object({ from: Clock, to: Clock }, { additionalProperties: false }), { minItems: 1, maxItems: 12 })),
}, { additionalProperties: false, minProperties: 2 })

export const MonitorStart = Type.Object({
  agentId: Type.Integer({ minimum: 1 }),
  mode: Type.Enum(['listen', 'whisper', 'barge']),
}, { additionalProperties: false })
