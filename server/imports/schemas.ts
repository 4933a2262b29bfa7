import { Type, type Static } from 'typebox'

export const RejectSchema = Type.Object({
  file: Type.String(),
  line: Type.Integer({ description: 'line in the file; the header is line 1' }),
  field: Type.String(),
  message: Type.String(),
})

export const ImportJobView = Type.Object({
  id: Type.Integer(),
  files: Type.Array(Type.String(), { description: 'kinds of file in this import, in merge order' }),
  status: Type.Enum(['running', 'succeeded', 'failed']),
  processed: Type.Integer({ description: 'data rows read so far' }),
  imported: Type.Integer({ description: 'rows inserted' }),
  updated: Type.Integer({ description: 'rows whose values changed' }),
  rejectedCount: Type.Integer(),
  rejected: Type.Array(RejectSchema),
  error: Type.Union([Type.String(), Type.Null()]),
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type ImportJobView = Static<typeof ImportJobView>

export const ImportJobList = Type.Array(Type.Omit(ImportJobView, ['rejected']))

export const ImportStarted = Type.Object({ id: Type.Integer(), status: Type.Literal('running') })
