// In-process domain events. Modules emit facts here; server/realtime forwards them to
// socket.io rooms (whose Redis adapter fans them out to other nodes). Keeping modules off
// socket.io directly lets services run in CLI and workers without a socket server.
import { EventEmitter } from 'node:events'
import fp from 'fastify-plugin'

/**
 * The facts modules publish. Telephony and inbound emit call facts; agents emit presence;
 * realtime turns them into socket.io messages for the agent's own room and the
 * supervisors of that branch. Extend by adding entries, never by changing a shape.
 */
export interface DomainEvents {
  'agent:presence': { agentId: number; branchId: number | null; state: string; since: number }
  /** A call is being put through to an agent (outbound bridge or inbound VIP): the screen pop. */
  'call:offered': {
    callSid: string
    agentId: number
    branchId: number | null
    direction: 'outbound' | 'inbound'
    customerId: number | null
    campaignId: number | null
    queueEntryId: number | null
    /** Inbound VIP: the manager's greeting, the script's first line. */
    greeting?: string
    at: number
  }
  /** Any change of a call an agent is on (Twilio status names: ringing, in-progress, completed, ...). */
  'call:status': { callSid: string; agentId: number | null; branchId: number | null; status: string; at: number }
  /** The agent's leg is over; wrap-up runs for wrapSeconds unless the disposition ends it earlier. */
  'call:ended': { callSid: string; agentId: number | null; branchId: number | null; wrapSeconds: number; at: number }
  /** A customer's profile was corrected (name, opt-outs: what inbound routing caches). */
  'customer:changed': { customerId: number }
  /** A campaign's pacing numbers changed (fed to the wallboard). */
  'campaign:stats': { campaignId: number; branchId: number | null; stats: Record<string, number>; at: number }
}

export class DomainEventBus {
  private readonly emitter = new EventEmitter({ captureRejections: true })
  constructor() {
    this.emitter.setMaxListeners(100)
  }
  emit<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]) {
    this.emitter.emit(name, payload)
  }
  on<K extends keyof DomainEvents>(name: K, listener: (payload: DomainEvents[K]) => void) {
    this.emitter.on(name, listener)
    return () => this.emitter.off(name, listener)
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    events: DomainEventBus
  }
}

export default fp(async (app) => {
  app.decorate('events', new DomainEventBus())
}, { name: 'events' })
