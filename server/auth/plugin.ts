// Authentication and role checks are one hook, not per-route code: every /api route
// declares `config: { roles: [...] }` (or `public: true`), and a route that declares
// neither refuses to start (see onRoute below).
import fastifyJwt from '@fastify/jwt'
import fp from 'fastify-plugin'
import { ForbiddenError, AppError } from '../common/errors.ts'
import type { RoleName, SessionUser } from './schemas.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles allowed on this route. */
    roles?: readonly RoleName[]
    /** No token needed (login, health). */
    public?: boolean
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: SessionUser
    user: SessionUser
  }
}

export const ALL_ROLES: readonly RoleName[] = ['agent', 'supervisor', 'admin', 'account_manager']

export default fp(
  async (app) => {
    await app.register(fastifyJwt, { secret: app.config.JWT_SECRET, sign: { expiresIn: '12h' } })

    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/')) return
      const config = route.config as { roles?: unknown; public?: boolean } | undefined
      if (!config?.public && !config?.roles) {
        throw new Error(`route ${route.method} ${route.url} declares neither config.roles nor config.public`)
      }
    })

    app.addHook('onRequest', async (request) => {
      const config = request.routeOptions.config
      if (!request.url.startsWith('/api/') || config.public || !config.roles) return
      try {
        await request.jwtVerify()
      } catch {
        throw new AppError(401, 'UNAUTHORIZED', 'missing or invalid bearer token')
      }
      if (!config.roles.includes(request.user.role)) throw new ForbiddenError()
    })
  },
  { name: 'auth', dependencies: ['config'] },
)
