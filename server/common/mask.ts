// Personal data is masked in lists and never logged (DEVELOPERS.md, "Standards").

/** 110101199003071234 -> 110***********1234 : keeps what a caller may read back to verify. */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return id ?? null
  if (id.length <= 4) return '*'.repeat(id.length)
  const head = id.length > 10 ? 3 : 0
  return id.slice(0, head) + '*'.repeat(id.length - head - 4) + id.slice(-4)
}

/** Keeps the district (first 6 characters), hides the rest: 北京市朝阳区****** */
export function maskAddress(address: string | null | undefined): string | null {
  if (!address) return address ?? null
  const keep = Math.min(6, Math.floor(address.length / 2))
  return address.slice(0, keep) + '*'.repeat(Math.max(3, address.length - keep))
}

/** +8613800138000 -> +86138****8000 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null
  if (phone.length < 8) return '*'.repeat(phone.length)
  return phone.slice(0, phone.length - 8) + '****' + phone.slice(-4)
}

/**
 * Paths pino redacts in every log line. Request bodies are never logged whole, but a
 * handler that logs an object carrying a customer must not leak these fields either.
 */
export const redactPaths = [
  'idNumber', 'id_number', 'address', 'password', 'passwordHash',
  '*.idNumber', '*.id_number', '*.address', '*.password', '*.passwordHash',
  '*.*.idNumber', '*.*.id_number', '*.*.address', '*.*.password',
  'req.headers.authorization', 'req.headers.cookie',
]
