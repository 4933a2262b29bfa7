// Taking an agent for a call must be atomic across nodes: the dialer on one node and an
// inbound VIP call on another may both want the same free agent. The claim is a
// compare-and-set on the presence hash (server/agents/presence.ts keeps state and since
// there), then the transition is recorded through app.presence.set like any other.
import type { Redis } from 'ioredis'
import { FREE_SETS_LUA, freeKey, freePrefix } from '../agents/free-sets.ts'
import { RedisScript } from '../common/redis-script.ts'
import { legKey } from './agent-legs.ts'

// KEYS: presence hashes. ARGV: now, from, to, free-set prefix, the agents' ids.
const CLAIM = new RedisScript(`
local FREE = ARGV[4]
${FREE_SETS_LUA}
for i, k in ipairs(KEYS) do
  if redis.call('HGET', k, 'state') == ARGV[2] then
    redis.call('HSET', k, 'state', ARGV[3], 'since', ARGV[1])
    if ARGV[3] == 'available' then free(k, ARGV[4 + i], ARGV[1]) else unfree(k, ARGV[4 + i]) end
    return i
  end
end
return 0`)

// The same for a call offered to agents, and what setCurrent records, in one step: an agent
// whose softphone leg is being placed ('pending') is about to ring and is skipped.
// KEYS: presence hashes, leg keys, agent-call keys (n each), then the call's call-agent key.
// ARGV: now, CallSid, TTL, free-set prefix, the agents' ids. Returns {position, leg} or {0}.
const CLAIM_FREE = new RedisScript(`
local FREE = ARGV[4]
${FREE_SETS_LUA}
local n = (#KEYS - 1) / 3
for i = 1, n do
  if redis.call('HGET', KEYS[i], 'state') == 'available' then
    local leg = redis.call('GET', KEYS[n + i])
    if leg ~= 'pending' then
      redis.call('HSET', KEYS[i], 'state', 'on_call', 'since', ARGV[1])
      unfree(KEYS[i], ARGV[4 + i])
      redis.call('SET', KEYS[2 * n + i], ARGV[2], 'EX', ARGV[3])
      redis.call('SET', KEYS[3 * n + 1], ARGV[4 + i], 'EX', ARGV[3])
      return {i, leg or ''}
    end
  end
end
return {0}`)

// A waiting caller and a free agent taken together: the agent of the pool's free set who
// became free first (and whose leg is not being placed) is claimed and the head of the list
// popped, or neither is. The set is read a few at a time: its head is nearly always the one.
// A member no longer available (a presence hash that expired) is dropped on the way.
// KEYS: the list, the pool's free set. ARGV: now, the presence and leg key prefixes, the
// free-set prefix. Returns {} for an empty list, {0} when nobody is free, else {agent id, caller}.
const CLAIM_FOR_HEAD = new RedisScript(`
local FREE = ARGV[4]
${FREE_SETS_LUA}
local head = redis.call('LINDEX', KEYS[1], 0)
if not head then return {} end
local from = 0
while true do
  local ids = redis.call('ZRANGE', KEYS[2], from, from + 15)
  if #ids == 0 then return {0} end
  for _, id in ipairs(ids) do
    local hash = ARGV[2] .. id
    if redis.call('HGET', hash, 'state') ~= 'available' then
      unfree(hash, id)
      redis.call('ZREM', KEYS[2], id)
      from = from - 1
    elseif redis.call('GET', ARGV[3] .. id) ~= 'pending' then
      redis.call('HSET', hash, 'state', 'on_call', 'since', ARGV[1])
      unfree(hash, id)
      redis.call('LPOP', KEYS[1])
      return {tonumber(id), head}
    end
  end
  from = from + 16
end`)

// Ends the agent's current call only if it is still this call (a late callback for an
// earlier call must not end the next one). KEYS: agent's current call, the call's agent.
const END_IF_CURRENT = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1], KEYS[2])
  return 1
end
return 0`)

const CURRENT_TTL = 24 * 3600

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
    const index = (await CLAIM.run(this.redis, keys, [String(now), from, to, freePrefix(this.key), ...agentIds.map(String)])) as number
    return index > 0 ? agentIds[index - 1]! : null
  }

  /**
   * Takes the first of `agentIds` (in order of preference) who is available and whose
   * softphone is not being rung for their leg right now, and makes `callSid` their current
   * call; null when nobody can take it. One round trip: inbound decisions wait for it.
   * Returns the agent's live leg too (null: none up, their softphone must be rung).
   */
  async claimFree(agentIds: number[], now: number, callSid: string): Promise<{ agentId: number; legSid: string | null } | null> {
    if (agentIds.length === 0) return null
    const keys = [
      ...agentIds.map((id) => this.key('presence', id)), ...agentIds.map((id) => legKey(this.key, id)),
      ...agentIds.map((id) => this.key('agent-call', id)), this.key('call-agent', callSid),
    ]
    const [index, leg] = (await CLAIM_FREE.run(this.redis, keys, [String(now), callSid, String(CURRENT_TTL), freePrefix(this.key), ...agentIds.map(String)])) as [number, string?]
    return index > 0 ? { agentId: agentIds[index - 1]!, legSid: leg?.startsWith('CA') ? leg : null } : null
  }

  /**
   * For the caller at the head of `list` (a queue of CallSids), the agent of the pool (a
   * branch, or every branch) free the longest; both are taken at once. 'empty' when nobody
   * waits, null when nobody is free.
   */
  async claimForHead(list: string, pool: number | 'all', now: number): Promise<{ agentId: number; callSid: string } | 'empty' | null> {
    const [agentId, callSid] = (await CLAIM_FOR_HEAD.run(this.redis, [list, freeKey(this.key, pool)], [String(now),
      this.key('presence', ''), legKey(this.key, ''), freePrefix(this.key)])) as [number?, string?]
    if (agentId === undefined) return 'empty'
    return agentId > 0 ? { agentId, callSid: callSid! } : null
  }

  /** Remembers which call the agent is on, and which agent is on the call. */
  async setCurrent(agentId: number, callSid: string) {
    await this.redis.multi()
      .set(this.key('agent-call', agentId), callSid, 'EX', CURRENT_TTL)
      .set(this.key('call-agent', callSid), String(agentId), 'EX', CURRENT_TTL)
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
    return (await END_IF_CURRENT.run(this.redis, [this.key('agent-call', agentId), this.key('call-agent', callSid)], [callSid])) === 1
  }
}
