// A real server on a loopback port with the in-process emulator, the official twilio client
// pointed at it, and helpers to send webhooks signed (or not) the way Twilio signs them.
import type { FastifyInstance } from 'fastify'
import twilio from 'twilio'
import { encodeForm } from '../../../server/common/form-body.ts'
import { listeningOrigin } from '../../../server/emulator/plugin.ts'
import { build } from '../../helper.ts'

export interface Harness {
  app: FastifyInstance
  origin: string
  /** POSTs a webhook to this server, signed over PUBLIC_BASE_URL + path like Twilio (or with `signature`). */
  webhook(pathWithQuery: string, params: Record<string, string>, signature?: string | null): Promise<Response>
  close(): Promise<void>
}

export async function startHarness(overrides: Record<string, string> = {}): Promise<Harness> {
  const app = await build({ TWILIO_CPS: '20', ...overrides })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const origin = listeningOrigin(app)
  app.emulator.settings = { ...app.emulator.settings, mediaScale: 0.01, clientAnswerMs: 20 }
  return {
    app,
    origin,
    webhook(pathWithQuery, params, signature) {
      const expected = twilio.getExpectedTwilioSignature(app.config.TWILIO_AUTH_TOKEN, app.config.PUBLIC_BASE_URL + pathWithQuery, params)
      const sig = signature === undefined ? expected : signature
      return fetch(origin + pathWithQuery, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(sig === null ? {} : { 'x-twilio-signature': sig }) },
        body: encodeForm(params),
      })
    },
    close: () => app.close(),
  }
}

/** Polls until `check` returns a truthy value (or fails after `ms`). */
export async function waitFor<T>(check: () => Promise<T | undefined | null | false> | T | undefined | null | false, ms = 5000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}
