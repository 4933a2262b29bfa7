// The emulated Twilio account: calls move through Twilio's statuses on timers, report to
// their status callbacks in order, fetch and run TwiML when answered, and end when either
// side hangs up. REST routes and the control API drive it; nothing here knows HTTP routing.
import { BehaviourModel, type Behaviour } from './behaviour.ts'
import { runDocument } from './interpreter.ts'
import { FINAL_STATUSES, type CallStatus, type ConferenceJoinOptions, type EmuCall, type Webhook } from './model.ts'
import { Rooms, type Release } from './rooms.ts'
import { newSid, rfc2822 } from './sids.ts'
import { parseTwiml, TwimlError, type Verb } from './twiml.ts'
import { WebhookClient, type WebhookOptions } from './webhooks.ts'

export interface EmulatorOptions {
  accountSid: string
  authToken: string
  /** The hotline numbers' voice URL and status callback (a Twilio number's configuration). */
  inboundVoiceUrl: string
  inboundStatusCallback: string
  deliverTo: (url: string) => string
  onError?: (message: string, call: EmuCall) => void
  observe?: WebhookOptions['observe']
}

export interface EmulatorSettings {
  /** Multiplies the length of Say and Play (tests run at 0.01); Pause keeps real time (it holds calls). */
  mediaScale: number
  /** Multiplies ring and input timeouts (a call's Timeout, Dial's and Gather's timeout) so tests need not wait 25 s for a no-answer. */
  timeoutScale: number
  /** A softphone answers its ringing leg after this long; null: only the control API answers. */
  clientAnswerMs: number | null
  /** API-created calls started per second; more are queued, as Twilio does. */
  cps: number
}

export interface OutboundInput {
  to: string
  from: string
  url?: Webhook
  twiml?: string
  statusCallback?: Webhook
  statusEvents: string[]
  machineDetection?: string
  asyncAmd: boolean
  asyncAmdCallback?: Webhook
  timeoutSec: number
  joinConference?: { sid: string; options: ConferenceJoinOptions }
  direction?: 'outbound-api' | 'outbound-dial'
  parentCallSid?: string
}

interface Runtime {
  run: AbortController
  timers: Set<NodeJS.Timeout>
  callbacks: Promise<void>
  /** Resumes the verb the call waits in (conference, queue, dial). */
  release?: (r: Release) => void
}

export class Emulator {
  readonly calls = new Map<string, EmuCall>()
  readonly model = new BehaviourModel()
  readonly rooms = new Rooms((sid, r) => this.runtime.get(sid)?.release?.(r))
  /** When each API-created call was accepted: the record CPS is measured from. */
  readonly creations: { sid: string; at: number }[] = []
  settings: EmulatorSettings = { mediaScale: 1, timeoutScale: 1, clientAnswerMs: 300, cps: 1 }
  private readonly runtime = new Map<string, Runtime>()
  private readonly hooks: WebhookClient
  private nextSlot = 0

  constructor(readonly opts: EmulatorOptions) {
    this.hooks = new WebhookClient({ authToken: opts.authToken, deliverTo: opts.deliverTo, observe: opts.observe })
  }

  // ------------------------------------------------------------------ creating calls

  createOutbound(input: OutboundInput): EmuCall {
    const call = this.newCall({
      from: input.from,
      to: input.to,
      direction: input.direction ?? 'outbound-api',
      parentCallSid: input.parentCallSid ?? null,
      timeoutSec: input.timeoutSec,
      farEnd: input.to.startsWith('client:')
        ? { kind: 'client', identity: input.to.slice('client:'.length) }
        : { kind: 'pstn', behaviour: this.model.next(input.to) },
      url: input.url,
      twiml: input.twiml,
      statusCallback: input.statusCallback,
      statusEvents: new Set(input.statusCallback && input.statusEvents.length === 0 ? ['completed'] : input.statusEvents),
      machineDetection: input.machineDetection,
      asyncAmd: input.asyncAmd,
      asyncAmdCallback: input.asyncAmdCallback,
      joinConference: input.joinConference,
    })
    if (call.direction === 'outbound-api') {
      this.creations.push({ sid: call.sid, at: call.createdAt })
      const slot = Math.max(call.createdAt, this.nextSlot)
      this.nextSlot = slot + 1000 / this.settings.cps
      this.later(call, slot - call.createdAt, () => this.dial(call))
    } else {
      this.dial(call)
    }
    return call
  }

