import rateLimit from '@fastify/rate-limit'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AppError } from '../common/errors.ts'
import { ErrorBody } from '../common/schemas.ts'
import { ALL_ROLES } from './plugin.ts'
import { LoginBody, LoginReply } from './schemas.ts'
import { login } from './service.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  // Brute force protection on the login route, per address *and* username: a whole centre
  // logs in from one NAT address at 08:30, so an address-only limit would lock it out.
  // Counters live in Redis so that every node enforces the same limit.
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler', // after body parsing: the key needs the username
    redis: app.redis,
    nameSpace: app.redisKey('login-limit', ''),
    keyGenerator: (request) => `${request.ip}|${(request.body as { username?: string } | undefined)?.username ?? ''}`,
    errorResponseBuilder: (_request, context) =>
      new AppError(429, 'RATE_LIMITED', `too many login attempts, retry in ${Math.ceil(context.ttl / 1000)} s`),
  })

  app.post('/api/auth/login', {
    config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Exchange username and password for a bearer token',
      body: LoginBody,
      response: { 200: LoginReply, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
    },
  }, async (request) => {
    const user = await login(app.db, request.body.username, request.body.password, request.ip)
    if (!user) throw new AppError(401, 'INVALID_CREDENTIALS', 'wrong username or password')
    return { token: app.jwt.sign(user), user }
  })

  app.get('/api/auth/me', {
    config: { roles: ALL_ROLES },
    schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: LoginReply.properties.user, 401: ErrorBody } },
  }, async (request) => request.user)
}

export default routes
