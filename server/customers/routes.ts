import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { customerScope } from '../auth/scope.ts'
import { errorResponses, IdParams } from '../common/schemas.ts'
import { CustomerList, CustomerPatch, CustomerView, ListQuery } from './schemas.ts'
import { getCustomer, listCustomers, updateCustomer } from './service.ts'

const readers = ['agent', 'supervisor', 'admin', 'account_manager'] as const

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const scopeOf = (user: Parameters<typeof customerScope>[0]) => customerScope(user, app.db, app.presence)

  app.get('/api/customers', {
    config: { roles: readers },
    schema: { tags: ['customers'], summary: 'Customers I may see (ID numbers and addresses masked)', querystring: ListQuery, response: { 200: CustomerList, ...errorResponses } },
  }, async (request) => listCustomers(app.db, await scopeOf(request.user), request.query))

  app.get('/api/customers/:id', {
    config: { roles: readers },
    schema: { tags: ['customers'], summary: 'One customer', params: IdParams, response: { 200: CustomerView, ...errorResponses } },
  }, async (request) => getCustomer(app.db, await scopeOf(request.user), request.params.id))

  app.patch('/api/customers/:id', {
    config: { roles: ['agent', 'supervisor', 'admin'] },
    schema: { tags: ['customers'], summary: 'Correct profile fields (audited)', params: IdParams, body: CustomerPatch, response: { 200: CustomerView, ...errorResponses } },
  }, async (request) => {
    const view = await updateCustomer(app.db, await scopeOf(request.user), request.params.id, request.body, request.user.id, request.ip)
    app.events.emit('customer:changed', { customerId: request.params.id })
    return view
  })
}

export default routes