  /**
   * A caller dials a hotline number: the number's voice URL decides what happens, or
   * `twiml` when given (a number configured with a TwiML Bin).
   */
  createInbound(from: string, to: string, caller: { talkMs?: number; digits?: string; twiml?: string }): EmuCall {
    const behaviour: Behaviour = { outcome: 'human', ringMs: 0, talkMs: caller.talkMs ?? 120_000, amdMs: 0, digits: caller.digits }
    const call = this.newCall({
      from, to, direction: 'inbound', parentCallSid: null, timeoutSec: 0,
      farEnd: { kind: 'pstn', behaviour },
      url: { url: this.opts.inboundVoiceUrl, method: 'POST' },
      statusCallback: { url: this.opts.inboundStatusCallback, method: 'POST' },
      statusEvents: new Set(['completed']),
      asyncAmd: false,
    })
    call.status = 'ringing'
    this.log(call, 'ringing')
    // The caller hangs up after their talk time, whatever the TwiML is doing.
    this.later(call, behaviour.talkMs, () => this.end(call, call.answeredAt ? 'completed' : 'canceled', 'caller hung up'))
    if (caller.twiml) void this.runXml(call, 'number', caller.twiml)
    else void this.execute(call, call.url!)
    return call
  }

  private newCall(fields: Omit<EmuCall, 'sid' | 'status' | 'createdAt' | 'updatedAt' | 'answeredBy' | 'documents' | 'log' | 'sequence'>): EmuCall {
    const now = Date.now()
    const call: EmuCall = { ...fields, sid: newSid('CA'), status: 'queued', createdAt: now, updatedAt: now, answeredBy: null, documents: [], log: [], sequence: 0 }
    this.calls.set(call.sid, call)
    this.runtime.set(call.sid, { run: new AbortController(), timers: new Set(), callbacks: Promise.resolve() })
    this.log(call, 'created', `${call.direction} ${call.from} -> ${call.to}`)
    return call
  }

  // ------------------------------------------------------------------ lifecycle

  private dial(call: EmuCall) {
    if (this.isOver(call)) return
    this.callback(call, 'initiated')
    this.later(call, 20, () => {
      this.setStatus(call, 'ringing')
      this.callback(call, 'ringing')
      const far = call.farEnd
      // Nobody picked up within the call's Timeout.
      this.later(call, call.timeoutSec * 1000 * this.settings.timeoutScale, () => call.status === 'ringing' && this.end(call, 'no-answer'))
      if (far.kind === 'client') {
        if (this.settings.clientAnswerMs !== null) this.later(call, this.settings.clientAnswerMs, () => this.answer(call, null))
        return
      }
      const b = far.behaviour
      if (b.outcome === 'failed') return this.end(call, 'failed')
      if (b.outcome === 'busy') return this.later(call, Math.min(b.ringMs, 2000), () => this.end(call, 'busy'))
      if (b.outcome === 'no-answer') return
      this.later(call, b.ringMs, () => this.answer(call, b.outcome === 'machine' ? 'machine' : 'human'))
    })
  }

  /** The far end picks up. `who` is what machine detection will find (null: a softphone). */
  answer(call: EmuCall, who: 'human' | 'machine' | null) {
    if (call.status !== 'ringing') return
    call.answeredAt = Date.now()
    this.setStatus(call, 'in-progress')
    this.callback(call, 'answered')
    if (call.farEnd.kind === 'pstn') {
      const b = call.farEnd.behaviour
      this.later(call, b.talkMs, () => this.end(call, 'completed', 'far end hung up'))
      if (call.machineDetection && who) {
        const answeredBy = who === 'human' ? 'human' : call.machineDetection === 'DetectMessageEnd' ? 'machine_end_beep' : 'machine_start'
        if (call.asyncAmd) {
          this.later(call, b.amdMs, () => this.reportAmd(call, answeredBy, b.amdMs))
        } else {
          // Synchronous detection holds the TwiML fetch until it decides.
          this.later(call, b.amdMs, () => {
            call.answeredBy = answeredBy
            this.startDocument(call)
          })
          return
        }
      }
    }
    this.startDocument(call)
  }

