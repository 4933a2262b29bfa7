// A real server on a loopback port with the in-process emulator, the official twilio client
// pointed at it, and helpers to send webhooks signed (or not) the way Twilio signs them.
import type { FastifyInstance } from 'fastify'
import twilio from 'twilio'
import { encodeForm } from '../../../server/common/form-body.ts'
import { build, listenOnLoopback } from '../../helper.ts'

export interface Harness {
  app: FastifyInstance
  origin: string
  /** POSTs a webhook to this server, signed over PUBLIC_BASE_URL + path like Twilio (or with `signature`). */
  webhook(pathWithQuery: string, params: Record<string, string>, signature?: string | null): Promise<Response>
  close(): Promise<void>
}

export async function startHarness(overrides: Record<string, string> = {}): Promise<Harness> {
  const app = await build({ TWILIO_CPS: '20', ...overrides })
  const origin = await listenOnLoopback(app)
  app.emulator.settings = { ...app.emulator.settings, mediaScale: 0.01, timeoutScale: 0.1, clientAnswerMs: 20 }
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

/** The agent sets their status through the API, as the softphone does. */
export async function setStatus(h: Harness, token: string, status: 'available' | 'break' | 'offline') {
  const res = await h.app.inject({ method: 'PUT', url: '/api/agents/me/status', headers: { authorization: `Bearer ${token}` }, payload: { status } })
  if (res.statusCode !== 200) throw new Error(`status ${status}: ${res.statusCode} ${res.body}`)
}

/** Waits until the agent's softphone leg is up in their conference. */
export function legUp(h: Harness, agentId: number) {
  return waitFor(() => h.app.telephony.legs.sid(agentId), 5000, `agent ${agentId}'s leg`)
}

/** The emulator's view of a call: its status and every TwiML document it ran. */
export async function emulatorCall(h: Harness, sid: string) {
  const res = await fetch(`${h.origin}/emulator/calls/${sid}`)
  return (await res.json()) as { status: string; twiml: { at: number; xml: string }[]; queue_sid: string | null; conference_sid: string | null; log: { at: number; event: string; detail?: string }[] }
}

export async function startInbound(h: Harness, from: string, extra: { digits?: string; talkSeconds?: number } = {}) {
  const res = await fetch(`${h.origin}/emulator/inbound`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, to: '+8610086', talkSeconds: 30, ...extra }),
  })
  return ((await res.json()) as { callSid: string }).callSid
}

/** Ends every live emulated call and waits until the server has seen them end. */
export async function hangUpAll(h: Harness) {
  const live = [...h.app.emulator.calls.values()].filter((c) => !h.app.emulator.isOver(c))
  for (const c of live) h.app.emulator.end(c, c.answeredAt ? 'completed' : 'canceled', 'test cleanup')
  await waitFor(async () => {
    for (const pool of await h.app.redis.smembers(h.app.redisKey('inbound', 'pools'))) {
      if ((await h.app.inbound.pool.waiting(pool)).length) return false
    }
    return true
  }, 5000, 'pools to empty')
}
