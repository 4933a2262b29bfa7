// Every Twilio webhook is checked against X-Twilio-Signature, computed by Twilio over the
// public URL it called (PUBLIC_BASE_URL + path and query) and the posted form fields.
// Anything else gets 403 before a handler runs, so a forged request changes nothing.
//
// The signature Twilio sends is over exactly that URL, so it is checked first, with the auth
// token imported once as an HMAC key; only a mismatch goes on to the twilio package's
// validateRequest, which also tries the URL with and without its port and with a re-encoded
// query (several more HMACs). A genuine webhook thus costs one HMAC, a forged one a few.
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import twilio from 'twilio'
import type { FormParams } from '../common/form-body.ts'

/** HMAC-SHA1 over the URL and the fields sorted by name, each name followed by its value(s), base64. */
export function expectedSignature(key: KeyObject, url: string, params: FormParams): string {
  const hmac = createHmac('sha1', key).update(url)
  for (const name of Object.keys(params).sort()) {
    const value = params[name]!
    // Repeated fields are signed once per distinct value, in sorted order (as twilio does).
    for (const v of Array.isArray(value) ? [...new Set(value)].sort() : [value]) hmac.update(name).update(v)
  }
  return hmac.digest('base64')
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

export function signatureCheck(authToken: string, publicBaseUrl: string) {
  const key = createSecretKey(Buffer.from(authToken, 'utf8'))
  return async function checkTwilioSignature(request: FastifyRequest, reply: FastifyReply) {
    const signature = request.headers['x-twilio-signature']
    const params = (request.body ?? {}) as FormParams
    const url = publicBaseUrl + request.url
    const valid = typeof signature === 'string' &&
      (sameSignature(expectedSignature(key, url, params), signature) || twilio.validateRequest(authToken, signature, url, params))
    if (!valid) {
      request.log.warn({ url: request.url.split('?')[0] }, 'webhook refused: bad or missing X-Twilio-Signature')
      return reply.code(403).send({ error: 'FORBIDDEN', message: 'invalid or missing X-Twilio-Signature' })
    }
  }
}
