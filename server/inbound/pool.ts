// The general pool: callers who are not put through to their own manager wait in a Twilio
// queue (<Enqueue>) and, in Redis, in a list per pool (pool-<branchId>, or pool-general for
// callers we do not know). Whenever an agent of that pool is free, the longest-waiting
// caller is redirected into that agent's room. Any node may serve: the list pop and the
// agent claim are one Redis script.
import type { FastifyBaseLogger } from 'fastify'
import type { AgentInfo } from '../agents/directory.ts'
import type { LegFacts } from '../telephony/call-store.ts'
import type { TelephonyCore } from '../telephony/service.ts'

export const GENERAL_POOL = 'pool-general'
export const poolFor = (branchId: number | null) => (branchId === null ? GENERAL_POOL : `pool-${branchId}`)

export interface Connect {
  /** Puts the waiting caller through to the claimed agent (redirects the live call). */
  (leg: Omit<LegFacts, 'context'>, agent: AgentInfo, customerId: number | null): Promise<void>
}

export class InboundPool {
  private serving = new Set<string>()

  constructor(
    private readonly core: TelephonyCore,
    private readonly connect: Connect,
    private readonly log: FastifyBaseLogger,
  ) {}

  private get redis() {
    return this.core.deps.redis
  }

  private key = (...parts: (string | number)[]) => this.core.deps.key('inbound', ...parts)

  async enqueue(pool: string, leg: Omit<LegFacts, 'context'>, customerId: number | null) {
    const callSid = leg.callSid
    await this.redis.multi()
      .hset(this.key('waiting', callSid), { pool, from: leg.from, to: leg.to, customerId: customerId === null ? '' : String(customerId) })
      .expire(this.key('waiting', callSid), 6 * 3600)
      .rpush(this.key(pool), callSid)
      .sadd(this.key('pools'), pool)
      .exec()
  }

  /** The caller left (hung up, or was put through): no longer waiting. */
  async remove(callSid: string) {
    const pool = await this.redis.hget(this.key('waiting', callSid), 'pool')
    if (!pool) return
    await this.redis.multi().lrem(this.key(pool), 0, callSid).del(this.key('waiting', callSid)).exec()
  }

  async waiting(pool: string): Promise<string[]> {
    return this.redis.lrange(this.key(pool), 0, -1)
  }

  /** Serves every pool with callers waiting (the periodic sweep). */
  async serveAll() {
    for (const pool of await this.redis.smembers(this.key('pools'))) await this.serve(pool)
  }

  /** Hands waiting callers of `pool` to its free agents, longest-waiting caller to longest-idle agent. */
  async serve(pool: string) {
    if (this.serving.has(pool)) return
    this.serving.add(pool)
    try {
      while (await this.serveOne(pool));
    } finally {
      this.serving.delete(pool)
    }
  }

  private async serveOne(pool: string): Promise<boolean> {
    const branch = pool === GENERAL_POOL ? 'all' : Number(pool.slice('pool-'.length))
    const taken = await this.core.claims.claimForHead(this.key(pool), branch, Date.now())
    if (taken === 'empty') {
      await this.redis.srem(this.key('pools'), pool)
      return false
    }
    if (taken === null) return false
    const { agentId, callSid } = taken
    const agent = await this.core.deps.agents.get(agentId)
    if (!agent) {
      // Deactivated while available: out of the pools, and the caller back where they were.
      await this.core.deps.presence.set(agentId, 'offline')
      await this.redis.lpush(this.key(pool), callSid)
      return true
    }
    const [[, waiting]] = (await this.redis.multi().hgetall(this.key('waiting', callSid)).del(this.key('waiting', callSid)).exec()) as [[unknown, Record<string, string>]]
    const leg = { callSid, direction: 'inbound' as const, from: waiting.from ?? '', to: waiting.to ?? '' }
    try {
      await this.connect(leg, agent, waiting.customerId ? Number(waiting.customerId) : null)
    } catch (err) {
      // The caller hung up meanwhile (Twilio refuses to redirect a finished call).
      this.log.info({ err, callSid }, 'pool caller gone before being put through')
      await this.core.releaseAgent(agentId)
    }
    return true
  }
}
