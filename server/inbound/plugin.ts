// Inbound VIP routing: the /twilio/voice/inbound webhook, the caller cache (kept whole by
// every node's check, warmed by one at a time), and the general pool, served whenever an agent frees up, when a caller
// joins, and by a sweep every 2 s on every node.
import fp from 'fastify-plugin'
import { isFinal } from '../telephony/call-store.ts'
import { asTwilioWebhookScope } from '../telephony/webhook-routes.ts'
import { CallerDirectory, CHECK_EVERY_MS } from './directory.ts'
import { InboundPool, poolFor } from './pool.ts'
import { InboundRouter } from './router.ts'
import { inboundRoutes } from './routes.ts'

declare module 'fastify' {
  interface FastifyInstance {
    inbound: { callers: CallerDirectory; router: InboundRouter; pool: InboundPool }
  }
}

export default fp(
  async (app) => {
    const core = app.telephony.core
    const callers = new CallerDirectory(app.db, core.deps.redis, app.redisKey)
    let router: InboundRouter | undefined
    const pool = new InboundPool(core, async (leg, agent, customerId) => {
      const twiml = await router!.connectTwiml(leg, agent, customerId)
      await core.redirect(leg.callSid, twiml)
    }, app.log)
    router = new InboundRouter(core, pool)
    app.decorate('inbound', { callers, router, pool })

    await app.register(async (scope) => {
      asTwilioWebhookScope(scope)
      await inboundRoutes(scope, core, router, callers)
    })

    core.onStatus('inbound', async (call, status) => {
      if (isFinal(status)) await pool.remove(call.callSid)
    })
    // An agent whose leg just came up can take a waiting caller.
    core.onStatus('agent', async (call, status) => {
      if (status !== 'in-progress' || call.agentId === null) return
      const agent = await core.deps.agents.get(call.agentId)
      await pool.serve(poolFor(agent?.branchId ?? null))
      await pool.serve(poolFor(null))
    })
    // An agent free again with their leg up can take one at once; one whose leg is still to
    // be placed is served when it comes up (above), so a caller is not rung on a softphone
    // whose leg is on its way.
    app.events.on('agent:presence', ({ agentId, state, branchId }) => {
      if (state !== 'available') return
      const serve = async () => {
        if (!(await core.legs.sid(agentId))) return
        await pool.serve(poolFor(branchId))
        await pool.serve(poolFor(null))
      }
      serve().catch((err) => app.log.error({ err }, 'serving the pool'))
    })

    // A corrected name or opt-out routes the customer's next call.
    app.events.on('customer:changed', ({ customerId }) => {
      callers.refresh(customerId).catch((err) => app.log.error({ err, customerId }, 'refreshing a cached caller'))
    })

    let sweep: NodeJS.Timeout | undefined
    let check: NodeJS.Timeout | undefined
    app.addHook('onReady', async () => {
      const keepComplete = () => callers.keepComplete().then((n) => n && app.log.info({ callers: n }, 'inbound caller cache warmed'))
        .catch((err) => app.log.error({ err }, 'warming the caller cache'))
      void keepComplete()
      check = setInterval(keepComplete, CHECK_EVERY_MS)
      check.unref()
      sweep = setInterval(() => pool.serveAll().catch((err) => app.log.error({ err }, 'pool sweep')), 2000)
      sweep.unref()
    })
    app.addHook('onClose', async () => {
      clearInterval(sweep)
      clearInterval(check)
    })
  },
  { name: 'inbound', dependencies: ['telephony'] },
)
