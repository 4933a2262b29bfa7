// app.telephony: the Twilio adapter. Builds the twilio client (pointed at the emulator when
// TELEPHONY=emulator), the CPS-limited dial queue and its worker, the agents' legs and the
// call operations, and serves the webhooks. Agent legs follow presence: available opens
// one, offline closes it.
import fp from 'fastify-plugin'
import { Redis } from 'ioredis'
import { listeningOrigin } from '../emulator/plugin.ts'
import type { AgentLegs } from './agent-legs.ts'
import { createTwilioClient } from './client.ts'
import { DialQueue } from './dial-queue.ts'
import { CallOperations } from './operations.ts'
import routes from './routes.ts'
import { TelephonyCore } from './service.ts'
import { webhookRoutes } from './webhook-routes.ts'

/** The adapter as other modules and server/realtime/call-control.ts see it. */
export class Telephony {
  constructor(readonly core: TelephonyCore, readonly legs: AgentLegs, readonly ops: CallOperations) {}
  answer = (a: Parameters<CallOperations['answer']>[0]) => this.ops.answer(a)
  hangup = (a: Parameters<CallOperations['hangup']>[0]) => this.ops.hangup(a)
  hold = (a: Parameters<CallOperations['hold']>[0]) => this.ops.hold(a)
  mute = (a: Parameters<CallOperations['mute']>[0]) => this.ops.mute(a)
  transferToAccountManager = (a: Parameters<CallOperations['transferToAccountManager']>[0]) => this.ops.transferToAccountManager(a)
  monitor = (a: Parameters<CallOperations['monitor']>[0]) => this.ops.monitor(a)
}

declare module 'fastify' {
  interface FastifyInstance {
    telephony: Telephony
  }
}

export default fp(
  async (app) => {
    const { config } = app
    const emulatorOrigin = config.TELEPHONY === 'emulator' ? () => config.EMULATOR_URL ?? listeningOrigin(app) : undefined
    const client = createTwilioClient(config, emulatorOrigin ?? (() => ''))
    const dial = new DialQueue({
      redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX, cps: config.TWILIO_CPS, client, db: app.db,
      redis: app.redis, key: app.redisKey, onError: (err) => app.log.error({ err }, 'dial queue'),
    })
    const { agents } = app
    // Webhooks issue many small commands at once: one connection that pipelines them
    // (a command issued in the same tick rides along) saves a write per command.
    const redis = new Redis(config.REDIS_URL, { enableAutoPipelining: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    redis.on('error', (err) => app.log.warn({ err: err.message }, 'telephony redis connection error'))
    await new Promise<void>((resolve) => {
      redis.once('ready', () => resolve())
      setTimeout(resolve, 2000).unref()
    })
    app.addHook('onClose', async () => redis.disconnect())
    const core = new TelephonyCore({
      config, db: app.db, redis, key: app.redisKey, events: app.events, presence: app.presence,
      log: app.log, client, dial, agents, emulatorOrigin,
    })
    const legs = core.legs
    const telephony = new Telephony(core, legs, new CallOperations(core, legs))
    app.decorate('telephony', telephony)

    app.events.on('agent:presence', ({ agentId, state }) => {
      const follow = async () => {
        if (state === 'offline') return legs.drop(agentId)
        if (state !== 'available') return
        const agent = await agents.get(agentId)
        if (agent) await legs.ensure(agent)
      }
      follow().catch((err) => app.log.error({ err, agentId }, 'agent leg'))
    })

    await app.register(async (scope) => webhookRoutes(scope, core))
    await app.register(routes, { telephony })
    app.addHook('onReady', async () => dial.start())
    app.addHook('onClose', async () => dial.close())
  },
  { name: 'telephony', dependencies: ['config', 'db', 'redis', 'events', 'presence'] },
)
