// RedisScript against real Redis: run by SHA, and sent in full when the server does not know
// it (a restarted Redis, or SCRIPT FLUSH), without the caller noticing.
import { Redis } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { RedisScript } from '../../../server/common/redis-script.ts'
import { testConfig } from '../../helper.ts'

const config = testConfig()
const redis = new Redis(config.REDIS_URL)
const key = `${config.REDIS_PREFIX}:script-test`

afterAll(async () => {
  await redis.del(key)
  redis.disconnect()
})

describe('RedisScript', () => {
  it('runs by SHA, and loads itself again after the script cache is flushed', async () => {
    const incrBy = new RedisScript(`return redis.call('INCRBY', KEYS[1], ARGV[1])`)
    expect(await incrBy.run(redis, [key], [2])).toBe(2)
    await redis.script('FLUSH')
    expect(await incrBy.run(redis, [key], [3])).toBe(5)
    expect(await incrBy.run(redis, [key], [1])).toBe(6)
  })

  it('passes a script error through', async () => {
    const bad = new RedisScript(`return redis.call('NOSUCHCOMMAND')`)
    await expect(bad.run(redis, [], [])).rejects.toThrow(/Unknown Redis command|unknown command/i)
  })
})
