// `npm run bench telephony`: webhook throughput and latency on one node over loopback, with a
// load process of its own sending Twilio-signed requests:
//  1. status callbacks: 5,000 campaign calls x 4 callbacks (stored, fed to the campaign's
//     stream, attempts recorded on the final one), 32 calls in flight. Goal >= 2,000/s.
//  2. inbound decisions: the emulator (in the load process) starts 200 inbound calls a second
//     for 15 s and times every /twilio/voice/inbound webhook (start, route and after steps):
//     VIP callers of 40 managers with A/B partners, unknown callers, the pool served by
//     redirects. Goal p99 < 20 ms.
import { fork, type ChildProcess } from 'node:child_process'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { listeningOrigin } from '../../../server/emulator/plugin.ts'
import { markdownTable, writeResults } from '../results.ts'

const CALLS = 5000
const CONCURRENCY = 32
const INBOUND_PER_SECOND = 200
const INBOUND_SECONDS = 15
const MANAGERS = 40

interface LoadResult { seconds: number; latencies: number[]; codes: Record<string, number>; outcomes?: Record<string, number> }

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN)
const ms = (v: number) => Number(v.toFixed(2))

/**
 * The load process: it hosts the emulator and sends the load; one job at a time. Run the
 * bench as `node --cpu-prof --import tsx test/bench/run.ts telephony` to profile both sides.
 */
