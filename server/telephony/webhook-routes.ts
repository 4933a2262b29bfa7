// Twilio's call webhooks (contracts.md section 5): status callbacks, the answer of an
// outbound call, and the asynchronous machine-detection result. Each is signature-checked,
// recorded once (call_events unique call_sid + kind), and answered without slow queries.
import type { FastifyInstance } from 'fastify'
import { acceptForms, formValue, type FormParams } from '../common/form-body.ts'
import { ValidationError } from '../common/errors.ts'
import type { LegFacts } from './call-store.ts'
import type { TelephonyCore } from './service.ts'
import { signatureCheck } from './signature.ts'
import { holdTwiml } from './twiml.ts'
import { contextFromQuery, PATHS } from './urls.ts'

/** Form parsing and the signature check for a plugin scope that serves Twilio webhooks. */
export function asTwilioWebhookScope(scope: FastifyInstance) {
  acceptForms(scope)
  scope.addHook('preHandler', signatureCheck(scope.config.TWILIO_AUTH_TOKEN, scope.config.PUBLIC_BASE_URL))
}

export function required(params: FormParams, field: string): string {
  const v = formValue(params, field)
  if (!v) throw new ValidationError(field, 'is required')
  return v
}

/** The leg a webhook is about: its SID, direction, numbers, and the context in its URL. */
export function legOf(params: FormParams, query: unknown): LegFacts {
  return {
    callSid: required(params, 'CallSid'),
    direction: formValue(params, 'Direction') === 'inbound' ? 'inbound' : 'outbound',
    from: formValue(params, 'From') ?? '',
    to: formValue(params, 'To') ?? '',
    context: contextFromQuery(query as Record<string, string>),
  }
}

/** Webhook routes: not in the API docs, and no info-level request log (hundreds a second). */
export const webhookRouteOptions = { schema: { hide: true }, logLevel: 'warn' } as const

export async function webhookRoutes(scope: FastifyInstance, core: TelephonyCore) {
  asTwilioWebhookScope(scope)

  scope.post(PATHS.status, webhookRouteOptions, async (request, reply) => {
    const params = request.body as FormParams
    const leg = legOf(params, request.query)
    const status = required(params, 'CallStatus')
    const duration = formValue(params, 'CallDuration')
    const call = await core.recordStatus({ leg, status, durationSec: duration === undefined ? null : Number(duration), payload: params })
    if (call) await core.statusChanged(call, status, leg.context)
    return reply.code(204).send()
  })

  // An answered outbound call waits (silence) while machine detection listens and the dialer
  // picks an agent; the bridge, abandon message or drop replace this TwiML by REST update.
  scope.post(PATHS.answer, webhookRouteOptions, async (request, reply) => {
    const params = request.body as FormParams
    const leg = legOf(params, request.query)
    await core.recordEvent({ leg, kind: 'answer', payload: params })
    return reply.type('text/xml').send(holdTwiml())
  })

  scope.post(PATHS.amd, webhookRouteOptions, async (request, reply) => {
    const params = request.body as FormParams
    const leg = legOf(params, request.query)
    const answeredBy = required(params, 'AnsweredBy')
    const call = await core.recordEvent({ leg, kind: 'amd', payload: params, set: { answeredBy } })
    if (call) await core.amdReported(call, answeredBy, leg.context)
    return reply.code(204).send()
  })
}