  private startDocument(call: EmuCall) {
    if (call.joinConference) {
      const { sid, options } = call.joinConference
      const conf = this.rooms.conferences.get(sid)
      const xml = `<Response><Dial><Conference startConferenceOnEnter="${options.startConferenceOnEnter}" endConferenceOnExit="${options.endConferenceOnExit}" muted="${options.muted}"${options.coaching && options.callSidToCoach ? ` coach="${options.callSidToCoach}"` : ''}>${conf?.friendlyName ?? sid}</Conference></Dial></Response>`
      void this.runXml(call, 'participant', xml)
    } else if (call.twiml) void this.runXml(call, 'inline', call.twiml)
    else if (call.url) void this.execute(call, call.url)
    else if (!call.parentCallSid) this.end(call, 'completed')
  }

  private async reportAmd(call: EmuCall, answeredBy: string, ms: number) {
    call.answeredBy = answeredBy
    this.log(call, 'amd', answeredBy)
    if (!call.asyncAmdCallback || this.isOver(call)) return
    const reply = await this.hooks.send(call.asyncAmdCallback, {
      AccountSid: this.opts.accountSid, CallSid: call.sid, AnsweredBy: answeredBy, MachineDetectionDuration: String(ms),
    })
    this.log(call, 'webhook', `amd ${reply.status}`)
  }

  /** Ends the call with a final status; leaving rooms and hanging up a bridged leg follow. */
  end(call: EmuCall, status: CallStatus, why?: string) {
    if (this.isOver(call)) return
    const rt = this.runtime.get(call.sid)!
    for (const t of rt.timers) clearTimeout(t)
    rt.timers.clear()
    call.endedAt = Date.now()
    this.setStatus(call, status)
    this.log(call, 'ended', why)
    rt.run.abort()
    rt.release = undefined
    if (call.joinConference) this.dropUnjoined(call.joinConference.sid, call.sid)
    this.callback(call, 'completed')
    if (call.parentCallSid) {
      const parentRt = this.runtime.get(call.parentCallSid)
      parentRt?.release?.({
        kind: 'dial-done', dialCallSid: call.sid,
        dialStatus: call.answeredAt ? 'completed' : status,
        durationSec: call.answeredAt ? Math.ceil((call.endedAt - call.answeredAt) / 1000) : 0,
      })
    }
  }

  /** A participant the API placed whose call never connected leaves the list. */
  private dropUnjoined(confSid: string, callSid: string) {
    const conf = this.rooms.conferences.get(confSid)
    if (conf?.participants.get(callSid)?.status !== 'connected') conf?.participants.delete(callSid)
  }

  /** REST update: new TwiML for a live call, or hang it up / cancel it. */
  redirect(call: EmuCall, doc: { url?: Webhook; twiml?: string }) {
    // An inbound call runs its TwiML from the first ring, so it can be redirected then too.
    if (call.status === 'in-progress' || (call.direction === 'inbound' && call.status === 'ringing')) {
      const rt = this.runtime.get(call.sid)!
      rt.run.abort()
      rt.run = new AbortController()
      rt.release = undefined
      if (doc.twiml) void this.runXml(call, 'inline', doc.twiml)
      else if (doc.url) void this.execute(call, doc.url)
    } else {
      if (doc.url) call.url = doc.url
      if (doc.twiml) call.twiml = doc.twiml
    }
  }

  // ------------------------------------------------------------------ TwiML

  /** Fetches TwiML from the application and runs it (a failed fetch hangs up, error 11200). */
  async execute(call: EmuCall, hook: Webhook, extra: Record<string, string> = {}) {
    const verbs = await this.fetch(call, hook, extra)
    if (verbs) await this.run(call, verbs, hook.url)
  }

  async fetch(call: EmuCall, hook: Webhook, extra: Record<string, string> = {}): Promise<Verb[] | undefined> {
    const signal = this.runtime.get(call.sid)!.run.signal
    const reply = await this.hooks.send(hook, { ...this.params(call), ...extra })
    if (signal.aborted || this.isOver(call)) return undefined
    this.log(call, 'webhook', `${hook.url} ${reply.status}`)
    if (reply.status < 200 || reply.status >= 300) {
      this.fail(call, `11200: ${hook.url} answered ${reply.status}`)
      return undefined
    }
    return this.parse(call, hook.url, reply.body)
  }

  private async runXml(call: EmuCall, source: string, xml: string) {
    const verbs = this.parse(call, source, xml)
    if (verbs) await this.run(call, verbs)
  }

  private parse(call: EmuCall, source: string, xml: string): Verb[] | undefined {
    call.documents.push({ at: Date.now(), source, xml })
    try {
      return parseTwiml(xml)
    } catch (err) {
      if (!(err instanceof TwimlError)) throw err
      this.fail(call, `12100: ${err.message}`)
      return undefined
    }
  }

