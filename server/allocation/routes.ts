import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errorResponses, IsoDate } from '../common/schemas.ts'
import { localDate } from '../queues/compliance.ts'
import { allocate, ARPU_BANDS } from './allocate.ts'

const AllocationRun = Type.Object({ asOf: Type.Optional(IsoDate) })
const AllocationReply = Type.Object({
  assigned: Type.Integer(),
  managers: Type.Record(Type.String(), Type.Object(Object.fromEntries(ARPU_BANDS.map((b) => [b, Type.Integer()])))),
  unassigned: Type.Integer({ description: 'target customers in cities without an active service manager' }),
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/allocation/run', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['allocation'],
      summary: 'Second allocation: spread unassigned target customers over their city\'s service managers, every ARPU band balanced to within one',
      body: AllocationRun,
      response: { 200: AllocationReply, ...errorResponses },
    },
    // The body is optional: no body means "as of today".
    preValidation: async (request) => {
      request.body ??= {}
    },
  }, async (request) => allocate(app.db, request.body.asOf ?? localDate(new Date(), app.config.TZ), request.user.id))
}

export default routes
