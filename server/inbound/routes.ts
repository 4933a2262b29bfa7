// POST /twilio/voice/inbound (contracts.md section 5): one path, three steps told apart by
// the query the previous TwiML put in its action URL. Each step's reply is kept per call, so
// a retried or replayed webhook gets the same TwiML and changes nothing.
import type { FastifyInstance } from 'fastify'
import { formValue, type FormParams } from '../common/form-body.ts'
import { ValidationError } from '../common/errors.ts'
import { legOf, required, webhookRouteOptions } from '../telephony/webhook-routes.ts'
import type { TelephonyCore } from '../telephony/service.ts'
import { PATHS } from '../telephony/urls.ts'
import type { CallerDirectory } from './directory.ts'
import type { InboundRouter, Role } from './router.ts'

const ROLES: readonly Role[] = ['manager', 'partner', 'pool']

export async function inboundRoutes(scope: FastifyInstance, core: TelephonyCore, router: InboundRouter, callers: CallerDirectory) {
  const { redis, key } = core.deps

  scope.post(PATHS.inbound, webhookRouteOptions, async (request, reply) => {
    const params = request.body as FormParams
    const query = request.query as Record<string, string | undefined>
    const leg = { ...legOf(params, {}), direction: 'inbound' as const, context: { kind: 'inbound' as const } }
    const step = query.step ?? 'start'
    const cacheKey = key('inbound', 'reply', leg.callSid, step, query.a ?? '')
    // One round trip for both (the connection pipelines commands issued together).
    const [cached, caller] = await Promise.all([redis.get(cacheKey), callers.lookup(leg.from)])
    if (cached) return reply.type('text/xml').send(cached)
    let twiml: string
    if (step === 'start') twiml = await router.start(leg, caller, params)
    else if (step === 'route') twiml = await router.route(leg, caller, formValue(params, 'Digits') ?? '')
    else if (step === 'after') {
      const agentId = Number(query.a)
      const role = query.r as Role
      if (!Number.isInteger(agentId) || agentId <= 0) throw new ValidationError('a', 'must be the agent id')
      if (!ROLES.includes(role)) throw new ValidationError('r', `must be one of ${ROLES.join(', ')}`)
      twiml = await router.after(leg, caller, agentId, role, required(params, 'DialCallStatus'))
    } else throw new ValidationError('step', 'must be start, route or after')
    // Not waited for: a retry comes seconds later, and this connection sends commands in order.
    redis.set(cacheKey, twiml, 'EX', 6 * 3600).catch((err) => request.log.error({ err }, 'keeping an inbound reply'))
    return reply.type('text/xml').send(twiml)
  })
}
