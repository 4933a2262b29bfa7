import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorResponses } from '../common/schemas.ts'
import { enqueueRun, runStatus } from './runs.ts'
import { CodeParams, RuleList, RulePatch, RuleView, RunAccepted, RunParams, RunRequest, RunStatus } from './schemas.ts'
import { listRules, patchRule } from './service.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/rules', {
    config: { roles: ['admin', 'supervisor'] },
    schema: { tags: ['rules'], summary: 'Warning rules with thresholds, weights and campaigns', response: { 200: RuleList, ...errorResponses } },
  }, async () => ({ items: await listRules(app.db) }))

  app.patch('/api/rules/:code', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['rules'], summary: 'Edit a rule (audited; takes effect on the next run)',
      params: CodeParams, body: RulePatch, response: { 200: RuleView, ...errorResponses },
    },
  }, async (request) => patchRule(app.db, request.params.code, request.body, request.user.id, request.ip))

  app.post('/api/rules/run', {
    config: { roles: ['admin', 'supervisor'] },
    schema: {
      tags: ['rules'], summary: 'Evaluate the rules and rebuild the queues as of a date, in the background',
      body: RunRequest, response: { 202: RunAccepted, ...errorResponses },
    },
  }, async (request, reply) => reply.code(202).send(await enqueueRun(app.jobs.rulesRun, request.body.asOf, app.config.TZ)))

  app.get('/api/rules/runs/:id', {
    config: { roles: ['admin', 'supervisor'] },
    schema: { tags: ['rules'], summary: 'State and progress of a run started by POST /api/rules/run', params: RunParams, response: { 200: RunStatus, ...errorResponses } },
  }, async (request) => runStatus(app.jobs.rulesRun, request.params.id))
}

export default routes
