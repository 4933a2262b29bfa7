// `npm run bench telephony`: webhook throughput and latency on one node over loopback, with a
// load process of its own sending Twilio-signed requests (test/bench/telephony-client.ts):
//  1. status callbacks: campaign calls x 4 callbacks (stored, fed to the campaign's stream,
//     attempts recorded on the final one), closed loop at 32, 64, 128 and 256 calls in
//     flight (Twilio reports many concurrent calls at once). Goal >= 2,000/s.
//  2. inbound decisions: /twilio/voice/inbound at a paced 200 webhooks/s (open loop, timed
//     from the scheduled send time; telephony-paced.ts): VIPs of available, busy and absent
//     managers (-> A/B partner), opted-out VIPs, callers pressing 0 and unknown callers
//     (-> pool); every call ends after 3 s with a completed status callback, and agents
//     are ready 0.5 s later, so every call's whole life falls inside the run (a stress
//     test: ~140 calls/s taken by 600 agents). Goal p99 < 20 ms.
//  3. end to end: the emulator runs whole inbound calls (webhooks, TwiML, pool redirects,
//     status callbacks) at a lower rate, reported apart.
//  4. the decisions of 2 at the same rate in a VIP surge: calls last 2 minutes and wrap-up
//     30 s, as real ones do, so the agents are soon all taken and callers wait in the pools.
//     Goal p99 < 20 ms.
import { fork, type ChildProcess } from 'node:child_process'
import { loadavg } from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { listeningOrigin } from '../../../server/emulator/plugin.ts'
import { endWrapUp } from '../../../server/realtime/presence-actions.ts'
import { profiled } from '../cpu-profile.ts'
import { markdownTable, writeResults } from '../results.ts'
import type { PacedCaller } from '../telephony-paced.ts'
import { pct, summary, type LoadResult } from '../telephony-stats.ts'

const LEVELS = [32, 64, 128, 256]
const CALLS_PER_LEVEL = 2500
const WARM_UP_CALLS = 500
const AGENTS = 600
const VIPS = 6000
const PACED_PER_SECOND = 200
const PACED_SECONDS = 15
const LIFECYCLE_PER_SECOND = 40
const LIFECYCLE_SECONDS = 10
/** Agents press "ready" this long after a call ends (the server would wait the 30 s wrap-up). */
const READY_AFTER_MS = 500

/**
 * The load process: it hosts the emulator and sends the load; one job at a time. It runs
 * with the server's young generation (package.json), so its own pauses stay out of the
 * figures as far as they can. Run the
 * bench as `node --cpu-prof --import tsx test/bench/run.ts telephony` to profile both sides.
 */
