// A Lua script run by its SHA1 (EVALSHA): the text crosses the wire once per Redis server,
// not with every call (the presence and claim scripts run several times per inbound call and
// are a kilobyte each). A server that does not know it yet (started, or flushed its script
// cache) answers NOSCRIPT, and the script is sent in full that once.
import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'

export class RedisScript {
  private readonly sha: string

  constructor(private readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex')
  }

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args)
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err
      return redis.eval(this.lua, keys.length, ...keys, ...args)
    }
  }
}
