import { hash, verify } from '@node-rs/argon2'

/** argon2id with the library's defaults (OWASP's minimum: 19 MiB, 2 passes). */
export const hashPassword = (plain: string) => hash(plain)

export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  try {
    return await verify(passwordHash, plain)
  } catch {
    return false // a malformed stored hash is a failed login, not a 500
  }
}
