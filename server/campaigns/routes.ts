import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errorResponses } from '../common/schemas.ts'
import { CampaignParams, CampaignPatch, CampaignView } from './schemas.ts'
import { getCampaign, listCampaigns, patchCampaign } from './service.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/campaigns', {
    config: { roles: ['agent', 'supervisor', 'admin'] },
    schema: { tags: ['campaigns'], summary: 'Campaigns with schedule, dial mode, script and disposition form', response: { 200: Type.Object({ items: Type.Array(CampaignView) }), ...errorResponses } },
  }, async () => ({ items: await listCampaigns(app.db) }))

  app.get('/api/campaigns/:campaign', {
    config: { roles: ['agent', 'supervisor', 'admin'] },
    schema: { tags: ['campaigns'], summary: 'One campaign, by code or id', params: CampaignParams, response: { 200: CampaignView, ...errorResponses } },
  }, async (request) => getCampaign(app.db, request.params.campaign))

  app.patch('/api/campaigns/:campaign', {
    config: { roles: ['supervisor', 'admin'] },
    schema: {
      tags: ['campaigns'], summary: 'Edit a campaign (audited); supervisors: status, dial mode, ratio, abandon target, schedule',
      params: CampaignParams, body: CampaignPatch, response: { 200: CampaignView, ...errorResponses },
    },
  }, async (request) => patchCampaign(app.db, request.params.campaign, request.body, request.user, request.ip))
}

export default routes
