// Runs TwiML verbs for one call, the way Twilio does: in order, each verb finishing before
// the next; a verb that hands over to a new document (Redirect, Gather or Dial action, a
// dequeue) replaces the program; running out of verbs hangs up (the engine does that).
import type { Emulator } from './engine.ts'
import type { ConferenceJoinOptions, EmuCall, Webhook } from './model.ts'
import type { Verb } from './twiml.ts'

/** What a verb leaves behind: go on, stop (the call ended or was handed over), or a new program. */
type Next = 'continue' | 'stop' | { verbs: Verb[]; url: string }

interface Ctx {
  emu: Emulator
  call: EmuCall
  signal: AbortSignal
  /** The URL the running document came from, for relative URLs in it. */
  docUrl?: string
}

const MS_PER_CHAR = 250 // about four Chinese characters a second
const PLAY_MS = 3000

/** Returns true when the document ran to its end (the caller then hangs up). */
export async function runDocument(emu: Emulator, call: EmuCall, verbs: Verb[], signal: AbortSignal, docUrl?: string): Promise<boolean> {
  const ctx: Ctx = { emu, call, signal, docUrl }
  let program = verbs
  for (let i = 0; i < program.length; i++) {
    if (signal.aborted || emu.isOver(call)) return false
    const next = await execute(ctx, program[i]!)
    if (next === 'stop' || signal.aborted || emu.isOver(call)) return false
    if (next !== 'continue') {
      program = next.verbs
      ctx.docUrl = next.url
      i = -1
    }
  }
  return true
}

async function execute(ctx: Ctx, verb: Verb): Promise<Next> {
  const { emu, call } = ctx
  emu.log(call, `twiml:${verb.name}`, verb.text || undefined)
  switch (verb.name) {
    case 'Say':
    case 'Play':
    case 'Pause':
      emu.markAnswered(call)
      await emu.sleep(call, mediaMs(emu, verb), ctx.signal)
      return 'continue'
    case 'Hangup':
      emu.end(call, call.answeredAt || call.direction !== 'inbound' ? 'completed' : 'canceled', 'Hangup')
      return 'stop'
    case 'Reject':
      emu.end(call, verb.attrs.reason === 'busy' ? 'busy' : 'no-answer', 'Reject')
      return 'stop'
    case 'Redirect':
      return handOver(ctx, hook(ctx, verb.text, verb.attrs.method), {})
    case 'Gather':
      return gather(ctx, verb)
    case 'Enqueue':
      return enqueue(ctx, verb)
    case 'Dial':
      return dial(ctx, verb)
    default:
      emu.end(call, call.answeredAt ? 'completed' : 'failed', `12100: unsupported verb <${verb.name}>`)
      return 'stop'
  }
}

function mediaMs(emu: Emulator, verb: Verb): number {
  const loop = verb.attrs.loop === '0' ? 20 : Number(verb.attrs.loop ?? 1)
  const base = verb.name === 'Say' ? Math.max(1000, [...verb.text].length * MS_PER_CHAR)
    : verb.name === 'Play' ? PLAY_MS
    : Number(verb.attrs.length ?? 1) * 1000
  return verb.name === 'Pause' ? base : base * loop * emu.settings.mediaScale
}

function hook(ctx: Ctx, url: string | undefined, method: string | undefined): Webhook {
  const base = ctx.docUrl ?? ctx.call.url?.url
  const absolute = url ? (base ? new URL(url, base).toString() : url) : base ?? ''
  return { url: absolute, method: method?.toUpperCase() === 'GET' ? 'GET' : 'POST' }
}

async function handOver(ctx: Ctx, target: Webhook, extra: Record<string, string>): Promise<Next> {
  const verbs = await ctx.emu.fetch(ctx.call, target, extra)
  return verbs ? { verbs, url: target.url } : 'stop'
}

async function gather(ctx: Ctx, verb: Verb): Promise<Next> {
  const { emu, call } = ctx
  emu.markAnswered(call)
  const far = call.farEnd
  const digits = far.kind === 'pstn' ? far.behaviour.digits : undefined
  const action = hook(ctx, verb.attrs.action, verb.attrs.method)
  if (digits) {
    // The caller keys in while the prompt plays (barge-in); the digits are used once.
    if (far.kind === 'pstn') far.behaviour = { ...far.behaviour, digits: undefined }
    await emu.sleep(call, 100 * emu.settings.mediaScale, ctx.signal)
    const wanted = Number(verb.attrs.numDigits ?? digits.length)
    return handOver(ctx, action, { Digits: digits.slice(0, wanted) })
  }
  for (const prompt of verb.children) {
    if (ctx.signal.aborted) return 'stop'
    await emu.sleep(call, mediaMs(emu, prompt), ctx.signal)
  }
  await emu.sleep(call, Number(verb.attrs.timeout ?? 5) * 1000 * emu.settings.timeoutScale, ctx.signal)
  if (verb.attrs.actionOnEmptyResult === 'true') return handOver(ctx, action, { Digits: '' })
  return 'continue'
}

