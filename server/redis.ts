import fp from 'fastify-plugin'
import { Redis } from 'ioredis'

declare module 'fastify' {
  interface FastifyInstance {
    /** Commands connection; keys are namespaced with config.REDIS_PREFIX by the caller's key helper. */
    redis: Redis
    /** Builds a key under this deployment's prefix: key('presence', 'agent7') -> 'dialer:presence:agent7'. */
    redisKey: (...parts: (string | number)[]) => string
  }
}

/**
 * A connection for commands that should fail fast when Redis is down (producers, health):
 * no offline queue. BullMQ makes its own: workers with maxRetriesPerRequest: null, and
 * none of its connections auto-pipelined (BullMQ is not tested with it).
 * `pipelined`: commands issued in the same tick leave in one write (app.redis: presence,
 * screen pops and claims of many calls at once; a write is a system call, and those were a
 * third of the server's CPU under inbound load).
 */
export function createRedis(url: string, options: { worker?: boolean; pipelined?: boolean } = {}): Redis {
  return options.worker
    ? new Redis(url, { maxRetriesPerRequest: null })
    : new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false, enableAutoPipelining: options.pipelined ?? false })
}

export default fp(
  async (app) => {
    const redis = createRedis(app.config.REDIS_URL, { pipelined: true })
    redis.on('error', (err) => app.log.warn({ err: err.message }, 'redis connection error'))
    await new Promise<void>((resolve) => {
      if (redis.status === 'ready') resolve()
      else {
        redis.once('ready', () => resolve())
        // Do not block start-up forever: /health reports Redis as down instead.
        setTimeout(resolve, 2000).unref()
      }
    })
    const prefix = app.config.REDIS_PREFIX
    app.decorate('redis', redis)
    app.decorate('redisKey', (...parts: (string | number)[]) => [prefix, ...parts].join(':'))
    app.addHook('onClose', async () => {
      redis.disconnect()
    })
  },
  { name: 'redis', dependencies: ['config'] },
)
