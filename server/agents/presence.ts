// Live agent presence lives in Redis so that every node sees the same state (architecture.md,
// "Principles"); each change is also appended to agent_state_log for reports. A change also
// moves the agent in or out of the free sets (./free-sets.ts), in the same script.
import type { Redis } from 'ioredis'
import { Batcher } from '../common/batcher.ts'
import { RedisScript } from '../common/redis-script.ts'
import { sqlPool, type Db } from '../db/client.ts'
import type { AgentDirectory } from './directory.ts'
import { FREE_SETS_LUA, freePrefix } from './free-sets.ts'

export const AGENT_STATES = ['available', 'on_call', 'wrap_up', 'break', 'offline'] as const
export type AgentStateName = (typeof AGENT_STATES)[number]

export interface Presence {
  state: AgentStateName
  /** epoch ms of the last change */
  since: number
}

// KEYS: the presence hash. ARGV: free-set prefix, agent id, state, since, branch ('' when
// the agent serves no pool). The hash keeps the branch, so claims know which set to leave.
const SET_PRESENCE = new RedisScript(`
local FREE = ARGV[1]
${FREE_SETS_LUA}
local id, state, since = ARGV[2], ARGV[3], ARGV[4]
unfree(KEYS[1], id)
redis.call('HSET', KEYS[1], 'state', state, 'since', since, 'branch', ARGV[5])
if state == 'available' then free(KEYS[1], id, since) end`)

// The same for a presence that did not change: puts the agent in the free sets their state
// and branch call for (hashes written before the sets existed, or an agent moved to another
// branch), keeping state and since. Atomic, so a claim meanwhile is never undone.
const REINDEX = new RedisScript(`
local FREE = ARGV[1]
${FREE_SETS_LUA}
local state, since = redis.call('HGET', KEYS[1], 'state'), redis.call('HGET', KEYS[1], 'since')
if not state then return 0 end
unfree(KEYS[1], ARGV[2])
redis.call('HSET', KEYS[1], 'branch', ARGV[3])
if state == 'available' then free(KEYS[1], ARGV[2], since) end
return 1`)

interface LogRow {
  agentId: number
  state: AgentStateName
  at: Date
}

export class PresenceStore {
  /**
   * Changes made within 25 ms of each other are logged in one insert: the state itself is in
   * Redis at once, and a busy centre changes states hundreds of times a second.
   */
  private readonly log: Batcher<LogRow, undefined>

  constructor(
    private readonly redis: Redis,
    private readonly key: (...parts: (string | number)[]) => string,
    private readonly db: Db,
    private readonly agents: AgentDirectory,
  ) {
    this.log = new Batcher({
      run: async (rows) => {
        await sqlPool(db).query({
          name: 'presence-log',
          text: `INSERT INTO agent_state_log (agent_id, state, at) SELECT * FROM unnest($1::int[], $2::"AgentState"[], $3::timestamptz[])`,
          values: [rows.map((r) => r.agentId), rows.map((r) => r.state), rows.map((r) => r.at)],
        })
        return rows.map(() => undefined)
      },
      lingerMs: 25,
    })
  }

  async get(agentId: number): Promise<Presence> {
    const raw = await this.redis.hgetall(this.key('presence', agentId))
    // since 0: never seen (the page shows no timer)
    if (!raw.state) return { state: 'offline', since: 0 }
    return { state: raw.state as AgentStateName, since: Number(raw.since) }
  }

  async getMany(agentIds: number[]): Promise<Map<number, Presence>> {
    const pipeline = this.redis.pipeline()
    for (const id of agentIds) pipeline.hgetall(this.key('presence', id))
    const results = (await pipeline.exec()) ?? []
    const out = new Map<number, Presence>()
    agentIds.forEach((id, i) => {
      const raw = (results[i]?.[1] ?? {}) as Record<string, string>
      out.set(id, raw.state ? { state: raw.state as AgentStateName, since: Number(raw.since) } : { state: 'offline', since: 0 })
    })
    return out
  }

  async set(agentId: number, state: AgentStateName, now = Date.now()): Promise<Presence> {
    const agent = await this.agents.get(agentId)
    const branch = agent?.role === 'agent' && agent.branchId !== null ? String(agent.branchId) : ''
    await SET_PRESENCE.run(this.redis, [this.key('presence', agentId)], [freePrefix(this.key), String(agentId), state, String(now), branch])
    await this.logged(agentId, state, now)
    return { state, since: now }
  }

  /**
   * Re-files every active user in the free sets (at start: the sets follow each change after
   * that). Read from the database, not the directory, which is filled on first use.
   */
  async reindex(): Promise<void> {
    const { rows } = await sqlPool(this.db).query<{ id: number; branch: string }>(
      `SELECT id, CASE WHEN role = 'agent' AND branch_id IS NOT NULL THEN branch_id::text ELSE '' END AS branch FROM users WHERE active`)
    // Issued together: the pipelined connection sends them in one write, not one round trip each.
    await Promise.all(rows.map(({ id, branch }) => REINDEX.run(this.redis, [this.key('presence', id)], [freePrefix(this.key), String(id), branch])))
  }

  /** Logs a change already made in Redis by an atomic claim (server/telephony/agent-claim.ts). */
  async logged(agentId: number, state: AgentStateName, now: number): Promise<void> {
    await this.log.submit({ agentId, state, at: new Date(now) })
  }

  /** Absent = not working now: a partner may then serve this manager's customers. */
  async isAbsent(agentId: number): Promise<boolean> {
    const { state } = await this.get(agentId)
    return state === 'offline' || state === 'break'
  }
}
