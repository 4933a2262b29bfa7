// The supervisor wallboard of one branch (issue 7): per campaign and team — queue depth by
// reason, calls in flight, dial ratio, answer / machine / abandon rates today and over 30
// days against the target, inbound service level, agents by state with time in state and
// current customer. Figures that move slowly are cached briefly so a push every second
// stays cheap.
import type { FastifyInstance } from 'fastify'
import type { AgentState, CampaignBoard, Rate, TeamBoard, Wallboard } from '../realtime/events.ts'
import * as q from './wallboard-queries.ts'

/** domain.md: answer within three rings (about 15 seconds). */
export const INBOUND_TARGET_SECONDS = 15
const STATES: AgentState[] = ['available', 'on_call', 'wrap_up', 'break', 'offline']

const rate = (numerator: number, denominator: number): Rate => ({ numerator, denominator, rate: denominator ? numerator / denominator : null })

class Memo {
  private readonly entries = new Map<string, { until: number; value: Promise<unknown> }>()
  get<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key)
    if (hit && hit.until > Date.now()) return hit.value as Promise<T>
    const value = load()
    this.entries.set(key, { until: Date.now() + ttlMs, value })
    value.catch(() => this.entries.delete(key))
    return value
  }
}

/** The pacing numbers the dialer publishes (campaign:stats), kept in Redis for every node. */
export const campaignStatsKey = (app: FastifyInstance) => app.redisKey('campaign-stats')

export class WallboardBuilder {
  private readonly memo = new Memo()
  constructor(private readonly app: FastifyInstance) {}

  async build(branchId: number): Promise<Wallboard> {
    const { db } = this.app
    const today = await this.memo.get('today', 60_000, () => q.startOfToday(db, this.app.config.TZ))
    const month = new Date(Date.now() - 30 * 86_400_000)
    const [campaigns, teams, agents] = await this.memo.get(`org:${branchId}`, 10_000, () => Promise.all([
      db.campaign.findMany({ where: { OR: [{ branchId }, { branchId: null }] }, orderBy: { id: 'asc' } }),
      db.team.findMany({ where: { branchId }, orderBy: { id: 'asc' } }),
      db.user.findMany({ where: { branchId, role: 'agent', active: true }, include: { team: { select: { name: true } } }, orderBy: { name: 'asc' } }),
    ]))
    const ids = campaigns.map((c) => c.id)
    const agentIds = agents.map((a) => a.id)
    const [depth, reasons, todayCalls, monthCalls, inbound, presence, talking, stats] = await Promise.all([
      this.memo.get(`depth:${branchId}`, 5_000, () => q.queueDepth(db, branchId)),
      this.memo.get(`reasons:${branchId}`, 5_000, () => q.depthByReason(db, branchId)),
      q.callOutcomes(db, branchId, ids, today),
      this.memo.get(`month:${branchId}`, 60_000, () => q.callOutcomes(db, branchId, ids, month)),
      q.inboundServiceLevel(db, branchId, today, INBOUND_TARGET_SECONDS),
      this.app.presence.getMany(agentIds),
      agentIds.length ? q.currentCustomers(db, agentIds) : [],
      this.app.redis.hgetall(campaignStatsKey(this.app)),
    ])

    const outcome = (rows: q.CallRow[], id: number) => {
      const r = rows.find((x) => x.campaignId === id) ?? { placed: 0, human: 0, machine: 0, abandoned: 0, inFlight: 0 }
      return { placed: r.placed, answer: rate(r.human, r.placed), machine: rate(r.machine, r.placed), abandon: rate(r.abandoned, r.human), inFlight: r.inFlight }
    }
    const boards: CampaignBoard[] = campaigns.map((c) => {
      const t = outcome(todayCalls, c.id)
      const m = outcome(monthCalls, c.id)
      const pacing = stats[String(c.id)] ? (JSON.parse(stats[String(c.id)]!) as Record<string, number>) : null
      return {
        id: c.id, code: c.code, name: c.name, status: c.status, dialMode: c.dialMode,
        dialRatio: Number(c.dialRatio), abandonTarget: Number(c.abandonTarget),
        schedule: Array.isArray(c.schedule) ? (c.schedule as { from: string; to: string }[]) : [],
        queueDepth: depth.filter((d) => d.campaignId === c.id).reduce((s, d) => s + d.n, 0),
        depthByReason: Object.fromEntries(reasons.filter((r) => r.campaignId === c.id).map((r) => [r.reason, r.n])),
        callsInFlight: t.inFlight,
        // Live only while paced: a paused campaign's last figure would be stale.
        currentRatio: c.status === 'running' ? pacing?.dialRatio ?? null : null,
        today: { placed: t.placed, answer: t.answer, machine: t.machine, abandon: t.abandon },
        last30Days: { placed: m.placed, answer: m.answer, machine: m.machine, abandon: m.abandon },
      }
    })

    const rows = agents.map((a) => {
      const p = presence.get(a.id) ?? { state: 'offline' as const, since: 0 }
      return { id: a.id, name: a.name, username: a.username, team: a.team?.name ?? null, teamId: a.teamId, state: p.state, since: p.since, customer: talking.find((x) => x.agentId === a.id)?.name ?? null }
    })
    const teamBoards: TeamBoard[] = teams.map((t) => ({
      id: t.id,
      name: t.name,
      byState: Object.fromEntries(STATES.map((s) => [s, rows.filter((r) => r.teamId === t.id && r.state === s).length])) as Record<AgentState, number>,
      queueDepth: depth.filter((d) => d.teamId === t.id).reduce((s, d) => s + d.n, 0),
    }))
    return {
      branchId,
      at: Date.now(),
      campaigns: boards,
      teams: teamBoards,
      agents: rows.map(({ teamId: _teamId, ...r }) => r),
      inbound: { offered: inbound.offered, answeredInTarget: inbound.inTarget, serviceLevel: inbound.offered ? inbound.inTarget / inbound.offered : null, targetSeconds: INBOUND_TARGET_SECONDS },
    }
  }
}
