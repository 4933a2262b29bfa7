// The last screen pop of each agent, kept in Redis until the call is disposed, so that a
// page reloaded mid-call (or reconnected to another node) gets the customer back.
import type { Redis } from 'ioredis'
import type { ScreenPop } from './events.ts'

const TTL_SECONDS = 4 * 60 * 60

export class PopCache {
  constructor(private readonly redis: Redis, private readonly key: (...parts: (string | number)[]) => string) {}

  async put(agentId: number, pop: ScreenPop) {
    await this.redis.set(this.key('pop', agentId), JSON.stringify(pop), 'EX', TTL_SECONDS)
  }

  async get(agentId: number): Promise<ScreenPop | null> {
    const raw = await this.redis.get(this.key('pop', agentId))
    return raw ? (JSON.parse(raw) as ScreenPop) : null
  }

  async clear(agentId: number) {
    await this.redis.del(this.key('pop', agentId))
  }
}
