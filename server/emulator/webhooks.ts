// Requests the emulator makes to the application, signed the way Twilio signs them:
// X-Twilio-Signature = HMAC-SHA1(auth token, URL + sorted params), from the twilio package.
// They go through undici's request API on a keep-alive agent of bounded size: far less work
// per webhook than fetch (no web streams, no AbortSignal per request), which matters when the
// emulator plays hundreds of calls a second in a benchmark.
import twilio from 'twilio'
import { Agent, request } from 'undici'
import { encodeForm } from '../common/form-body.ts'
import type { Webhook } from './model.ts'

export interface WebhookReply {
  status: number
  contentType: string
  body: string
}

export interface WebhookOptions {
  authToken: string
  /** Where a URL is really delivered (the in-process emulator reaches its own server). */
  deliverTo: (url: string) => string
  /** Twilio gives up on a webhook after 15 s. */
  timeoutMs?: number
  /** Told how long each webhook took to be answered (benchmarks). */
  observe?: (url: string, ms: number, status: number) => void
}

export class WebhookClient {
  private readonly agent = new Agent({ connections: 64, keepAliveTimeout: 10_000 })

  constructor(private readonly opts: WebhookOptions) {}

  /** Sends one webhook. Network failures resolve as status 0 (Twilio logs error 11200). */
  async send(hook: Webhook, params: Record<string, string>): Promise<WebhookReply> {
    const signedUrl = hook.method === 'GET' ? withQuery(hook.url, params) : hook.url
    const signature = twilio.getExpectedTwilioSignature(this.opts.authToken, signedUrl, hook.method === 'GET' ? {} : params)
    const started = performance.now()
    const timeout = this.opts.timeoutMs ?? 15_000
    try {
      const res = await request(this.opts.deliverTo(signedUrl), {
        dispatcher: this.agent,
        method: hook.method,
        headers: {
          'x-twilio-signature': signature,
          'user-agent': 'TwilioProxy/1.1',
          ...(hook.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } : {}),
        },
        body: hook.method === 'POST' ? encodeForm(params) : undefined,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      })
      const contentType = res.headers['content-type']
      const reply = { status: res.statusCode, contentType: (Array.isArray(contentType) ? contentType[0] : contentType) ?? '', body: await res.body.text() }
      this.opts.observe?.(hook.url, performance.now() - started, reply.status)
      return reply
    } catch (err) {
      this.opts.observe?.(hook.url, performance.now() - started, 0)
      return { status: 0, contentType: '', body: (err as Error).message }
    }
  }

  /** Drops open connections and any webhook still under way (the emulator is going away). */
  destroy(): Promise<void> {
    return this.agent.destroy()
  }
}

function withQuery(url: string, params: Record<string, string>): string {
  const query = encodeForm(params)
  if (!query) return url
  return url + (url.includes('?') ? '&' : '?') + query
}
