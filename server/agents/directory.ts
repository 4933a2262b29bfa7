// Agents' usernames, branches and A/B partners, held in memory on every node and refreshed
// from PostgreSQL every 30 s: webhook decisions read it without a query. A stale list is
// still served while the new one loads: a decision never waits for PostgreSQL (waiting
// held every webhook of the moment behind one query, 100-200 ms under load).
import type { Db } from '../db/client.ts'

export interface AgentInfo {
  id: number
  username: string
  name: string
  role: string
  branchId: number | null
  partnerId: number | null
}

export class AgentDirectory {
  private byId = new Map<number, AgentInfo>()
  private byBranch = new Map<number, number[]>()
  private loadedAt = 0
  private loading?: Promise<void>
  private queued?: Promise<void>

  constructor(
    private readonly db: Db,
    private readonly maxAgeMs = 30_000,
    /** A refresh in the background failed (the list held is kept and served meanwhile). */
    private readonly onRefreshError: (err: unknown) => void = () => {},
  ) {}

  async get(id: number): Promise<AgentInfo | undefined> {
    await this.fresh()
    const found = this.byId.get(id)
    if (found) return found
    // A user created since the last load: load again once.
    await this.reload()
    return this.byId.get(id)
  }

  /** Active agents of a branch (the general pool). */
  async agentsOf(branchId: number): Promise<AgentInfo[]> {
    await this.fresh()
    return (this.byBranch.get(branchId) ?? []).map((id) => this.byId.get(id)!)
  }

  /** Every active agent (the general pool, for callers of no known branch). */
  async allAgents(): Promise<AgentInfo[]> {
    await this.fresh()
    return [...this.byBranch.values()].flat().map((id) => this.byId.get(id)!)
  }

  /** Reads the list afresh: from a load begun after this call (shared by those who ask meanwhile). */
  async reload(): Promise<void> {
    if (!this.loading) return this.start()
    // The load in flight may have read before the caller's change: one more after it.
    this.queued ??= this.loading.catch(() => {}).then(() => {
      this.queued = undefined
      return this.loading ?? this.start()
    })
    return this.queued
  }

  private start(): Promise<void> {
    this.loading = this.load().finally(() => (this.loading = undefined))
    return this.loading
  }

  private async fresh() {
    if (this.loadedAt === 0) return this.loading ?? this.start()
    // A failed refresh keeps the list held; the next read past its age tries again. One at a
    // time: a read meanwhile does not queue another.
    if (Date.now() - this.loadedAt > this.maxAgeMs && !this.loading) this.start().catch(this.onRefreshError)
  }

  private async load() {
    const users = await this.db.user.findMany({
      where: { active: true },
      select: { id: true, username: true, name: true, role: true, branchId: true, partnerId: true },
    })
    const byId = new Map<number, AgentInfo>()
    const byBranch = new Map<number, number[]>()
    for (const u of users) {
      byId.set(u.id, u)
      if (u.role !== 'agent' || u.branchId === null) continue
      const ids = byBranch.get(u.branchId)
      if (ids) ids.push(u.id)
      else byBranch.set(u.branchId, [u.id])
    }
    this.byId = byId
    this.byBranch = byBranch
    this.loadedAt = Date.now()
  }
}
