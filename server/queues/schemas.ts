// The queue API's shapes (GET /api/queues, /api/queues/mine, /api/queues/:campaign/next).
import { Type, type Static } from 'typebox'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])

export const DepthReply = Type.Object({
  byCampaign: Type.Array(Type.Object({ campaign: Type.String(), status: Type.String(), count: Type.Integer() })),
  byReason: Type.Array(Type.Object({ campaign: Type.String(), reason: Type.String(), count: Type.Integer() })),
  byAgent: Type.Array(Type.Object({ agent: Type.String(), count: Type.Integer() })),
})

export const NextParams = Type.Object({ campaign: Type.String({ minLength: 1, maxLength: 40, description: 'campaign code' }) })
export const NextQuery = Type.Object({
  /** Personal portfolios: the owning agent (username or id). */
  agent: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  /** Ask about another moment than now (e.g. the start of the next calling window). */
  at: Type.Optional(Type.String({ format: 'date-time' })),
})

export const NextReply = Type.Object({
  items: Type.Array(Type.Object({
    entryId: Type.Integer(), customerId: Type.Integer(), campaignId: Type.Integer(),
    dialNumber: Type.String(), agentId: Nullable(Type.Integer()), reasons: Type.Array(Type.String()), priority: Type.Number(),
  })),
})

export const MyEntry = Type.Object({
  entryId: Type.Integer(),
  customerId: Type.Integer(),
  customerName: Type.String(),
  msisdn: Type.String(),
  tier: Type.String(),
  campaign: Type.String(),
  campaignName: Type.String(),
  reasons: Type.Array(Type.String()),
  priority: Type.Number(),
  status: Type.String(),
  blockedBy: Nullable(Type.String()),
  attemptsToday: Type.Integer(),
  nextAttemptAt: Nullable(Type.String({ format: 'date-time' })),
})
export type MyEntry = Static<typeof MyEntry>

export const MineQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
})
export const MineReply = Type.Object({ total: Type.Integer(), items: Type.Array(MyEntry) })
