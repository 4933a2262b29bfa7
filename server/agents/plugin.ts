// app.agents: who the agents are (usernames, branches, A/B partners), held in memory on every
// node; app.presence: what each is doing now, in Redis.
import fp from 'fastify-plugin'
import { AgentDirectory } from './directory.ts'
import { PresenceStore } from './presence.ts'

declare module 'fastify' {
  interface FastifyInstance {
    agents: AgentDirectory
    presence: PresenceStore
  }
}

export default fp(
  async (app) => {
    const agents = new AgentDirectory(app.db, undefined, (err) => app.log.error({ err }, 'refreshing the agent directory'))
    const presence = new PresenceStore(app.redis, app.redisKey, app.db, agents)
    app.decorate('agents', agents)
    app.decorate('presence', presence)
    app.addHook('onReady', async () => {
      presence.reindex().catch((err) => app.log.error({ err }, 'filing agents in the free sets'))
    })
  },
  { name: 'presence', dependencies: ['db', 'redis'] },
)
