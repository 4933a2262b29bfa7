// Paces one running campaign on the node holding its lease: reads the campaign's event
// stream, polls its agents' presence, ticks every second, and runs the dialer's commands.
// Before any command runs, the dialer's state, the stream position and the commands
// themselves are saved (fenced by the lease), so the node that takes over after a crash
// resumes exactly there and re-runs what may not have been done.
import type { Redis } from 'ioredis'
import type { Presence } from '../../agents/presence.ts'
import { campaignConfig } from '../../../dialer/core/config.ts'
import { Dialer } from '../../../dialer/core/dialer.ts'
import type { DialerSnapshot } from '../../../dialer/core/state.ts'
import type { DialerCommand, DialerEvent, DialMode } from '../../../dialer/core/types.ts'
import type { Db } from '../../db/client.ts'
import type { TelephonyCore } from '../../telephony/service.ts'
import { newBook, pruneBook, type Book } from './book.ts'
import { runCommand, type CampaignFacts, type CommandDeps } from './commands.ts'
import { streamKey, type FedEvent } from './feed.ts'
import type { Lease } from './lease.ts'
import { callEnded, presenceEvents } from './presence-feed.ts'

export interface PacerDeps {
  core: TelephonyCore
  db: Db
  /** A connection of its own: XREAD BLOCK holds it. */
  reader: Redis
  centreTimeZone: string
}

const FINAL_EVENTS = new Set(['call_ended', 'call_no_answer', 'call_busy', 'call_failed'])
const TICK_MS = 1000
/** How long past wrapSeconds a wrap-up may last before the pacing node ends it. */
const WRAP_GRACE_S = 5

type CampaignRow = CampaignFacts & { dialMode: string; dialRatio: number; abandonTarget: number; wrapSeconds: number }

export class Pacer {
  private dialer!: Dialer
  private book!: Book
  private lastId = '0'
  private campaign!: CampaignRow
  private stopped = false
  private lastTick = 0
  private done?: Promise<void>

  constructor(private readonly deps: PacerDeps, readonly campaignId: number, private readonly lease: Lease) {}

  private get stateKey() {
    return this.deps.core.deps.key('campaign', this.campaignId, 'pacer')
  }

  /** Loads or creates the dialer, finishes the commands a previous node left, then paces until stopped. */
  async start() {
    this.campaign = await this.loadCampaign()
    const saved = await this.deps.core.deps.redis.hgetall(this.stateKey)
    if (saved.snapshot) {
      this.dialer = Dialer.restore(JSON.parse(saved.snapshot) as DialerSnapshot)
      this.book = JSON.parse(saved.book!) as Book
      this.lastId = saved.lastId ?? '0'
    } else {
      this.dialer = Dialer.create(campaignConfig({ mode: dialMode(this.campaign), abandonTarget: this.campaign.abandonTarget, leaveVoicemail: this.campaign.voicemailText !== null }))
      this.book = newBook()
      // A new dialer starts from now: older events are about calls no dialer of ours placed.
      this.lastId = (await this.lastStreamId(streamKey(this.deps.core.deps.key, this.campaignId))) ?? '0'
    }
    await this.releaseOrphans()
    await this.run(saved.pending ? (JSON.parse(saved.pending) as DialerCommand[]) : [])
    this.done = this.loop()
  }

  async stop() {
    this.stopped = true
    await this.done
  }

  get stats() {
    return this.dialer.stats
  }

  private async loop() {
    const stream = streamKey(this.deps.core.deps.key, this.campaignId)
    while (!this.stopped) {
      try {
        const read = await this.deps.reader.xread('COUNT', 200, 'BLOCK', 200, 'STREAMS', stream, this.lastId)
        if (this.stopped) break
        const out: DialerCommand[] = []
        for (const [id, fields] of read?.[0]?.[1] ?? []) {
          this.lastId = id
          out.push(...this.hear(JSON.parse(fields[1]!) as FedEvent))
        }
        const now = Date.now()
        const wake = this.dialer.nextWakeAt()
        let changed = read !== null
        if (now - this.lastTick >= TICK_MS || (wake !== undefined && wake <= now)) {
          this.lastTick = now
          const agentEvents = await this.agentEvents()
          changed ||= agentEvents.length > 0
          out.push(...agentEvents.flatMap(this.feed), ...this.dialer.handle({ type: 'tick' }, { now }))
          this.deps.core.deps.events.emit('campaign:stats', { campaignId: this.campaignId, branchId: this.campaign.branchId, stats: { ...this.dialer.stats, ...this.dialer.load }, at: now })
        }
        if (out.length || changed) await this.run(out)
      } catch (err) {
        this.deps.core.deps.log.error({ err, campaignId: this.campaignId }, 'pacing step failed')
        await new Promise((r) => setTimeout(r, 500))
      }
    }
  }

