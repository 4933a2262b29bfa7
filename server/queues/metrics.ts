// Queue depth on /metrics: gauges on the app's registry, filled from queueDepth() when
// Prometheus scrapes (nothing is kept up to date in between).
import fp from 'fastify-plugin'
import { Gauge } from 'prom-client'
import { queueDepth } from './depth.ts'

/** Gauges of one scrape share one read: prom-client collects them in parallel. */
const SHARE_MS = 1000

export default fp(
  async (app) => {
    const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
      new Gauge({ name, help, labelNames, registers: [app.metrics], collect: () => refresh() })
    const byCampaign = gauge('dialer_queue_entries', 'Queue entries by campaign and status', ['campaign', 'status'])
    const byReason = gauge('dialer_queue_waiting_by_reason', 'Waiting (queued or scheduled) entries by campaign and reason code', ['campaign', 'reason'])
    const byAgent = gauge('dialer_queue_waiting_by_agent', 'Waiting entries by owning service manager', ['agent'])

    let read: { at: number; done: Promise<void> } | null = null
    function refresh(): Promise<void> {
      if (read && Date.now() - read.at < SHARE_MS) return read.done
      const done = queueDepth(app.db).then((depth) => {
        for (const g of [byCampaign, byReason, byAgent]) g.reset()
        for (const r of depth.byCampaign) byCampaign.set({ campaign: r.campaign, status: r.status }, r.count)
        for (const r of depth.byReason) byReason.set({ campaign: r.campaign, reason: r.reason }, r.count)
        for (const r of depth.byAgent) byAgent.set({ agent: r.agent }, r.count)
      })
      read = { at: Date.now(), done }
      return done
    }
  },
  { name: 'queue-metrics', dependencies: ['db', 'metrics'] },
)
