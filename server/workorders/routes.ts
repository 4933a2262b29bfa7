import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { customerScope } from '../auth/scope.ts'
import { errorResponses, IdParams } from '../common/schemas.ts'
import { WorkOrderCreate, WorkOrderListQuery, WorkOrderReturn, WorkOrderView } from './schemas.ts'
import { createWorkOrder, listWorkOrders, moveWorkOrder } from './service.ts'

const everyone = ['agent', 'supervisor', 'admin', 'account_manager'] as const
const moveResponses = { 200: WorkOrderView, ...errorResponses, 422: errorResponses[400] }

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/workorders', {
    config: { roles: ['agent', 'supervisor', 'admin'] },
    schema: { tags: ['workorders'], summary: "Send a work order to the customer's account manager", body: WorkOrderCreate, response: { 200: WorkOrderView, ...errorResponses } },
  }, async (request) => createWorkOrder(app.db, request.user, await customerScope(request.user, app.db, app.presence), request.body))

  app.get('/api/workorders', {
    config: { roles: everyone },
    schema: { tags: ['workorders'], summary: 'Work orders I sent, was assigned, or (supervisor) of my branch', querystring: WorkOrderListQuery, response: { 200: Type.Array(WorkOrderView), ...errorResponses } },
  }, async (request) => listWorkOrders(app.db, request.user, request.query))

  app.post('/api/workorders/:id/accept', {
    config: { roles: ['account_manager', 'admin'] },
    schema: { tags: ['workorders'], summary: 'Accept an order (assignee)', params: IdParams, response: moveResponses },
  }, async (request) => moveWorkOrder(app.db, request.user, request.params.id, 'accept'))

  app.post('/api/workorders/:id/return', {
    config: { roles: ['account_manager', 'admin'] },
    schema: { tags: ['workorders'], summary: 'Return an order with its result (assignee)', params: IdParams, body: WorkOrderReturn, response: moveResponses },
  }, async (request) => moveWorkOrder(app.db, request.user, request.params.id, 'return', request.body.result))

  app.post('/api/workorders/:id/check', {
    config: { roles: ['agent', 'supervisor', 'admin'] },
    schema: { tags: ['workorders'], summary: 'Check a returned order (the service manager who sent it)', params: IdParams, response: moveResponses },
  }, async (request) => moveWorkOrder(app.db, request.user, request.params.id, 'check'))
}

export default routes
