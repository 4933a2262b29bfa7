import { Type, type Static } from 'typebox'

export const WorkOrderStatus = Type.Enum(['sent', 'accepted', 'returned', 'checked'])

export const WorkOrderView = Type.Object({
  id: Type.Integer(),
  customerId: Type.Integer(),
  customerName: Type.String(),
  createdBy: Type.String(),
  assignee: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  description: Type.String(),
  status: WorkOrderStatus,
  result: Type.Union([Type.String(), Type.Null()]),
  dueAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})
export type WorkOrderView = Static<typeof WorkOrderView>

export const WorkOrderCreate = Type.Object({
  customerId: Type.Integer({ minimum: 1 }),
  kind: Type.String({ minLength: 1, maxLength: 40, default: 'general' }),
  description: Type.String({ minLength: 1, maxLength: 2000 }),
  dueAt: Type.Optional(Type.String({ format: 'date-time' })),
}, { additionalProperties: false })
export type WorkOrderCreate = Static<typeof WorkOrderCreate>

export const WorkOrderListQuery = Type.Object({
  status: Type.Optional(WorkOrderStatus),
  customerId: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
})
export type WorkOrderListQuery = Static<typeof WorkOrderListQuery>

/** The account manager's answer when returning an order (visit done, what came of it). */
export const WorkOrderReturn = Type.Object({ result: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false })
