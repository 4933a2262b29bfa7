// Twilio resource identifiers: a two-letter type prefix and 32 hex digits (CA… calls,
// CF… conferences, QU… queues). Random, like Twilio's, so two emulators never collide.
import { randomBytes } from 'node:crypto'

export type SidPrefix = 'CA' | 'CF' | 'QU'

export function newSid(prefix: SidPrefix): string {
  return prefix + randomBytes(16).toString('hex')
}

export const isSid = (value: string, prefix: SidPrefix) => new RegExp(`^${prefix}[0-9a-f]{32}$`).test(value)

/** Twilio's date format in JSON and webhooks: RFC 2822 with a numeric zone. */
export function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000')
}
