import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorResponses } from '../common/schemas.ts'
import { endWrapUp } from '../realtime/presence-actions.ts'
import { DispositionReply, DispositionSubmit } from './dispositions-schemas.ts'
import { submitDisposition } from './dispositions.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  // The softphone submits over its socket (disposition:submit); this route is the same
  // operation for scripts and integrations.
  app.post('/api/dispositions', {
    config: { roles: ['agent', 'supervisor'] },
    schema: {
      tags: ['agents'],
      summary: 'Record the outcome of a call; ends wrap-up',
      body: DispositionSubmit,
      response: { 200: DispositionReply, ...errorResponses },
    },
  }, async (request) => {
    const result = await submitDisposition(app, request.user, request.body, request.ip)
    const presence = await endWrapUp(app, request.user.id, request.user.branchId)
    return { ...result, state: presence.state }
  })
}

export default routes
