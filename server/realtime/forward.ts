// Domain events (server/common/events.ts) become socket messages for the rooms that may see
// them: an agent's own facts go to `agent:<id>` only; presence also goes to the branch's
// supervisors. The Redis adapter carries each emit to the node holding the socket.
import type { FastifyInstance } from 'fastify'
import type { DomainEvents } from '../common/events.ts'
import { campaignStatsKey } from '../reports/wallboard.ts'
import { agentRoom, branchRoom, type AgentState } from './events.ts'
import type { PopCache } from './pop-cache.ts'
import type { WrapUpTimers } from './presence-actions.ts'
import { buildScreenPop } from './screen-pop.ts'
import type { AppServer } from './socket.ts'

/**
 * An agent with an open softphone leg gets the caller straight into their room; one without
 * (the leg still ringing or closed) is rung, and answers from the page.
 */
async function ringsSoftphone(app: FastifyInstance, offer: DomainEvents['call:offered']): Promise<boolean> {
  if (offer.direction !== 'inbound' || !app.hasDecorator('telephony')) return false
  return (await app.telephony.legs.sid(offer.agentId)) === null
}

export function forwardDomainEvents(app: FastifyInstance, io: AppServer, wrapUps: WrapUpTimers, pops: PopCache): () => void {
  const fail = (what: string) => (err: unknown) => app.log.error({ err }, `${what} failed`)
  const offs = [
    app.events.on('agent:presence', ({ agentId, branchId, state, since }) => {
      const update = { agentId, state: state as AgentState, since }
      const rooms = branchId === null ? [agentRoom(agentId)] : [agentRoom(agentId), branchRoom(branchId)]
      io.to(rooms).emit('agent:presence', update)
    }),
    app.events.on('call:offered', (offer) => {
      Promise.all([buildScreenPop(app.db, offer), ringsSoftphone(app, offer)])
        .then(async ([built, ringing]) => {
          const pop = { ...built, ringing }
          io.to(agentRoom(offer.agentId)).emit('call:offered', pop)
          await pops.put(offer.agentId, pop)
        })
        .catch(fail('screen pop'))
    }),
    app.events.on('call:status', ({ callSid, agentId, status, at }) => {
      if (agentId !== null) io.to(agentRoom(agentId)).emit('call:status', { callSid, status, at })
    }),
    app.events.on('call:ended', ({ callSid, agentId, branchId, wrapSeconds, at }) => {
      if (agentId === null) return
      io.to(agentRoom(agentId)).emit('call:ended', { callSid, wrapSeconds, at })
      wrapUps.start(agentId, branchId, wrapSeconds).catch(fail('wrap-up'))
    }),
    // The wallboard reads the dialer's latest pacing numbers from Redis, whichever node paces.
    app.events.on('campaign:stats', ({ campaignId, stats }) => {
      app.redis.hset(campaignStatsKey(app), String(campaignId), JSON.stringify(stats)).catch(fail('campaign stats'))
    }),
  ]
  return () => offs.forEach((off) => off())
}
