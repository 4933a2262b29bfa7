// Taking an agent for a call must be atomic across nodes: the dialer on one node and an
// inbound VIP call on another may both want the same free agent. The claim is a
// compare-and-set on the presence hash (server/agents/presence.ts keeps state and since
// there), then the transition is recorded through app.presence.set like any other.
import type { Redis } from 'ioredis'

const CLAIM = `
for i, k in ipairs(KEYS) do
  if redis.call('HGET', k, 'state') == ARGV[2] then
    redis.call('HSET', k, 'state', ARGV[3], 'since', ARGV[1])
    return i
  end
end
return 0`

// Ends the agent's current call only if it is still this call (a late callback for an
// earlier call must not end the next one). KEYS: agent's current call, the call's agent.
const END_IF_CURRENT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1], KEYS[2])
  return 1
end
return 0`

export class AgentClaims {
  constructor(
    private readonly redis: Redis,
    private readonly key: (...parts: (string | number)[]) => string,
  ) {}

  /**
   * Moves the first of `agentIds` (in order of preference) whose state is `from` to `to`.
   * Returns the agent taken, or null when none was in that state.
   */
  async claim(agentIds: number[], now: number, from = 'available', to = 'on_call'): Promise<number | null> {
    if (agentIds.length === 0) return null
    const keys = agentIds.map((id) => this.key('presence', id))
    const index = (await this.redis.eval(CLAIM, keys.length, ...keys, String(now), from, to)) as number
    return index > 0 ? agentIds[index - 1]! : null
  }

  /** Remembers which call the agent is on, and which agent is on the call. */
  async setCurrent(agentId: number, callSid: string) {
    await this.redis.multi()
      .set(this.key('agent-call', agentId), callSid, 'EX', 24 * 3600)
      .set(this.key('call-agent', callSid), String(agentId), 'EX', 24 * 3600)
      .exec()
  }

  /** The agent on this call, if any is (Redis knows at once; the calls row follows). */
  async agentOf(callSid: string): Promise<number | null> {
    const v = await this.redis.get(this.key('call-agent', callSid))
    return v === null ? null : Number(v)
  }

  async current(agentId: number): Promise<string | null> {
    return this.redis.get(this.key('agent-call', agentId))
  }

  /** True when `callSid` was the agent's current call (and now is not). */
  async endIfCurrent(agentId: number, callSid: string): Promise<boolean> {
    return (await this.redis.eval(END_IF_CURRENT, 2, this.key('agent-call', agentId), this.key('call-agent', callSid), callSid)) === 1
  }
}
