// What agents and supervisors do to live calls (the softphone's controls, server/realtime/
// call-control.ts): answer a ringing leg, hang up, hold, mute, transfer to the customer's
// account manager, and listen / whisper (coach) / barge into an agent's conference.
import { ConflictError, NotFoundError } from '../common/errors.ts'
import type { AgentLegs } from './agent-legs.ts'
import { isFinal } from './call-store.ts'
import type { TelephonyCore } from './service.ts'
import { agentRoom, transferTwiml } from './twiml.ts'

export type MonitorMode = 'listen' | 'whisper' | 'barge'

export class CallOperations {
  constructor(private readonly core: TelephonyCore, private readonly legs: AgentLegs) {
    const { redis, key } = core.deps
    // A supervisor's leg is remembered per monitored agent, so a second request switches mode.
    core.deps.dial.onOutcome(async ({ context, callSid }) => {
      if (context.kind === 'supervisor' && callSid && context.agentId && context.peerId) {
        await redis.set(key('monitor', context.agentId, context.peerId), callSid, 'EX', 12 * 3600)
      }
    })
    core.onStatus('supervisor', async (call, status, context) => {
      if (isFinal(status) && context.agentId && context.peerId) await redis.del(key('monitor', context.agentId, context.peerId))
    })
  }

  /**
   * The softphone answers its ringing leg. With real Twilio the Voice SDK answers in the
   * browser and this does nothing; under the emulator it answers through the control API.
   */
  async answer({ agentId }: { callSid: string; agentId: number }) {
    const { emulatorOrigin } = this.core.deps
    if (!emulatorOrigin) return { answered: [] as string[] }
    const agent = await this.agent(agentId)
    const res = await fetch(`${emulatorOrigin()}/emulator/clients/${encodeURIComponent(agent.username)}/answer`, { method: 'POST' })
    const { answered } = (await res.json()) as { answered: string[] }
    if (answered.length === 0) throw new ConflictError('no call is ringing on your softphone')
    return { answered }
  }

  async hangup({ callSid }: { callSid: string; agentId: number }) {
    await this.core.client.calls(callSid).update({ status: 'completed' })
  }

  /** Holds or resumes the customer in the agent's conference. */
  async hold({ callSid, agentId, on }: { callSid: string; agentId: number; on: boolean }) {
    const room = await this.roomSid(agentId)
    await this.core.client.conferences(room).participants(callSid).update({ hold: on })
  }

  /** Mutes or unmutes the agent's own leg. */
  async mute({ agentId, on }: { callSid: string; agentId: number; on: boolean }) {
    const room = await this.roomSid(agentId)
    const leg = await this.legs.sid(agentId)
    if (!leg) throw new ConflictError('the agent has no softphone leg')
    await this.core.client.conferences(room).participants(leg).update({ muted: on })
  }

  /**
   * Sends the customer to their account manager's softphone (client:<username>): the
   * customer leaves the agent's room, and the agent's call ends into wrap-up.
   */
  async transferToAccountManager({ callSid, agentId }: { callSid: string; agentId: number }) {
    const { db } = this.core.deps
    const call = await db.call.findUnique({
      where: { callSid },
      select: { campaignId: true, customer: { select: { accountManager: { select: { username: true } } } } },
    })
    const manager = call?.customer?.accountManager
    if (!manager) throw new ConflictError('this customer has no account manager to transfer to')
    await this.core.redirect(callSid, transferTwiml(`client:${manager.username}`, this.core.deps.config.TWILIO_CALLER_ID))
    await this.core.endAgentCall(agentId, callSid, 30)
    return { to: manager.username }
  }

  /**
   * A supervisor joins the agent's room: muted (listen), heard by the agent only (whisper,
   * Twilio's coaching) or by both (barge). A supervisor already in that room switches mode.
   */
  async monitor({ agentId, supervisorId, mode }: { agentId: number; supervisorId: number; mode: MonitorMode }) {
    const { client, config, redis, key, dial } = this.core.deps
    const agent = await this.agent(agentId)
    const supervisor = await this.agent(supervisorId)
    const leg = await this.legs.sid(agentId)
    if (!leg) throw new ConflictError(`agent ${agent.username} has no softphone leg to join`)
    const flags = { muted: mode === 'listen', coaching: mode === 'whisper', ...(mode === 'whisper' ? { callSidToCoach: leg } : {}) }
    const joined = await redis.get(key('monitor', supervisorId, agentId))
    if (joined) {
      const room = await this.roomSid(agentId)
      try {
        await client.conferences(room).participants(joined).update(flags)
        return { mode, callSid: joined }
      } catch {
        await redis.del(key('monitor', supervisorId, agentId)) // that leg is gone: join again
      }
    }
    const context = { kind: 'supervisor' as const, agentId: supervisorId, peerId: agentId }
    await dial.add({
      kind: 'participant',
      conference: agentRoom(agent.username),
      context,
      params: {
        from: config.TWILIO_CALLER_ID, to: `client:${supervisor.username}`, label: `supervisor-${mode}`,
        startConferenceOnEnter: false, endConferenceOnExit: false, beep: 'false', ...flags,
        statusCallback: this.core.urls(context).status, statusCallbackEvent: ['answered', 'completed'],
      },
    }, { jobId: `monitor-${supervisorId}-${agentId}-${Date.now()}`, interactive: true })
    return { mode, callSid: null }
  }

  private async agent(id: number) {
    const agent = await this.core.deps.agents.get(id)
    if (!agent) throw new NotFoundError(`user ${id}`)
    return agent
  }

  /** The SID of the agent's running conference (participant operations need the SID). */
  private async roomSid(agentId: number): Promise<string> {
    const agent = await this.agent(agentId)
    const [room] = await this.core.client.conferences.list({ friendlyName: agentRoom(agent.username), status: 'in-progress', limit: 1 })
    if (!room) throw new ConflictError(`agent ${agent.username} has no live conference`)
    return room.sid
  }
}
