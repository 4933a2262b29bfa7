import { Type, type Static } from 'typebox'

export const StatusBody = Type.Object({
  status: Type.Enum(['available', 'break', 'offline']),
})
export type StatusBody = Static<typeof StatusBody>

export const PresenceReply = Type.Object({
  agentId: Type.Integer(),
  status: Type.String(),
  since: Type.String({ format: 'date-time' }),
})
