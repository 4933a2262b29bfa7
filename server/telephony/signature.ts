// Every Twilio webhook is checked against X-Twilio-Signature, computed by Twilio over the
// public URL it called (PUBLIC_BASE_URL + path and query) and the posted form fields.
// Anything else gets 403 before a handler runs, so a forged request changes nothing.
import type { FastifyReply, FastifyRequest } from 'fastify'
import twilio from 'twilio'
import type { FormParams } from '../common/form-body.ts'

export function signatureCheck(authToken: string, publicBaseUrl: string) {
  return async function checkTwilioSignature(request: FastifyRequest, reply: FastifyReply) {
    const signature = request.headers['x-twilio-signature']
    const params = (request.body ?? {}) as FormParams
    if (typeof signature !== 'string' || !twilio.validateRequest(authToken, signature, publicBaseUrl + request.url, params)) {
      request.log.warn({ url: request.url.split('?')[0] }, 'webhook refused: bad or missing X-Twilio-Signature')
      return reply.code(403).send({ error: 'FORBIDDEN', message: 'invalid or missing X-Twilio-Signature' })
    }
  }
}
