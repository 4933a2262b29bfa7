// Shared primitives for route, CSV and socket schemas. Module-specific schemas live in the
// module's own schemas.ts.
import { Type, type Static } from 'typebox'

export const E164 = Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', description: 'E.164 phone number' })
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' })
export const Money = Type.Number({ description: 'yuan' })
export const Id = Type.Integer({ minimum: 1 })

export const ErrorBody = Type.Object({
  error: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String()),
})
export type ErrorBody = Static<typeof ErrorBody>

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) })

/** Standard error responses every route declares next to its success schema. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
} as const
