// What every emulated REST route shares: HTTP basic auth with AccountSid:AuthToken, Twilio's
// error body {code, message, more_info, status}, and reading Twilio's form parameters.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { formValue, type FormParams } from '../common/form-body.ts'
import type { Webhook } from './model.ts'

export class TwilioRestError extends Error {
  constructor(readonly status: number, readonly code: number, message: string) {
    super(message)
  }
}

export function sendTwilioError(reply: FastifyReply, err: TwilioRestError) {
  return reply.code(err.status).send({
    code: err.code,
    message: err.message,
    more_info: `https://www.twilio.com/docs/errors/${err.code}`,
    status: err.status,
  })
}

export const notFound = (request: FastifyRequest) =>
  new TwilioRestError(404, 20404, `The requested resource ${request.url.split('?')[0]} was not found`)

/** 401 with Twilio's 20003 unless the request carries this account's credentials. */
export function checkAuth(request: FastifyRequest, accountSid: string, authToken: string) {
  const expected = 'Basic ' + Buffer.from(`${accountSid}:${authToken}`).toString('base64')
  if (request.headers.authorization !== expected) throw new TwilioRestError(401, 20003, 'Authentication Error - invalid username')
  const { AccountSid } = request.params as { AccountSid?: string }
  if (AccountSid !== undefined && AccountSid !== accountSid) throw notFound(request)
}

export function form(request: FastifyRequest): FormParams {
  return (request.body ?? {}) as FormParams
}

export function str(params: FormParams, key: string): string | undefined {
  const v = formValue(params, key)
  return v === undefined || v === '' ? undefined : v
}

export function bool(params: FormParams, key: string, fallback: boolean): boolean {
  const v = str(params, key)
  return v === undefined ? fallback : v.toLowerCase() === 'true'
}

export function list(params: FormParams, key: string): string[] {
  const v = params[key]
  const values = Array.isArray(v) ? v : v === undefined ? [] : [v]
  // Twilio accepts both repeated keys and space-separated values.
  return values.flatMap((x) => x.split(/\s+/)).filter(Boolean)
}

export function webhook(params: FormParams, urlKey: string, methodKey: string): Webhook | undefined {
  const url = str(params, urlKey)
  if (!url) return undefined
  if (!/^https?:\/\//.test(url)) throw new TwilioRestError(400, 21205, `${urlKey} is not a valid URL: ${url}`)
  return { url, method: str(params, methodKey)?.toUpperCase() === 'GET' ? 'GET' : 'POST' }
}

/** Twilio accepts E.164 numbers and client:identity as call endpoints. */
export function endpoint(params: FormParams, key: 'To' | 'From', code: number): string {
  const v = str(params, key)
  if (!v) throw new TwilioRestError(400, code, `No '${key}' number is specified`)
  if (!/^(\+[1-9]\d{6,14}|client:[A-Za-z0-9_.@-]+)$/.test(v)) throw new TwilioRestError(400, key === 'To' ? 21211 : 21212, `Invalid '${key}' Phone Number: ${v}`)
  return v
}
