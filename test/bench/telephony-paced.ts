// Inbound decisions at a fixed rate of webhooks (`npm run bench telephony`, load process).
// The load plays Twilio for inbound calls without the emulator: one /twilio/voice/inbound
// webhook goes out every 1000/perSecond ms, on schedule whether or not earlier ones were
// answered (open loop), and each is timed from its scheduled send time, so a server that
// falls behind shows in the figures instead of slowing the load (no coordinated omission).
// A slot carries the next step of a call already under way when one is due (the Gather's
// action once the prompt has played), else a new call. Each call also lives in the emulator
// (held on a pause while these webhooks decide), which is handed the TwiML decided, so the
// server's REST redirects of pool callers work and every call ends like a real one: the
// caller hangs up, the number's status callback reports it completed, agents go to wrap-up,
// and the mix of free, busy and absent managers stays realistic.
import twilio from 'twilio'
import { Pool } from 'undici'
import { encodeForm } from '../../server/common/form-body.ts'
import type { Emulator } from '../../server/emulator/engine.ts'
import { whereCallersWent, type LoadResult } from './telephony-stats.ts'

export interface PacedCaller {
  from: string
  /** Presses 0 at the prompt (asks for the pool). */
  pressesZero: boolean
}

export interface PacedJob {
  mode: 'paced'
  server: string
  perSecond: number
  seconds: number
  /** How long the caller listens to the prompt before the Gather's action is due. */
  promptMs: number
  /** How long a call lasts before the caller hangs up (prompt, wait and talk). */
  callMs: number
  /** How long to wait after the last send before tallying where callers went (default: callMs + 500, every call over). */
  settleMs?: number
  callers: PacedCaller[]
}

interface Account { accountSid: string; authToken: string; publicBaseUrl: string }

interface Step { due: number; callSid: string; caller: PacedCaller; url: string; extra: Record<string, string> }

const HOTLINE = '+8610000'
const HOLD = '<Response><Pause length="600"/></Response>'

const unescapeXml = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')

export async function pacedInbound(job: PacedJob, account: Account, emulator: Emulator): Promise<LoadResult> {
  const pool = new Pool(job.server, { connections: 256, pipelining: 1 })
  const latencies: number[] = []
  const sendLate: number[] = []
  const codes: Record<string, number> = {}
  const due: Step[] = []
  const sids: string[] = []

  const post = async (url: string, params: Record<string, string>) => {
    const res = await pool.request({
      method: 'POST', path: url.slice(account.publicBaseUrl.length), body: encodeForm(params),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(account.authToken, url, params) },
    })
    return { status: res.statusCode, body: await res.body.text() }
  }
  const voiceParams = (callSid: string, from: string): Record<string, string> => ({
    AccountSid: account.accountSid, ApiVersion: '2010-04-01', CallSid: callSid, CallStatus: 'in-progress',
    Called: HOTLINE, Caller: from, Direction: 'inbound', From: from, To: HOTLINE,
  })

  const send = async (scheduled: number, step: Omit<Step, 'due'>) => {
    let reply: { status: number; body: string } | null = null
    sendLate.push(performance.now() - scheduled)
    try {
      reply = await post(step.url, { ...voiceParams(step.callSid, step.caller.from), ...step.extra })
    } catch {
      // counted below as a network error
    }
    const now = performance.now()
    latencies.push(now - scheduled)
    const code = String(reply?.status ?? 'network error')
    codes[code] = (codes[code] ?? 0) + 1
    if (reply?.status !== 200) return
    const gather = /<Gather[^>]*action="([^"]+)"/.exec(reply.body)
    if (gather) due.push({ due: now + job.promptMs, callSid: step.callSid, caller: step.caller, url: unescapeXml(gather[1]!), extra: { Digits: step.caller.pressesZero ? '0' : '' } })
    else emulator.redirect(emulator.calls.get(step.callSid)!, { twiml: reply.body })
  }

  const interval = 1000 / job.perSecond
  const total = job.perSecond * job.seconds
  const started = performance.now() + 10
  const inFlight: Promise<void>[] = []
  for (let slot = 0; slot < total;) {
    const at = started + slot * interval
    const wait = at - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    // Every slot whose time has come goes out now, each timed from its own schedule.
    for (; slot < total && started + slot * interval <= performance.now(); slot++) {
      const scheduled = started + slot * interval
      const i = due.reduce((best, s, n) => (s.due <= scheduled && (best < 0 || s.due < due[best]!.due) ? n : best), -1)
      if (i >= 0) {
        inFlight.push(send(scheduled, due.splice(i, 1)[0]!))
      } else {
        const caller = job.callers[sids.length % job.callers.length]!
        const callSid = emulator.createInbound(caller.from, HOTLINE, { talkMs: job.callMs, twiml: HOLD }).sid
        sids.push(callSid)
        inFlight.push(send(scheduled, { callSid, caller, url: account.publicBaseUrl + '/twilio/voice/inbound', extra: { CallStatus: 'ringing' } }))
      }
    }
  }
  const seconds = (performance.now() - started) / 1000
  await Promise.all(inFlight)
  await pool.close()
  // Let the last calls end (callers at the prompt hang up there), then see where each went.
  await new Promise((r) => setTimeout(r, job.settleMs ?? job.callMs + 500))
  return { seconds, latencies, codes, outcomes: whereCallersWent(emulator, sids), sendLate }
}