function loadProcess() {
  const profile = process.execArgv.filter((a) => a.startsWith('--cpu-prof'))
  const child: ChildProcess = fork(fileURLToPath(new URL('../telephony-client.ts', import.meta.url)), { execArgv: ['--max-semi-space-size=32', '--import', 'tsx', ...profile], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  child.on('exit', (code) => code !== 0 && process.stderr.write(`load process exited with ${code}\n`))
  const ask = <T>(job: object) => new Promise<T>((resolve) => {
    child.once('message', (m) => resolve(m as T))
    child.send(job)
  })
  return { ask, stop: () => child.send({ mode: 'stop' }) }
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

    // 600 agents of one branch in A/B pairs, each the service manager of 10 VIPs (every 10th opted out).
    const branch = await fx.branch(db, '太原')
    await db.user.createMany({ data: Array.from({ length: AGENTS }, (_, i) => ({ username: `mgr${i}`, name: `王${i}`, role: 'agent' as const, branchId: branch.id, passwordHash: '-' })) })
    const agents = await db.user.findMany({ select: { id: true }, orderBy: { id: 'asc' } })
    await db.$executeRaw`UPDATE users u SET partner_id = p.id FROM users p WHERE p.username = 'mgr' || ((substr(u.username, 4)::int) # 1)`
    const statusCalls = WARM_UP_CALLS + LEVELS.length * CALLS_PER_LEVEL
    const msisdn = (i: number) => `+86139${String(i).padStart(8, '0')}`
    await db.customer.createMany({
      data: Array.from({ length: Math.max(statusCalls, VIPS) }, (_, i) => ({
        msisdn: msisdn(i), name: `客户${i}`, branchId: branch.id, network: 'G' as const, tier: 'gold' as const, cardType: 'normal' as const,
        payment: 'postpaid' as const, status: 'active' as const, joinedOn: new Date('2020-01-01'), serviceManagerId: agents[i % AGENTS]!.id,
        directRoutingOptOut: i % 10 === 9,
      })),
    })
    const campaign = await db.campaign.create({
      data: { code: 'BENCH', name: 'bench', portfolio: 'pooled', schedule: [], script: [], dispositionForm: [], abandonMessage: '稍后联系您', branchId: branch.id },
    })
    const customers = await db.customer.findMany({ select: { id: true, msisdn: true }, orderBy: { id: 'asc' } })
    await db.queueEntry.createMany({
      data: customers.slice(0, statusCalls).map((c) => ({ customerId: c.id, campaignId: campaign.id, asOf: new Date(), reasons: ['TRAFFIC_DROP_1'], priority: 1, status: 'in_progress' as const, dialNumber: c.msisdn })),
    })
    const entries = await db.queueEntry.findMany({ select: { id: true, customerId: true, dialNumber: true }, orderBy: { id: 'asc' } })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const server = listeningOrigin(app)

    // 1. Status callbacks, a warm-up, then each level on calls of its own.
    const statusCall = (e: (typeof entries)[number], i: number) => ({ sid: `CA${String(i).padStart(32, 'b')}`, to: e.dialNumber!, query: `k=customer&c=${campaign.id}&e=${e.id}&u=${e.customerId}&d=c${i}` })
    const calls = entries.map(statusCall)
    await load.ask({ mode: 'status', server, concurrency: 32, calls: calls.slice(0, WARM_UP_CALLS) })
    const levels: { concurrency: number; result: LoadResult }[] = []
    for (const [n, concurrency] of LEVELS.entries()) {
      process.stderr.write(`status callbacks: ${CALLS_PER_LEVEL} calls x 4, ${concurrency} calls in flight\n`)
      const from = WARM_UP_CALLS + n * CALLS_PER_LEVEL
      const { result } = await load.ask<{ result: LoadResult }>({ mode: 'status', server, concurrency, calls: calls.slice(from, from + CALLS_PER_LEVEL) })
      levels.push({ concurrency, result })
    }
    const stored = await db.callEvent.count()
    const attempted = await db.queueEntry.count({ where: { attemptsTotal: 1 } })

    // 2 and 4. Inbound: every 10th agent on break, every 20th offline, the others available
    // with their softphone leg up.
    await app.inbound.callers.warm(true)
    const staff = async () => {
      for (const [i, a] of agents.entries()) {
        const state = i % 10 === 3 ? 'break' : i % 20 === 7 ? 'offline' : 'available'
        await app.presence.set(a.id, state)
        if (state === 'available') await app.redis.set(app.redisKey('leg', a.id), `CA${String(a.id).padStart(32, 'a')}`)
      }
    }
    // Agents press "ready" this long after a call (null: the server's 30 s wrap-up runs out).
    let readyAfterMs: number | null = READY_AFTER_MS
    app.events.on('call:ended', ({ agentId, branchId }) => {
      if (agentId !== null && readyAfterMs !== null) setTimeout(() => endWrapUp(app, agentId, branchId).catch(() => {}), readyAfterMs)
    })
    // The time each decision spends in the server (request parsed to response sent), beside
    // the time from its scheduled send: the gap is waiting (load side, socket, event loop).
    const inServer: number[] = []
    app.server.on('request', (req, res) => {
      if (!req.url?.startsWith('/twilio/voice/inbound')) return
      const t = performance.now()
      res.once('finish', () => inServer.push(performance.now() - t))
    })
    // 7 in 10 calls are VIPs (1 in 10 of them opted out, 1 in 20 presses 0), 3 in 10 unknown numbers.
    const callersFrom = (unknownPrefix: string): PacedCaller[] => Array.from({ length: PACED_PER_SECOND * PACED_SECONDS }, (_, i) => (
      i % 10 < 7 ? { from: msisdn((i * 7919) % VIPS), pressesZero: i % 20 === 1 } : { from: `${unknownPrefix}${String(i).padStart(8, '0')}`, pressesZero: false }))
    const pacedRun = async (job: { name: string; callMs: number; settleMs?: number; unknownPrefix: string }) => {
      await staff()
      inServer.length = 0
      // How late the server's event loop ran meanwhile (a busy process, or a busy machine).
      const loopDelay = monitorEventLoopDelay({ resolution: 1 })
      loopDelay.enable()
      const cpuBefore = process.cpuUsage()
      const { result } = await profiled(`telephony-${job.name}`, () => load.ask<{ result: LoadResult }>({
        mode: 'paced', server, perSecond: PACED_PER_SECOND, seconds: PACED_SECONDS, promptMs: 1000, callMs: job.callMs, settleMs: job.settleMs,
        callers: callersFrom(job.unknownPrefix),
      }))
      // CPU the server spent per decision webhook, all its work for those calls included (status
      // callbacks, pool redirects, screen pops, presence): unlike latency, not inflated by waiting.
      const cpu = process.cpuUsage(cpuBefore)
      loopDelay.disable()
      const lag = (p: number) => Number((loopDelay.percentile(p) / 1e6 - 1).toFixed(1))
      const late = [...(result.sendLate ?? [])].sort((a, b) => a - b)
      return {
        result, inServer: inServer.splice(0),
        serverLoopLateMs: { p50: lag(50), p99: lag(99), max: Number((loopDelay.max / 1e6 - 1).toFixed(1)) },
        serverCpu: { msPerWebhook: Number(((cpu.user + cpu.system) / 1000 / result.latencies.length).toFixed(2)), coreShare: Number(((cpu.user + cpu.system) / 1e6 / result.seconds).toFixed(2)) },
        loadSentLateMs: { p50: Number(pct(late, 50).toFixed(1)), p99: Number(pct(late, 99).toFixed(1)) },
      }
    }
    process.stderr.write(`inbound decisions: ${PACED_PER_SECOND} webhooks/s for ${PACED_SECONDS} s, 3 s calls\n`)
    const stress = await pacedRun({ name: 'stress', callMs: 3000, unknownPrefix: '+86137' })

    // 3. End to end.
    process.stderr.write(`end to end: ${LIFECYCLE_PER_SECOND} inbound calls/s for ${LIFECYCLE_SECONDS} s\n`)
    const { result: lifecycle } = await load.ask<{ result: LoadResult }>({
      mode: 'lifecycle', server, perSecond: LIFECYCLE_PER_SECOND, seconds: LIFECYCLE_SECONDS, talkSeconds: 3,
      callers: [...customers.slice(0, 2000).map((c) => c.msisdn), ...Array.from({ length: 500 }, (_, i) => `+86136${String(i).padStart(8, '0')}`)],
    })

    // 4. A VIP surge at the same rate with calls as long as real ones (2 min, then the 30 s
    // wrap-up): the agents are soon all busy and callers wait in the pools, as in an outage.
    readyAfterMs = null
    process.stderr.write(`inbound decisions: ${PACED_PER_SECOND} webhooks/s for ${PACED_SECONDS} s, 2 min calls\n`)
    const surge = await pacedRun({ name: 'surge', callMs: 120_000, settleMs: 500, unknownPrefix: '+86138' })
    load.stop()
    await app.close()
    await db.$disconnect()

    const statusGoal = (rate: number) => ({ text: '>= 2,000/s', met: rate >= 2000 })
    const decisionGoal = (_: number, p99: number) => ({ text: 'p99 < 20 ms', met: p99 < 20 })
    const rows = [
      ...levels.map(({ concurrency, result }) => summary(`status callbacks, ${concurrency} calls in flight`, result, statusGoal)),
      summary(`inbound decisions, paced ${PACED_PER_SECOND}/s, 3 s calls`, stress.result, decisionGoal),
      summary('the same, time inside the server', { ...stress.result, latencies: stress.inServer, codes: {} }),
      summary(`inbound decisions, paced ${PACED_PER_SECOND}/s, surge of 2 min calls`, surge.result, decisionGoal),
      summary('the same, time inside the server', { ...surge.result, latencies: surge.inServer, codes: {} }),
      summary(`end to end: inbound webhooks of ${LIFECYCLE_PER_SECOND} calls/s`, lifecycle),
    ]
    const loadAverage = loadavg().map((l) => l.toFixed(1)).join(' ')
    const facts = ({ result, serverLoopLateMs, serverCpu, loadSentLateMs }: typeof stress) => ({
      p99: pct([...result.latencies].sort((a, b) => a - b), 99), outcomes: result.outcomes, serverLoopLateMs, serverCpu, loadSentLateMs,
    })
    writeResults('telephony', {
      loadAverage, callsPerLevel: CALLS_PER_LEVEL, storedEvents: stored, attempted, paced: facts(stress), surge: facts(surge),
      lifecycleOutcomes: lifecycle.outcomes, rows,
    })
    const where = (o?: Record<string, number>) => Object.entries(o ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')
    const told = (name: string, r: typeof stress) => `${name} went to: ${where(r.result.outcomes)}; meanwhile the server's event loop ran late by ` +
      `${r.serverLoopLateMs.p50} ms (p50), ${r.serverLoopLateMs.p99} ms (p99), ${r.serverLoopLateMs.max} ms (max), and spent ${r.serverCpu.msPerWebhook} ms ` +
      `of CPU per decision webhook (${Math.round(r.serverCpu.coreShare * 100)} % of one core); the load process itself sent them late by ` +
      `${r.loadSentLateMs.p50} ms (p50), ${r.loadSentLateMs.p99} ms (p99) of their schedule.`
    return `One node on loopback; the load runs in its own process. ${stored} call events stored, ${attempted} of ${statusCalls} entries got their attempt recorded. ` +
      `${told('Paced inbound calls (3 s)', stress)} ${told('Surge calls (2 min)', surge)} End-to-end calls went to: ${where(lifecycle.outcomes)}. ` +
      `Machine load average ${loadAverage}.\n\n${markdownTable(rows)}`
  },
}
