// Who may see which customers (issue 3, "Auth"): admins everything; supervisors and agents
// only their own branch; an agent only their own portfolio, plus the portfolio of an A/B
// partner who is absent right now.
import type { Prisma } from '../db/client.ts'
import type { Db } from '../db/client.ts'
import type { PresenceStore } from '../agents/presence.ts'
import type { SessionUser } from './schemas.ts'

export async function customerScope(user: SessionUser, db: Db, presence: PresenceStore): Promise<Prisma.CustomerWhereInput> {
  switch (user.role) {
    case 'admin':
      return {}
    case 'supervisor':
      return { branchId: user.branchId ?? -1 }
    case 'account_manager':
      return { accountManagerId: user.id }
    case 'agent': {
      const managers = [user.id]
      const partners = await db.user.findMany({
        where: { OR: [{ partnerId: user.id }, { partnerOf: { some: { id: user.id } } }] },
        select: { id: true },
      })
      for (const p of partners) if (await presence.isAbsent(p.id)) managers.push(p.id)
      return { branchId: user.branchId ?? -1, serviceManagerId: { in: managers } }
    }
  }
}