function loadProcess() {
  const profile = process.execArgv.filter((a) => a.startsWith('--cpu-prof'))
  const child: ChildProcess = fork(fileURLToPath(new URL('../telephony-client.ts', import.meta.url)), { execArgv: ['--import', 'tsx', ...profile], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const ask = <T>(job: object) => new Promise<T>((resolve, reject) => {
    child.once('message', (m) => resolve(m as T))
    child.once('exit', (code) => code !== 0 && reject(new Error(`load process exited with ${code}`)))
    child.send(job)
  })
  return { ask }
}

function summary(name: string, r: LoadResult, goal?: { text: string; met: boolean }) {
  const sorted = [...r.latencies].sort((a, b) => a - b)
  return {
    webhooks: name, requests: r.latencies.length, seconds: ms(r.seconds), 'per second': Math.round(r.latencies.length / r.seconds),
    'p50 ms': ms(pct(sorted, 50)), 'p95 ms': ms(pct(sorted, 95)), 'p99 ms': ms(pct(sorted, 99)), 'max ms': ms(sorted.at(-1) ?? NaN),
    'HTTP codes': Object.entries(r.codes).map(([c, n]) => `${c}: ${n}`).join(', '), goal: goal ? `${goal.text}: ${goal.met ? 'met' : 'MISSED'}` : '',
  }
}

export default {
  async run(): Promise<string> {
    process.env.TEST_NAMESPACE = 'bench_telephony'
    const { default: setupDatabases } = await import('../../global-setup.ts')
    const { build, resetState, testDb } = await import('../../helper.ts')
    const fx = await import('../../fixtures.ts')
    await setupDatabases()
    const load = loadProcess()
    const { emulator } = await load.ask<{ emulator: string }>({ mode: 'start', accountSid: 'AC00000000000000000000000000000000', authToken: 'emulator-auth-token', publicBaseUrl: 'http://127.0.0.1:3000' })
    const app = await build({ DIALER: 'off', EMULATOR_URL: emulator, TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000', TWILIO_AUTH_TOKEN: 'emulator-auth-token', TELEPHONY: 'emulator', LOG_LEVEL: 'silent' })
    const db = testDb()
    await resetState(db, app)

    const branch = await fx.branch(db, '太原')
    const managers: { id: number }[] = []
    for (let i = 0; i < MANAGERS; i++) managers.push(await fx.user(db, { username: `mgr${i}`, name: `王${i}`, role: 'agent', branchId: branch.id }))
    for (let i = 0; i < MANAGERS; i++) await db.user.update({ where: { id: managers[i]!.id }, data: { partnerId: managers[i ^ 1]!.id } })
    const msisdn = (i: number) => `+86139${String(i).padStart(8, '0')}`
    await db.customer.createMany({
      data: Array.from({ length: CALLS }, (_, i) => ({
        msisdn: msisdn(i), name: `客户${i}`, branchId: branch.id, network: 'G' as const, tier: 'gold' as const, cardType: 'normal' as const,
        payment: 'postpaid' as const, status: 'active' as const, joinedOn: new Date('2020-01-01'), serviceManagerId: managers[i % MANAGERS]!.id,
      })),
    })
    const campaign = await db.campaign.create({
      data: { code: 'BENCH', name: 'bench', portfolio: 'pooled', schedule: [], script: [], dispositionForm: [], abandonMessage: '稍后联系您', branchId: branch.id },
    })
    const customers = await db.customer.findMany({ select: { id: true, msisdn: true }, orderBy: { id: 'asc' } })
    await db.queueEntry.createMany({
      data: customers.map((c) => ({ customerId: c.id, campaignId: campaign.id, asOf: new Date(), reasons: ['TRAFFIC_DROP_1'], priority: 1, status: 'in_progress' as const, dialNumber: c.msisdn })),
    })
    const entries = await db.queueEntry.findMany({ select: { id: true, customerId: true, dialNumber: true } })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const server = listeningOrigin(app)
    // The time each inbound webhook spends in the server (request parsed to response sent),
    // beside the time the emulator waited for it: the gap is queueing on a busy machine.
    const inServer: number[] = []
    app.server.on('request', (req, res) => {
      if (!req.url?.startsWith('/twilio/voice/inbound')) return
      const t = performance.now()
      res.once('finish', () => inServer.push(performance.now() - t))
    })

    process.stderr.write(`status callbacks: ${CALLS} calls x 4, ${CONCURRENCY} calls in flight\n`)
    const { result: status } = await load.ask<{ result: LoadResult }>({
      mode: 'status', server, concurrency: CONCURRENCY,
      calls: entries.map((e, i) => ({ sid: `CA${String(i).padStart(32, 'b')}`, to: e.dialNumber!, query: `k=customer&c=${campaign.id}&e=${e.id}&u=${e.customerId}&d=c${i}` })),
    })
    const stored = await db.callEvent.count()
    const attempted = await db.queueEntry.count({ where: { attemptsTotal: 1 } })

    // Inbound: managers available with their softphone leg up; claimed ones are freed every
    // 500 ms (as if their short calls ended), so callers keep reaching managers, partners and the pool.
    await app.inbound.callers.warm(true)
    const free = async () => {
      const pipeline = app.redis.pipeline()
      for (const m of managers) {
        pipeline.hset(app.redisKey('presence', m.id), { state: 'available', since: String(Date.now()) })
        pipeline.set(app.redisKey('leg', m.id), `CA${String(m.id).padStart(32, 'a')}`)
      }
      await pipeline.exec()
    }
    await free()
    const freeing = setInterval(() => free().catch(() => {}), 500)
    process.stderr.write(`inbound: ${INBOUND_PER_SECOND} calls/s for ${INBOUND_SECONDS} s\n`)
    const { result: inbound } = await load.ask<{ result: LoadResult }>({
      mode: 'inbound', server, perSecond: INBOUND_PER_SECOND, seconds: INBOUND_SECONDS, talkSeconds: 3,
      callers: [...customers.slice(0, 2000).map((c) => c.msisdn), ...Array.from({ length: 500 }, (_, i) => `+86137${String(i).padStart(8, '0')}`)],
    })
    clearInterval(freeing)
    await app.close()
    await db.$disconnect()

    const statusRate = status.latencies.length / status.seconds
    const inboundP99 = pct([...inbound.latencies].sort((a, b) => a - b), 99)
    const rows = [
      summary('status callbacks (signed, stored, fed to the campaign stream)', status, { text: '>= 2,000/s', met: statusRate >= 2000 }),
      summary(`inbound decisions at ${INBOUND_PER_SECOND} calls/s`, inbound, { text: 'p99 < 20 ms', met: inboundP99 < 20 }),
      summary('the same, time inside the server', { ...inbound, latencies: inServer, codes: {} }),
    ]
    const loadAverage = loadavg().map((l) => l.toFixed(1)).join(' ')
    writeResults('telephony', { loadAverage, calls: CALLS, concurrency: CONCURRENCY, storedEvents: stored, attempted, inboundOutcomes: inbound.outcomes, rows })
    return `One node on loopback; the load runs in its own process. ${stored} call events stored, ${attempted} of ${CALLS} entries got their attempt recorded. ` +
      `Inbound callers went to: ${Object.entries(inbound.outcomes ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}. Machine load average ${loadAverage}.\n\n${markdownTable(rows)}`
  },
}
