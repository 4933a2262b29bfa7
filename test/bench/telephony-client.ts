// The load side of `npm run bench telephony`, in its own process so that it does not share
// the server's event loop. It plays Twilio: it hosts the emulator the server is pointed at
// (EMULATOR_URL), and runs one job at a time:
//  - status: sends every call's four status callbacks in order (initiated, ringing,
//    in-progress, completed), signed like Twilio's, `concurrency` calls at a time, as fast as
//    the server answers (closed loop). Every request is built and signed before the clock
//    starts and goes out on a keep-alive undici Pool, so the load side spends little CPU;
//  - paced: inbound decision webhooks on a fixed schedule (telephony-paced.ts);
//  - lifecycle: starts inbound calls in the emulator at a fixed rate (open loop); the
//    emulator runs them against the server (webhooks, TwiML, pool redirects, status
//    callbacks) and times each /twilio/voice/inbound webhook.
import twilio from 'twilio'
import { Pool } from 'undici'
import { encodeForm } from '../../server/common/form-body.ts'
import { startStandaloneEmulator } from '../../server/emulator/standalone.ts'
import { pacedInbound, type PacedJob } from './telephony-paced.ts'
import { whereCallersWent, type LoadResult } from './telephony-stats.ts'

interface Start { mode: 'start'; accountSid: string; authToken: string; publicBaseUrl: string }
interface StatusJob { mode: 'status'; server: string; concurrency: number; calls: { sid: string; to: string; query: string }[] }
interface LifecycleJob { mode: 'lifecycle'; server: string; perSecond: number; seconds: number; talkSeconds: number; callers: string[] }
interface Stop { mode: 'stop' }

const STATUSES = ['initiated', 'ringing', 'in-progress', 'completed']
let start: Start
let server = ''
let lifecycleLatencies: number[] = []
const lifecycleCodes: Record<string, number> = {}

interface Signed { path: string; body: string; signature: string }

function signStatuses(job: StatusJob): Signed[][] {
  return job.calls.map((call) => STATUSES.map((status, n) => {
    const params: Record<string, string> = {
      AccountSid: start.accountSid, ApiVersion: '2010-04-01', CallSid: call.sid, CallStatus: status,
      Direction: 'outbound-api', From: '+8610000000000', To: call.to, Called: call.to, Caller: '+8610000000000',
      CallbackSource: 'call-progress-events', SequenceNumber: String(n), Timestamp: new Date().toUTCString(),
      ...(status === 'completed' ? { CallDuration: '42', Duration: '1' } : {}),
    }
    const path = `/twilio/voice/status?${call.query}`
    return { path, body: encodeForm(params), signature: twilio.getExpectedTwilioSignature(start.authToken, start.publicBaseUrl + path, params) }
  }))
}

async function statusLoad(job: StatusJob): Promise<LoadResult> {
  const calls = signStatuses(job)
  const pool = new Pool(job.server, { connections: job.concurrency, pipelining: 1 })
  const latencies: number[] = []
  const codes: Record<string, number> = {}
  let next = 0
  const t0 = performance.now()
  await Promise.all(Array.from({ length: job.concurrency }, async () => {
    for (let i = next++; i < calls.length; i = next++) {
      for (const req of calls[i]!) {
        const t = performance.now()
        const res = await pool.request({
          method: 'POST', path: req.path, body: req.body,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': req.signature },
        }).catch(() => null)
        await res?.body.dump()
        latencies.push(performance.now() - t)
        const code = String(res?.statusCode ?? 'network error')
        codes[code] = (codes[code] ?? 0) + 1
      }
    }
  }))
  const seconds = (performance.now() - t0) / 1000
  await pool.close()
  return { seconds, latencies, codes }
}

async function lifecycleLoad(job: LifecycleJob, emulator: Awaited<ReturnType<typeof startStandaloneEmulator>>['emulator']): Promise<LoadResult> {
  lifecycleLatencies = []
  const total = job.perSecond * job.seconds
  const started = performance.now()
  const sids: string[] = []
  for (let i = 0; i < total; i++) {
    const wait = started + (i * 1000) / job.perSecond - performance.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    sids.push(emulator.createInbound(job.callers[i % job.callers.length]!, '+8610000', { talkMs: job.talkSeconds * 1000 }).sid)
  }
  const seconds = (performance.now() - started) / 1000
  // Let the last calls play out, then see where every caller went.
  await new Promise((r) => setTimeout(r, job.talkSeconds * 1000 + 500))
  return { seconds, latencies: lifecycleLatencies, codes: lifecycleCodes, outcomes: whereCallersWent(emulator, sids) }
}

let emu: Awaited<ReturnType<typeof startStandaloneEmulator>> | undefined
process.on('message', async (job: Start | StatusJob | PacedJob | LifecycleJob | Stop) => {
  if (job.mode === 'start') {
    start = job
    emu = await startStandaloneEmulator({
      accountSid: job.accountSid, authToken: job.authToken, publicBaseUrl: job.publicBaseUrl,
      deliverTo: (url) => (url.startsWith(job.publicBaseUrl) ? server + url.slice(job.publicBaseUrl.length) : url),
      observe: (url, ms, status) => {
        if (!url.includes('/twilio/voice/inbound')) return
        lifecycleLatencies.push(ms)
        lifecycleCodes[String(status)] = (lifecycleCodes[String(status)] ?? 0) + 1
      },
    })
    emu.emulator.settings = { ...emu.emulator.settings, mediaScale: 0.05, timeoutScale: 0.1, clientAnswerMs: 200, cps: 1000 }
    process.send!({ emulator: emu.origin })
    return
  }
  if (job.mode === 'stop') {
    await emu!.app.close()
    process.exit(0)
  }
  server = job.server
  const result = job.mode === 'status' ? await statusLoad(job)
    : job.mode === 'paced' ? await pacedInbound(job, start, emu!.emulator)
    : await lifecycleLoad(job, emu!.emulator)
  process.send!({ result })
})
