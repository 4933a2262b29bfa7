import { Type, type Static } from 'typebox'
import { CustomerPatch } from '../customers/schemas.ts'

/** The five basics an agent collects on a call (domain.md, "first contact"). */
export const ProfileUpdate = Type.Object({
  name: CustomerPatch.properties.name,
  idType: CustomerPatch.properties.idType,
  idNumber: CustomerPatch.properties.idNumber,
  address: CustomerPatch.properties.address,
  altPhone: CustomerPatch.properties.altPhone,
}, { additionalProperties: false })

export const FieldValue = Type.Union([Type.String({ maxLength: 2000 }), Type.Boolean(), Type.Number()])

/** What the agent submits at the end of a call (socket `disposition:submit` and POST /api/dispositions). */
export const DispositionSubmit = Type.Object({
  callSid: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  customerId: Type.Integer({ minimum: 1 }),
  campaignId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  queueEntryId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  outcome: Type.String({ minLength: 1, maxLength: 40 }),
  notes: Type.Optional(Type.String({ maxLength: 2000 })),
  /** The form's other fields by name (competitor, offer, ...); checked against the campaign's form. */
  fields: Type.Record(Type.String({ pattern: '^[A-Za-z0-9_]{1,40}$' }), FieldValue, { default: {} }),
  callbackAt: Type.Optional(Type.String({ format: 'date-time' })),
  profile: Type.Optional(ProfileUpdate),
  workOrder: Type.Optional(Type.Object({ description: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false })),
}, { additionalProperties: false })
export type DispositionSubmit = Static<typeof DispositionSubmit>

export const DispositionReply = Type.Object({
  dispositionId: Type.Integer(),
  workOrderId: Type.Union([Type.Integer(), Type.Null()]),
  state: Type.String(),
})
