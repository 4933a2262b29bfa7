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

/**
 * A contact number: a mobile (as toE164) or a Chinese landline with its area code
 * (0351-1234567, 010 12345678) → +863511234567. Returns null when it is neither.
 */
export function contactToE164(raw: string): string | null {
  const mobile = toE164(raw)
  if (mobile) return mobile
  const compact = raw.replace(/[\s-]/g, '')
  return /^0[1-9]\d{8,10}$/.test(compact) ? `+86${compact.slice(1)}` : null
}
