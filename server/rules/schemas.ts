// The warning-rule API's shapes (GET/PATCH /api/rules, POST /api/rules/run, runs).
import { Type, type Static } from 'typebox'
import { IsoDate } from '../common/schemas.ts'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])

export const RuleView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  enabled: Type.Boolean(),
  thresholds: Type.Record(Type.String(), Type.Unknown()),
  /** JSON Schema of `thresholds` for this code, so the admin page can build its form. */
  thresholdsSchema: Type.Unknown(),
  weight: Type.Number(),
  campaign: Type.String(),
  validFrom: Nullable(IsoDate),
  validTo: Nullable(IsoDate),
  updatedAt: Type.String({ format: 'date-time' }),
})
export type RuleView = Static<typeof RuleView>

export const RuleList = Type.Object({ items: Type.Array(RuleView) })

/** Checked against the code's own thresholds schema (catalog.ts) by the service. */
export const RulePatch = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  enabled: Type.Optional(Type.Boolean()),
  thresholds: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  weight: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })),
  /** code of the campaign the rule feeds */
  campaign: Type.Optional(Type.String({ minLength: 1 })),
  validFrom: Type.Optional(Nullable(IsoDate)),
  validTo: Type.Optional(Nullable(IsoDate)),
}, { additionalProperties: false, minProperties: 1 })
export type RulePatch = Static<typeof RulePatch>

export const CodeParams = Type.Object({ code: Type.String({ pattern: '^[A-Z0-9_]{1,40}$' }) })

export const RunRequest = Type.Object({
  /** D; today in the centre's zone when left out. */
  asOf: Type.Optional(IsoDate),
}, { additionalProperties: false })

export const RunAccepted = Type.Object({ jobId: Type.String(), asOf: IsoDate })

export const RunParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) })

export const RunStatus = Type.Object({
  jobId: Type.String(),
  asOf: Nullable(IsoDate),
  state: Type.String({ description: 'waiting, active, completed, failed, delayed, ...' }),
  progress: Type.Unknown({ description: '{ stage, done, total } while running' }),
  result: Type.Unknown({ description: 'what `rules run --json` prints, once completed' }),
  failedReason: Nullable(Type.String()),
})
