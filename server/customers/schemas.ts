import { Type, type Static } from 'typebox'
import { E164, IsoDate } from '../common/schemas.ts'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])

/** A customer as every API shows it: ID number and address masked. */
export const CustomerView = Type.Object({
  id: Type.Integer(),
  msisdn: Type.String(),
  name: Type.String(),
  gender: Nullable(Type.String()),
  birthday: Nullable(Type.String()),
  idType: Nullable(Type.String()),
  idNumberMasked: Nullable(Type.String()),
  addressMasked: Nullable(Type.String()),
  altPhone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  branch: Type.String(),
  owningUnit: Nullable(Type.String()),
  network: Type.String(),
  tier: Type.String(),
  cardType: Type.String(),
  payment: Type.String(),
  balance: Type.Number(),
  unpaidMonths: Type.Integer(),
  planCode: Nullable(Type.String()),
  planMinimum: Type.Number(),
  contractEnd: Nullable(Type.String()),
  status: Type.String(),
  joinedOn: Type.String(),
  callForwarding: Type.Boolean(),
  marketingOptOut: Type.Boolean(),
  directRoutingOptOut: Type.Boolean(),
  serviceManager: Nullable(Type.String()),
  accountManager: Nullable(Type.String()),
})
export type CustomerView = Static<typeof CustomerView>

export const CustomerList = Type.Object({
  total: Type.Integer(),
  items: Type.Array(CustomerView),
})

export const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 64, description: 'name or phone fragment' })),
  tier: Type.Optional(Type.String()),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
})
export type ListQuery = Static<typeof ListQuery>

/** Fields an agent may correct on a call (the five basics and contacts) or an admin may set. */
export const CustomerPatch = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  idType: Type.Optional(Type.String({ maxLength: 20 })),
  idNumber: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z]{6,32}$' })),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  altPhone: Type.Optional(E164),
  email: Type.Optional(Type.String({ format: 'email' })),
  birthday: Type.Optional(IsoDate),
  marketingOptOut: Type.Optional(Type.Boolean()),
  directRoutingOptOut: Type.Optional(Type.Boolean()),
}, { additionalProperties: false, minProperties: 1 })
export type CustomerPatch = Static<typeof CustomerPatch>
