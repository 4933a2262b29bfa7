// Every node runs one CampaignRunner. Each second it looks at the running campaigns, takes or
// renews the lease of those nobody paces, and starts a Pacer for each lease it holds; a
// campaign that stops running, or whose lease went elsewhere, has its pacer stopped.
import { randomUUID } from 'node:crypto'
import type { Db } from '../../db/client.ts'
import { createRedis } from '../../redis.ts'
import type { TelephonyCore } from '../../telephony/service.ts'
import { Lease } from './lease.ts'
import { Pacer } from './pacer.ts'

export interface RunnerOptions {
  core: TelephonyCore
  db: Db
  redisUrl: string
  centreTimeZone: string
  /** How often leases are taken or renewed. @defaultValue 1000 */
  intervalMs?: number
}

export class CampaignRunner {
  /** This node's name on the leases it holds. */
  readonly nodeId = randomUUID()
  private readonly pacers = new Map<number, { pacer: Pacer; lease: Lease; close: () => void }>()
  private timer?: NodeJS.Timeout
  private busy = false

  constructor(private readonly opts: RunnerOptions) {}

  start() {
    this.timer = setInterval(() => void this.step(), this.opts.intervalMs ?? 1000)
    void this.step()
  }

  /** Campaigns this node paces now. */
  get pacing(): number[] {
    return [...this.pacers.keys()]
  }

  pacer(campaignId: number): Pacer | undefined {
    return this.pacers.get(campaignId)?.pacer
  }

  private async step() {
    if (this.busy) return
    this.busy = true
    try {
      // Preview campaigns are dialed by their agents, entry by entry (campaigns/preview-dial.ts).
      const running = await this.opts.db.campaign.findMany({ where: { status: 'running', dialMode: { not: 'preview' } }, select: { id: true } })
      const wanted = new Set(running.map((c) => c.id))
      for (const [id, p] of this.pacers) {
        if (!wanted.has(id) || !(await p.lease.hold())) await this.drop(id, wanted.has(id))
      }
      for (const id of wanted) if (!this.pacers.has(id)) await this.tryTake(id)
    } catch (err) {
      this.opts.core.deps.log.error({ err }, 'campaign runner step failed')
    } finally {
      this.busy = false
    }
  }

  private async tryTake(campaignId: number) {
    const { core } = this.opts
    const lease = new Lease(core.deps.redis, core.deps.key('campaign', campaignId, 'lease'), this.nodeId)
    if (!(await lease.hold())) return
    const reader = createRedis(this.opts.redisUrl, { worker: true })
    reader.on('error', () => {})
    const pacer = new Pacer({ core, db: this.opts.db, reader, centreTimeZone: this.opts.centreTimeZone }, campaignId, lease)
    this.pacers.set(campaignId, { pacer, lease, close: () => reader.disconnect() })
    core.deps.log.info({ campaignId, node: this.nodeId }, 'pacing campaign')
    try {
      await pacer.start()
    } catch (err) {
      core.deps.log.error({ err, campaignId }, 'could not start pacing')
      await this.drop(campaignId, false)
    }
  }

  private async drop(campaignId: number, lostLease: boolean) {
    const p = this.pacers.get(campaignId)
    if (!p) return
    this.pacers.delete(campaignId)
    p.close()
    await p.pacer.stop()
    if (!lostLease) await p.lease.release()
  }

  async close() {
    clearInterval(this.timer)
    for (const id of [...this.pacers.keys()]) await this.drop(id, false)
  }
}
