// Presence changes the softphone asks for (status control, "ready" in wrap-up) and the
// wrap-up that follows every call. Each change is published as agent:presence so the agent's
// page and the branch's wallboard follow it.
import type { FastifyInstance } from 'fastify'
import type { AgentStateName } from '../agents/presence.ts'
import { ConflictError } from '../common/errors.ts'
import type { PresenceUpdate } from './events.ts'

async function publish(app: FastifyInstance, agentId: number, branchId: number | null, state: AgentStateName, now?: number): Promise<PresenceUpdate> {
  const next = await app.presence.set(agentId, state, now)
  app.events.emit('agent:presence', { agentId, branchId, ...next })
  return { agentId, ...next }
}

/** 可用 / 小休 / 离线 from the status control; refused while a call is up. */
export async function setStatus(app: FastifyInstance, agentId: number, branchId: number | null, status: 'available' | 'break' | 'offline') {
  const current = await app.presence.get(agentId)
  if (current.state === 'on_call') throw new ConflictError('cannot change status during a call')
  if (current.state === status) return { agentId, ...current }
  return publish(app, agentId, branchId, status)
}

/** Ends wrap-up (the "ready" button, a submitted disposition, or the timer); a no-op in any other state. */
export async function endWrapUp(app: FastifyInstance, agentId: number, branchId: number | null, onlyIfSince?: number): Promise<PresenceUpdate> {
  const current = await app.presence.get(agentId)
  if (current.state !== 'wrap_up' || (onlyIfSince !== undefined && current.since !== onlyIfSince)) return { agentId, ...current }
  return publish(app, agentId, branchId, 'available')
}

/**
 * After each call the agent is in wrap-up for the campaign's wrapSeconds, then available
 * again unless they ended it earlier. The timer lives on the node that saw the call end;
 * the page also sends "ready" when its own countdown runs out, so a lost node cannot leave
 * an agent stuck in wrap-up.
 */
export class WrapUpTimers {
  private readonly timers = new Map<number, NodeJS.Timeout>()
  constructor(private readonly app: FastifyInstance) {}

  async start(agentId: number, branchId: number | null, wrapSeconds: number) {
    const current = await this.app.presence.get(agentId)
    // An agent who already said "ready", or went on break or offline, before this call's end
    // reached here keeps that state: a late call:ended must not pull them back into wrap-up.
    if (current.state !== 'on_call' && current.state !== 'wrap_up') return
    // Telephony may already have moved the agent to wrap-up; otherwise do it here.
    const since = current.state === 'wrap_up' ? current.since : (await publish(this.app, agentId, branchId, 'wrap_up')).since
    this.cancel(agentId)
    const timer = setTimeout(() => {
      this.timers.delete(agentId)
      endWrapUp(this.app, agentId, branchId, since).catch((err) => this.app.log.error({ err, agentId }, 'ending wrap-up failed'))
    }, Math.max(0, wrapSeconds) * 1000)
    timer.unref()
    this.timers.set(agentId, timer)
  }

  cancel(agentId: number) {
    const t = this.timers.get(agentId)
    if (t) clearTimeout(t)
    this.timers.delete(agentId)
  }

  close() {
    for (const t of this.timers.values()) clearTimeout(t)
    this.timers.clear()
  }
}
