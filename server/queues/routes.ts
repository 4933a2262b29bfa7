import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorResponses } from '../common/schemas.ts'
import { queueDepth } from './depth.ts'
import { DepthReply, MineQuery, MineReply, NextParams, NextQuery, NextReply } from './schemas.ts'
import { myEntries, nextToDial } from './service.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/queues', {
    config: { roles: ['supervisor', 'admin'] },
    schema: { tags: ['queues'], summary: 'Queue depth by campaign and status, by reason and by agent (a supervisor sees their branch)', response: { 200: DepthReply, ...errorResponses } },
  }, async (request) => queueDepth(app.db, request.user.role === 'admin' ? null : (request.user.branchId ?? -1)))

  app.get('/api/queues/mine', {
    config: { roles: ['agent', 'supervisor'] },
    schema: { tags: ['queues'], summary: 'My portfolio entries for today, with reasons and priority', querystring: MineQuery, response: { 200: MineReply, ...errorResponses } },
  }, async (request) => myEntries(app.db, request.user.id, new Date(), app.config.TZ, request.query))

  app.get('/api/queues/:campaign/next', {
    config: { roles: ['supervisor', 'admin'] },
    schema: {
      tags: ['queues'], summary: 'What the dialer would dial next for a campaign (nothing is claimed)',
      params: NextParams, querystring: NextQuery, response: { 200: NextReply, ...errorResponses },
    },
  }, async (request) => nextToDial(app.db, request.params.campaign, request.query.agent, request.query.limit, request.query.at ? new Date(request.query.at) : new Date(), app.config.TZ))
}

export default routes