  /** One event from the stream into the dialer. */
  private hear(fed: FedEvent): DialerCommand[] {
    const { event } = fed
    if (event.type === 'call_placed' && fed.callSid) {
      const call = this.book.calls[event.callId]
      if (call) call.callSid = fed.callSid
    }
    const out = this.dialer.handle(event, { now: Date.now() })
    if (FINAL_EVENTS.has(event.type) && 'callId' in event) {
      callEnded(this.book.agents, event.callId)
      delete this.book.calls[event.callId]
    }
    return out
  }

  private feed = (event: DialerEvent) => this.dialer.handle(event, { now: Date.now() })

  /** What changed about the campaign's agents since the last poll, as dialer events. */
  private async agentEvents(): Promise<DialerEvent[]> {
    const { agents, presence } = this.deps.core.deps
    const list = this.campaign.branchId === null ? await agents.allAgents() : await agents.agentsOf(this.campaign.branchId)
    const ids = list.map((a) => a.id)
    const states = await presence.getMany(ids)
    await this.endLostWrapUps(states)
    return presenceEvents(this.book.agents, states, await this.deps.core.legs.connected(ids))
  }

  /**
   * Wrap-up ends on a timer held by the node that saw the call end (server/realtime); if
   * that node died, the agent would wait for ever. The pacing node ends wrap-ups of its own
   * calls that ran well past the campaign's wrapSeconds.
   */
  private async endLostWrapUps(states: Map<number, Presence>) {
    const { presence, events, agents } = this.deps.core.deps
    const limit = Date.now() - (this.campaign.wrapSeconds + WRAP_GRACE_S) * 1000
    for (const [id, p] of states) {
      if (p.state !== 'wrap_up' || p.since > limit || !this.book.agents.ours[String(id)]?.ended) continue
      const next = await presence.set(id, 'available')
      events.emit('agent:presence', { agentId: id, branchId: (await agents.get(id))?.branchId ?? null, ...next })
      states.set(id, next)
    }
  }

  /** Saves, then runs, commands and the commands they lead to, until none are left. */
  private async run(commands: DialerCommand[]) {
    let pending = commands
    const deps: CommandDeps = {
      core: this.deps.core, db: this.deps.db, campaign: this.campaign, book: this.book, feed: this.feed,
      loggedIn: () => Object.entries(this.book.agents.told).filter(([, t]) => t === 'in').map(([id]) => Number(id)),
      centreTimeZone: this.deps.centreTimeZone,
    }
    do {
      if (!(await this.save(pending))) {
        this.stopped = true // the lease went to another node: it carries on from the last save
        return
      }
      const next: DialerCommand[] = []
      for (const cmd of pending) next.push(...(await runCommand(deps, cmd)))
      pending = next
    } while (pending.length)
    await this.save([])
  }

  private save(pending: DialerCommand[]): Promise<boolean> {
    pruneBook(this.book, Date.now())
    return this.lease.write(this.stateKey, {
      snapshot: JSON.stringify(this.dialer.snapshot()),
      book: JSON.stringify(this.book),
      lastId: this.lastId,
      pending: JSON.stringify(pending),
    })
  }

  /**
   * Entries claimed for this campaign that its dialer does not know (claimed by a node that
   * died before saving) go back to the queue.
   */
  private async releaseOrphans() {
    const known = Object.keys(this.book.entries).map(Number)
    await this.deps.db.$executeRaw`
      UPDATE queue_entries SET status = 'queued'
      WHERE campaign_id = ${this.campaignId} AND status = 'in_progress' AND NOT (id = ANY(${known}::int[]))`
  }

  private async lastStreamId(stream: string): Promise<string | undefined> {
    const last = await this.deps.core.deps.redis.xrevrange(stream, '+', '-', 'COUNT', 1)
    return last[0]?.[0]
  }

  private async loadCampaign(): Promise<CampaignRow> {
    const c = await this.deps.db.campaign.findUniqueOrThrow({ where: { id: this.campaignId } })
    return {
      id: c.id, branchId: c.branchId, portfolio: c.portfolio, abandonMessage: c.abandonMessage, voicemailText: c.voicemailText,
      dialMode: c.dialMode, dialRatio: Number(c.dialRatio), abandonTarget: Number(c.abandonTarget), wrapSeconds: c.wrapSeconds,
    }
  }
}

function dialMode(c: CampaignRow): DialMode {
  if (c.dialMode === 'ratio') return { kind: 'ratio', ratio: c.dialRatio }
  return { kind: c.dialMode as 'preview' | 'progressive' | 'predictive' }
}
