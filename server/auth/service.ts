import type { Db } from '../db/client.ts'
import { audit } from '../common/audit.ts'
import { verifyPassword } from './passwords.ts'
import type { SessionUser } from './schemas.ts'

// Compared against when the username is unknown, so both failures take the same time.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$3W1HvyBCwxZHCD8Yt6GCIw$BgJi1KM4iXZYosmjpTO7G7SF86bNCG4iFiaak8LU+r4'

/** Checks credentials and audits the attempt; returns the session user or null. */
export async function login(db: Db, username: string, password: string, ip: string): Promise<SessionUser | null> {
  const user = await db.user.findUnique({ where: { username } })
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password)
  const success = Boolean(user && user.active && ok)
  await audit(db, {
    actorId: user?.id ?? null,
    action: success ? 'login' : 'login_failed',
    entity: 'user',
    entityId: user?.id ?? null,
    after: { username },
    ip,
  })
  if (!success || !user) return null
  return { id: user.id, username: user.username, name: user.name, role: user.role, branchId: user.branchId }
}
