// application/x-www-form-urlencoded bodies as Twilio sends and accepts them: repeated keys
// (StatusCallbackEvent=initiated&StatusCallbackEvent=ringing) become arrays, every other
// value stays a string, exactly what twilio.validateRequest expects to re-sign.
import type { FastifyInstance } from 'fastify'

export type FormParams = Record<string, string | string[]>

export function parseForm(body: string): FormParams {
  const out: FormParams = {}
  for (const [key, value] of new URLSearchParams(body)) {
    const seen = out[key]
    if (seen === undefined) out[key] = value
    else if (Array.isArray(seen)) seen.push(value)
    else out[key] = [seen, value]
  }
  return out
}

/** Encodes params the way the twilio client and Twilio's webhooks do (arrays as repeated keys). */
export function encodeForm(params: Record<string, string | string[] | number | boolean | undefined | null>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v))
  }
  return search.toString()
}

/** Registers the form parser in the calling (encapsulated) plugin's context. */
export function acceptForms(app: FastifyInstance) {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_request, body, done) => {
    done(null, parseForm(body as string))
  })
}

/** One value of a form field (the first when repeated). */
export function formValue(params: FormParams, key: string): string | undefined {
  const v = params[key]
  return Array.isArray(v) ? v[0] : v
}
