// Who may be in which room (contracts.md section 6): an agent only in their own room, a
// supervisor only in their own branch's. Nobody may join any other room, and admins and
// account managers join none (they have no live feed).
import type { SessionUser } from '../auth/schemas.ts'
import { agentRoom, branchRoom } from './events.ts'

export function ownRooms(user: SessionUser): string[] {
  if (user.role === 'agent') return [agentRoom(user.id)]
  if (user.role === 'supervisor' && user.branchId !== null) return [branchRoom(user.branchId)]
  return []
}

export function mayJoin(user: SessionUser, room: string): boolean {
  return ownRooms(user).includes(room)
}
