import type { Db, Prisma } from '../db/client.ts'
import { audit, changedFields } from '../common/audit.ts'
import { NotFoundError } from '../common/errors.ts'
import type { CustomerPatch, ListQuery } from './schemas.ts'
import { customerViewInclude, toCustomerView } from './view.ts'

export async function listCustomers(db: Db, scope: Prisma.CustomerWhereInput, query: ListQuery) {
  const where: Prisma.CustomerWhereInput = { AND: [scope] }
  if (query.q) (where.AND as Prisma.CustomerWhereInput[]).push({ OR: [{ name: { contains: query.q } }, { msisdn: { contains: query.q } }] })
  if (query.tier) (where.AND as Prisma.CustomerWhereInput[]).push({ tier: query.tier as Prisma.CustomerWhereInput['tier'] })
  const [total, rows] = await Promise.all([
    db.customer.count({ where }),
    db.customer.findMany({ where, include: customerViewInclude, orderBy: { id: 'asc' }, take: query.limit, skip: query.offset }),
  ])
  return { total, items: rows.map(toCustomerView) }
}

export async function getCustomer(db: Db, scope: Prisma.CustomerWhereInput, id: number) {
  const row = await db.customer.findFirst({ where: { AND: [scope, { id }] }, include: customerViewInclude })
  if (!row) throw new NotFoundError(`customer ${id}`)
  return toCustomerView(row)
}

/** Applies a patch and its audit row in one transaction; a no-op patch writes nothing. */
export async function updateCustomer(db: Db, scope: Prisma.CustomerWhereInput, id: number, patch: CustomerPatch, actorId: number, ip: string) {
  return db.$transaction((tx) => updateCustomerIn(tx, scope, id, patch, actorId, ip))
}

/** updateCustomer inside a caller's transaction (a disposition that corrects the profile commits both or neither). */
export async function updateCustomerIn(tx: Prisma.TransactionClient, scope: Prisma.CustomerWhereInput, id: number, patch: CustomerPatch, actorId: number, ip: string) {
  const data = { ...patch, birthday: patch.birthday ? new Date(`${patch.birthday}T00:00:00Z`) : undefined }
  const current = await tx.customer.findFirst({ where: { AND: [scope, { id }] } })
  if (!current) throw new NotFoundError(`customer ${id}`)
  const diff = changedFields(current as unknown as Record<string, unknown>, data as Record<string, unknown>)
  if (diff.changed) {
    await tx.customer.update({ where: { id }, data: { ...data, updatedAt: new Date() } })
    await audit(tx, { actorId, action: 'customer.update', entity: 'customer', entityId: id, before: diff.before, after: diff.after, ip })
  }
  const row = await tx.customer.findUniqueOrThrow({ where: { id }, include: customerViewInclude })
  return toCustomerView(row)
}
