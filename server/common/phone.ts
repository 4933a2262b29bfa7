/**
 * Normalises a Chinese mobile number to E.164: accepts 11-digit national numbers starting
 * with 1, and +86/0086-prefixed or other E.164 numbers. Returns null when it is not one.
 */
export function toE164(raw: string): string | null {
  const compact = raw.replace(/[\s-]/g, '')
  if (/^1[3-9]\d{9}$/.test(compact)) return `+86${compact}`
  if (/^0086(1[3-9]\d{9})$/.test(compact)) return `+86${compact.slice(4)}`
  if (/^\+861[3-9]\d{9}$/.test(compact)) return compact
  if (/^\+86/.test(compact)) return null
  if (/^\+[1-9]\d{6,14}$/.test(compact)) return compact
  return null
}
