// Webhook URLs: PUBLIC_BASE_URL + the paths of contracts.md section 5. A leg's context rides
// in the query string (it is part of what Twilio signs), so whichever node receives a
// callback knows the campaign, entry, customer and agent without a lookup.
import type { CallContext } from './call-store.ts'

export const PATHS = {
  inbound: '/twilio/voice/inbound',
  answer: '/twilio/voice/answer',
  status: '/twilio/voice/status',
  amd: '/twilio/voice/amd',
} as const

const KEYS = { campaignId: 'c', entryId: 'e', customerId: 'u', agentId: 'a', peerId: 'p' } as const

export function webhookUrl(base: string, path: string, context?: CallContext, extra: Record<string, string | number> = {}): string {
  const q = new URLSearchParams()
  if (context) {
    q.set('k', context.kind)
    for (const [field, key] of Object.entries(KEYS)) {
      const v = context[field as keyof typeof KEYS]
      if (v !== undefined) q.set(key, String(v))
    }
    if (context.dialId) q.set('d', context.dialId)
  }
  for (const [k, v] of Object.entries(extra)) q.set(k, String(v))
  const query = q.toString()
  return base + path + (query ? `?${query}` : '')
}

const KINDS: readonly CallContext['kind'][] = ['customer', 'agent', 'inbound', 'supervisor', 'transfer']

/** The context a webhook URL carries; absent (a number's own callback) means an inbound leg. */
export function contextFromQuery(query: Record<string, string | undefined>): CallContext {
  const kind = KINDS.includes(query.k as CallContext['kind']) ? (query.k as CallContext['kind']) : 'inbound'
  const ctx: CallContext = { kind }
  for (const [field, key] of Object.entries(KEYS)) {
    const n = Number(query[key])
    if (query[key] !== undefined && Number.isInteger(n) && n > 0) ctx[field as keyof typeof KEYS] = n
  }
  if (query.d) ctx.dialId = query.d
  return ctx
}
