// One node at a time paces a campaign: it holds a Redis lease (SET NX PX) and renews it every
// second. When that node dies the lease lapses after TTL_MS and the next node to try takes
// it, so pacing resumes within TTL_MS + one try interval (6 s + 1 s < 10 s).
// Writes of the pacer's state are fenced: they succeed only while the lease is still ours.
import type { Redis } from 'ioredis'
import { RedisScript } from '../../common/redis-script.ts'

export const TTL_MS = 6000

const RENEW = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`)

const RELEASE = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`)

// KEYS[1] lease, KEYS[2] state hash; ARGV[1] holder, then field/value pairs.
const FENCED_HSET = new RedisScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
return 1`)

export class Lease {
  constructor(
    private readonly redis: Redis,
    readonly key: string,
    readonly holder: string,
  ) {}

  /** Takes the lease if free, or renews it if already ours. True when we hold it now. */
  async hold(): Promise<boolean> {
    const renewed = (await RENEW.run(this.redis, [this.key], [this.holder, String(TTL_MS)])) as number
    if (renewed === 1) return true
    return (await this.redis.set(this.key, this.holder, 'PX', TTL_MS, 'NX')) === 'OK'
  }

  async release(): Promise<void> {
    await RELEASE.run(this.redis, [this.key], [this.holder])
  }

  /** Writes fields of `hash` only while we hold the lease; false when we no longer do. */
  async write(hash: string, fields: Record<string, string>): Promise<boolean> {
    const args = Object.entries(fields).flat()
    return (await FENCED_HSET.run(this.redis, [this.key, hash], [this.holder, ...args])) === 1
  }
}
