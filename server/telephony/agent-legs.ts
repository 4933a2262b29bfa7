// Each available agent keeps one softphone leg open in their own conference (agent-<username>)
// so that a customer who answers is put through at once: joining a running conference takes
// no ringing, which is what keeps live answers inside the 2-second connect rule.
// The leg's CallSid is kept in Redis ("pending" while it is being placed).
import type { AgentInfo } from '../agents/directory.ts'
import { isFinal, type CallRow } from './call-store.ts'
import type { TelephonyCore } from './service.ts'
import { agentRoom } from './twiml.ts'
import { RedisScript } from '../common/redis-script.ts'

const LEG_EVENTS = ['initiated', 'ringing', 'answered', 'completed']

/** Where an agent's leg SID is kept ('pending' while it is being placed). */
export const legKey = (key: (...parts: (string | number)[]) => string, agentId: number | '') => key('leg', agentId)

// Forget the leg only if it is still the one that ended (or the placeholder).
const CLEAR_IF = new RedisScript(`
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] or v == 'pending' then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0`)

export class AgentLegs {
  constructor(private readonly core: TelephonyCore) {
    core.onStatus('agent', (call, status) => this.onStatus(call, status))
    core.deps.dial.onOutcome(async ({ context, error }) => {
      if (context.kind === 'agent' && error && context.agentId) await this.core.deps.redis.del(this.key(context.agentId))
    })
  }

  private key(agentId: number) {
    return legKey(this.core.deps.key, agentId)
  }

  /** The agent's live leg, or null (none, or still being placed). */
  async sid(agentId: number): Promise<string | null> {
    const v = await this.core.deps.redis.get(this.key(agentId))
    return v?.startsWith('CA') ? v : null
  }

  /** Which of these agents have a live leg. */
  async connected(agentIds: number[]): Promise<Set<number>> {
    if (agentIds.length === 0) return new Set()
    const values = await this.core.deps.redis.mget(agentIds.map((id) => this.key(id)))
    return new Set(agentIds.filter((_, i) => values[i]?.startsWith('CA')))
  }

  /** Places the agent's leg unless one is up or on its way. */
  async ensure(agent: AgentInfo): Promise<boolean> {
    const { deps } = this.core
    const placed = await deps.redis.set(this.key(agent.id), 'pending', 'EX', 120, 'NX')
    if (placed !== 'OK') return false
    const context = { kind: 'agent' as const, agentId: agent.id }
    await deps.dial.add({
      kind: 'participant',
      conference: agentRoom(agent.username),
      context,
      params: {
        from: deps.config.TWILIO_CALLER_ID,
        to: `client:${agent.username}`,
        label: 'agent',
        startConferenceOnEnter: true,
        // The room lives as long as the agent's leg: customers never wait in an empty room.
        endConferenceOnExit: true,
        beep: 'false',
        timeout: 30,
        statusCallback: this.core.urls(context).status,
        statusCallbackEvent: LEG_EVENTS,
      },
    }, { jobId: `leg-${agent.id}-${Date.now()}`, interactive: true })
    return true
  }

  /** Hangs up the agent's leg (going offline). */
  async drop(agentId: number): Promise<void> {
    const sid = await this.sid(agentId)
    if (sid) await this.core.client.calls(sid).update({ status: 'completed' })
  }

  private async onStatus(call: CallRow, status: string) {
    if (call.agentId === null) return
    const { redis } = this.core.deps
    if (status === 'in-progress') await redis.set(this.key(call.agentId), call.callSid)
    else if (isFinal(status)) await CLEAR_IF.run(redis, [this.key(call.agentId)], [call.callSid])
  }
}
