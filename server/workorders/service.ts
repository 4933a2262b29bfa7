// 工单 between a service manager and the customer's account manager (domain.md): the
// service manager sends one (from a disposition or directly), the account manager accepts
// it, does the visit and returns it with a result, and the service manager checks it.
import type { SessionUser } from '../auth/schemas.ts'
import { audit } from '../common/audit.ts'
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors.ts'
import type { Db, Prisma } from '../db/client.ts'
import type { WorkOrderCreate, WorkOrderListQuery, WorkOrderView } from './schemas.ts'

type Status = WorkOrderView['status']

const include = {
  customer: { select: { name: true, branchId: true } },
  createdBy: { select: { name: true } },
  assignee: { select: { name: true } },
} satisfies Prisma.WorkOrderInclude
type Row = Prisma.WorkOrderGetPayload<{ include: typeof include }>

const iso = (d: Date | null) => (d ? d.toISOString() : null)
function toView(o: Row): WorkOrderView {
  return {
    id: o.id, customerId: o.customerId, customerName: o.customer.name, createdBy: o.createdBy.name,
    assignee: o.assignee?.name ?? null, kind: o.kind, description: o.description, status: o.status,
    result: o.result, dueAt: iso(o.dueAt), createdAt: o.createdAt.toISOString(), updatedAt: o.updatedAt.toISOString(),
  }
}

/** Inside a caller's transaction; the assignee is the customer's account manager. */
export async function createWorkOrderIn(tx: Prisma.TransactionClient, user: SessionUser, input: { customerId: number; kind: string; description: string; dueAt?: string }, assigneeId: number | null) {
  const order = await tx.workOrder.create({
    data: { customerId: input.customerId, createdById: user.id, assigneeId, kind: input.kind, description: input.description, dueAt: input.dueAt ? new Date(input.dueAt) : null },
  })
  await audit(tx, { actorId: user.id, action: 'workorder.create', entity: 'work_order', entityId: order.id, after: { customerId: input.customerId, assigneeId, kind: input.kind } })
  return order
}

export async function createWorkOrder(db: Db, user: SessionUser, scope: Prisma.CustomerWhereInput, input: WorkOrderCreate) {
  const customer = await db.customer.findFirst({ where: { AND: [scope, { id: input.customerId }] }, select: { id: true, accountManagerId: true } })
  if (!customer) throw new NotFoundError(`customer ${input.customerId}`)
  const order = await db.$transaction((tx) => createWorkOrderIn(tx, user, input, customer.accountManagerId))
  return toView(await db.workOrder.findUniqueOrThrow({ where: { id: order.id }, include }))
}

/** Which orders a user sees: their own (sent or assigned), a supervisor their branch's, an admin all. */
function visibleTo(user: SessionUser): Prisma.WorkOrderWhereInput {
  switch (user.role) {
    case 'admin': return {}
    case 'supervisor': return { customer: { branchId: user.branchId ?? -1 } }
    case 'account_manager': return { assigneeId: user.id }
    case 'agent': return { createdById: user.id }
  }
}

export async function listWorkOrders(db: Db, user: SessionUser, query: WorkOrderListQuery) {
  const where: Prisma.WorkOrderWhereInput = { AND: [visibleTo(user), query.status ? { status: query.status } : {}, query.customerId ? { customerId: query.customerId } : {}] }
  const rows = await db.workOrder.findMany({ where, include, orderBy: { createdAt: 'desc' }, take: query.limit })
  return rows.map(toView)
}

/** Allowed moves: who may make them and from which status. */
const MOVES: Record<'accept' | 'return' | 'check', { from: Status; to: Status; by: 'assignee' | 'creator' }> = {
  accept: { from: 'sent', to: 'accepted', by: 'assignee' },
  return: { from: 'accepted', to: 'returned', by: 'assignee' },
  check: { from: 'returned', to: 'checked', by: 'creator' },
}

export async function moveWorkOrder(db: Db, user: SessionUser, id: number, move: keyof typeof MOVES, result?: string) {
  const rule = MOVES[move]
  return db.$transaction(async (tx) => {
    const order = await tx.workOrder.findFirst({ where: { AND: [visibleTo(user), { id }] } })
    if (!order) throw new NotFoundError(`work order ${id}`)
    const actor = rule.by === 'assignee' ? order.assigneeId : order.createdById
    if (actor !== user.id && user.role !== 'admin') throw new ForbiddenError(`only the ${rule.by} may ${move} this work order`)
    if (order.status !== rule.from) throw new ConflictError(`work order ${id} is ${order.status}, cannot ${move} it`)
    await tx.workOrder.update({ where: { id }, data: { status: rule.to, ...(result ? { result } : {}) } })
    await audit(tx, { actorId: user.id, action: `workorder.${move}`, entity: 'work_order', entityId: id, before: { status: order.status }, after: { status: rule.to } })
    return toView(await tx.workOrder.findUniqueOrThrow({ where: { id }, include }))
  })
}
