import fp from 'fastify-plugin'
import { PresenceStore } from './presence.ts'

declare module 'fastify' {
  interface FastifyInstance {
    presence: PresenceStore
  }
}

export default fp(
  async (app) => {
    app.decorate('presence', new PresenceStore(app.redis, app.redisKey, app.db))
  },
  { name: 'presence', dependencies: ['db', 'redis'] },
)
