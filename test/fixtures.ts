// Small, explicit data for integration tests. Every test states what it needs.
import { hashPassword } from '../server/auth/passwords.ts'
import type { Db } from '../server/db/client.ts'
import type { Prisma } from '../server/db/client.ts'

let cachedHash: string | undefined
/** Every fixture user's password is 'secret-pass' (hashed once: argon2 is slow on purpose). */
async function passwordHash() {
  cachedHash ??= await hashPassword('secret-pass')
  return cachedHash
}

export async function branch(db: Db, name: string) {
  const province = await db.branch.upsert({ where: { name: '山西省' }, update: {}, create: { name: '山西省', kind: 'province' } })
  return db.branch.upsert({ where: { name }, update: {}, create: { name, kind: 'city', parentId: province.id } })
}

export async function user(db: Db, data: { username: string; role: 'agent' | 'supervisor' | 'admin' | 'account_manager'; branchId?: number | null; partnerId?: number; name?: string }) {
  return db.user.create({
    data: { name: data.name ?? data.username, passwordHash: await passwordHash(), ...data, branchId: data.branchId ?? null },
  })
}

let msisdnSeq = 0
export async function customer(db: Db, data: Partial<Prisma.CustomerUncheckedCreateInput> & { branchId: number }) {
  msisdnSeq++
  return db.customer.create({
    data: {
      msisdn: `+86138${String(10_000_000 + msisdnSeq).slice(-8)}`,
      name: `客户${msisdnSeq}`,
      network: 'G',
      tier: 'gold',
      cardType: 'normal',
      payment: 'postpaid',
      status: 'active',
      joinedOn: new Date('2020-01-01'),
      ...data,
    },
  })
}