  private async run(call: EmuCall, verbs: Verb[], url?: string) {
    const signal = this.runtime.get(call.sid)!.run.signal
    const finished = await runDocument(this, call, verbs, signal, url)
    // A document that runs out hangs up, as on Twilio.
    if (finished && !signal.aborted) this.end(call, call.answeredAt || call.direction !== 'inbound' ? 'completed' : 'canceled', 'end of TwiML')
  }

  private fail(call: EmuCall, message: string) {
    this.log(call, 'error', message)
    this.opts.onError?.(message, call)
    this.end(call, call.answeredAt ? 'completed' : 'failed', message)
  }

  // ------------------------------------------------------------------ helpers for verbs

  /** Waits `ms` (scaled media time), or less if the call's TwiML is replaced. */
  sleep(call: EmuCall, ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve()
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        resolve()
      }
      signal.addEventListener('abort', done, { once: true })
    })
  }

  /** Blocks the verb until a room or leg releases the call, or its TwiML is replaced. */
  waitRelease(call: EmuCall, signal: AbortSignal, onAbort: () => void): Promise<Release | undefined> {
    const rt = this.runtime.get(call.sid)!
    return new Promise((resolve) => {
      if (signal.aborted) return resolve(undefined)
      const abort = () => {
        rt.release = undefined
        onAbort()
        resolve(undefined)
      }
      signal.addEventListener('abort', abort, { once: true })
      rt.release = (r) => {
        rt.release = undefined
        signal.removeEventListener('abort', abort)
        resolve(r)
      }
    })
  }

  /** An inbound call is answered by the first verb that answers it. */
  markAnswered(call: EmuCall) {
    if (call.direction !== 'inbound' || call.answeredAt) return
    call.answeredAt = Date.now()
    this.setStatus(call, 'in-progress')
  }

  params(call: EmuCall): Record<string, string> {
    return {
      AccountSid: this.opts.accountSid,
      ApiVersion: '2010-04-01',
      CallSid: call.sid,
      CallStatus: call.status,
      Called: call.to,
      Caller: call.from,
      Direction: call.direction,
      From: call.from,
      To: call.to,
      ...(call.parentCallSid ? { ParentCallSid: call.parentCallSid } : {}),
      ...(call.answeredBy && !call.asyncAmd ? { AnsweredBy: call.answeredBy } : {}),
    }
  }

  isOver(call: EmuCall): boolean {
    return FINAL_STATUSES.includes(call.status)
  }

  log(call: EmuCall, event: string, detail?: string) {
    call.log.push({ at: Date.now(), event, ...(detail ? { detail } : {}) })
  }

  later(call: EmuCall, ms: number, fn: () => void) {
    const rt = this.runtime.get(call.sid)!
    const t = setTimeout(() => {
      rt.timers.delete(t)
      fn()
    }, Math.max(0, ms))
    rt.timers.add(t)
  }

  private setStatus(call: EmuCall, status: CallStatus) {
    call.status = status
    call.updatedAt = Date.now()
  }

  /** Status callbacks of one call go out one after another, in the order they happened. */
  private callback(call: EmuCall, event: 'initiated' | 'ringing' | 'answered' | 'completed') {
    if (!call.statusCallback || !call.statusEvents.has(event)) return
    const hook = call.statusCallback
    const params: Record<string, string> = {
      ...this.params(call),
      CallStatus: event === 'initiated' ? 'initiated' : call.status,
      CallbackSource: 'call-progress-events',
      Timestamp: rfc2822(Date.now()),
      SequenceNumber: String(call.sequence++),
    }
    if (event === 'completed') {
      const seconds = call.answeredAt ? Math.ceil((call.endedAt! - call.answeredAt) / 1000) : 0
      params.CallDuration = String(seconds)
      params.Duration = String(Math.ceil(seconds / 60))
    }
    const rt = this.runtime.get(call.sid)!
    rt.callbacks = rt.callbacks.then(async () => {
      const reply = await this.hooks.send(hook, params)
      this.log(call, 'webhook', `status ${params.CallStatus} ${reply.status}`)
    })
  }

  /** Stops every timer: the emulator is going away with its server. */
  shutdown() {
    for (const rt of this.runtime.values()) {
      for (const t of rt.timers) clearTimeout(t)
      rt.run.abort()
    }
    void this.hooks.destroy()
  }
}
