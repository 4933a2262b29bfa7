import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ConflictError } from '../common/errors.ts'
import { errorResponses } from '../common/schemas.ts'
import { PresenceReply, StatusBody } from './schemas.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.put('/api/agents/me/status', {
    config: { roles: ['agent', 'supervisor'] },
    schema: {
      tags: ['agents'],
      summary: 'Set my status: available, break or offline',
      body: StatusBody,
      response: { 200: PresenceReply, ...errorResponses, 422: errorResponses[400] },
    },
  }, async (request) => {
    const current = await app.presence.get(request.user.id)
    // On a call the agent's state is driven by the call; they may ask again in wrap-up.
    if (current.state === 'on_call') throw new ConflictError('cannot change status during a call')
    const next = await app.presence.set(request.user.id, request.body.status)
    app.events.emit('agent:presence', { agentId: request.user.id, branchId: request.user.branchId, ...next })
    return { agentId: request.user.id, status: next.state, since: new Date(next.since).toISOString() }
  })

  app.get('/api/agents/me/status', {
    config: { roles: ['agent', 'supervisor'] },
    schema: { tags: ['agents'], summary: 'My current status', response: { 200: PresenceReply, ...errorResponses } },
  }, async (request) => {
    const p = await app.presence.get(request.user.id)
    return { agentId: request.user.id, status: p.state, since: new Date(p.since).toISOString() }
  })
}

export default routes