async function enqueue(ctx: Ctx, verb: Verb): Promise<Next> {
  const { emu, call } = ctx
  emu.markAnswered(call)
  const queue = emu.rooms.queue(verb.text)!
  if (!emu.rooms.enqueue(queue, call.sid)) {
    if (!verb.attrs.action) return 'continue'
    return handOver(ctx, hook(ctx, verb.attrs.action, verb.attrs.method), { QueueResult: 'queue-full', QueueSid: queue.sid })
  }
  call.queueSid = queue.sid
  const released = await emu.waitRelease(call, ctx.signal, () => emu.rooms.dequeue(queue, call.sid))
  call.queueSid = undefined
  if (released?.kind !== 'dequeued') return 'stop'
  emu.rooms.dequeue(queue, call.sid)
  return handOver(ctx, released.url, {})
}

async function dial(ctx: Ctx, verb: Verb): Promise<Next> {
  const { emu, call } = ctx
  if (verb.attrs.answerOnBridge !== 'true') emu.markAnswered(call)
  const noun = verb.children[0] ?? (verb.text ? { name: 'Number', attrs: {}, text: verb.text, children: [] } : undefined)
  if (!noun) return 'continue'
  if (verb.children.length > 1) emu.log(call, 'divergence', 'only the first noun of <Dial> is dialed')
  let result: { status: string; sid?: string; seconds?: number }
  if (noun.name === 'Conference') result = await conference(ctx, noun)
  else if (noun.name === 'Number' || noun.name === 'Client') result = await leg(ctx, verb, noun)
  else {
    emu.end(call, 'completed', `12100: unsupported noun <${noun.name}>`)
    return 'stop'
  }
  if (ctx.signal.aborted || emu.isOver(call)) return 'stop'
  if (!verb.attrs.action) return 'continue'
  return handOver(ctx, hook(ctx, verb.attrs.action, verb.attrs.method), {
    DialCallStatus: result.status,
    ...(result.sid ? { DialCallSid: result.sid } : {}),
    ...(result.seconds !== undefined ? { DialCallDuration: String(result.seconds) } : {}),
  })
}

async function conference(ctx: Ctx, noun: Verb) {
  const { emu, call } = ctx
  const conf = emu.rooms.conference(noun.text)!
  const options: ConferenceJoinOptions = {
    startConferenceOnEnter: noun.attrs.startConferenceOnEnter !== 'false',
    endConferenceOnExit: noun.attrs.endConferenceOnExit === 'true',
    muted: noun.attrs.muted === 'true',
    beep: noun.attrs.beep ?? 'true',
    coaching: Boolean(noun.attrs.coach),
    callSidToCoach: noun.attrs.coach ?? null,
    label: noun.attrs.participantLabel ?? null,
  }
  emu.rooms.join(conf, call.sid, options)
  call.conferenceSid = conf.sid
  const joinedAt = Date.now()
  await emu.waitRelease(call, ctx.signal, () => emu.rooms.leave(conf.sid, call.sid, 'left'))
  call.conferenceSid = undefined
  return { status: 'completed', seconds: Math.ceil((Date.now() - joinedAt) / 1000) }
}

/** <Dial><Number> or <Dial><Client>: a child leg rings; once answered the two are bridged. */
async function leg(ctx: Ctx, verb: Verb, noun: Verb) {
  const { emu, call } = ctx
  const to = noun.name === 'Client' ? `client:${noun.text}` : noun.text
  const child = emu.createOutbound({
    to,
    from: verb.attrs.callerId ?? call.from,
    direction: 'outbound-dial',
    parentCallSid: call.sid,
    timeoutSec: Number(verb.attrs.timeout ?? 30),
    statusCallback: noun.attrs.statusCallback ? hook(ctx, noun.attrs.statusCallback, noun.attrs.statusCallbackMethod) : undefined,
    statusEvents: (noun.attrs.statusCallbackEvent ?? '').split(/[ ,]+/).filter(Boolean),
    asyncAmd: false,
  })
  call.bridgedTo = child.sid
  const released = await emu.waitRelease(call, ctx.signal, () => emu.end(child, child.answeredAt ? 'completed' : 'canceled', 'parent left'))
  call.bridgedTo = undefined
  if (released?.kind !== 'dial-done') return { status: 'canceled', sid: child.sid }
  return { status: released.dialStatus, sid: child.sid, seconds: released.durationSec }
}
