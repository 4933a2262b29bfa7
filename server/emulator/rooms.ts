// Conferences and queues: where calls wait. A room only keeps membership; when a call must
// leave (kicked, conference ended, dequeued) it tells the engine through `release`, which
// resumes the verb that put the call there.
import type { ConferenceEndReason, ConferenceJoinOptions, EmuConference, EmuParticipant, EmuQueue, Webhook } from './model.ts'
import { newSid } from './sids.ts'

/** Why a waiting verb resumes. */
export type Release =
  | { kind: 'conference-left' }
  | { kind: 'dequeued'; url: Webhook }
  | { kind: 'dial-done'; dialStatus: string; dialCallSid?: string; durationSec?: number }

export type Releaser = (callSid: string, release: Release) => void

export class Rooms {
  readonly conferences = new Map<string, EmuConference>()
  private readonly activeByName = new Map<string, string>()
  readonly queues = new Map<string, EmuQueue>()

  constructor(private readonly release: Releaser) {}

  /** The active conference of that name or SID, created (status init) when absent. */
  conference(nameOrSid: string, create = true): EmuConference | undefined {
    const bySid = this.conferences.get(nameOrSid)
    if (bySid) return bySid
    const sid = this.activeByName.get(nameOrSid)
    if (sid) return this.conferences.get(sid)
    if (!create) return undefined
    const now = Date.now()
    const conf: EmuConference = {
      sid: newSid('CF'), friendlyName: nameOrSid, status: 'init', createdAt: now, updatedAt: now,
      participants: new Map(), reasonEnded: null, callSidEnding: null,
    }
    this.conferences.set(conf.sid, conf)
    this.activeByName.set(nameOrSid, conf.sid)
    return conf
  }

  /** A participant placed by the API waits as `queued` until its call answers. */
  reserve(conf: EmuConference, callSid: string, options: ConferenceJoinOptions): EmuParticipant {
    const now = Date.now()
    const p: EmuParticipant = { ...options, callSid, conferenceSid: conf.sid, hold: false, status: 'queued', createdAt: now, updatedAt: now }
    conf.participants.set(callSid, p)
    return p
  }

  join(conf: EmuConference, callSid: string, options: ConferenceJoinOptions): EmuParticipant {
    const p = conf.participants.get(callSid) ?? this.reserve(conf, callSid, options)
    Object.assign(p, options, { status: 'connected', updatedAt: Date.now() })
    if (options.startConferenceOnEnter && conf.status === 'init') {
      conf.status = 'in-progress'
      conf.updatedAt = Date.now()
    }
    return p
  }

  /** The call left (hung up, was redirected, or was kicked); may end the conference. */
  leave(confSid: string, callSid: string, how: 'left' | 'kicked') {
    const conf = this.conferences.get(confSid)
    const p = conf?.participants.get(callSid)
    if (!conf || !p) return
    conf.participants.delete(callSid)
    if (how === 'kicked') this.release(callSid, { kind: 'conference-left' })
    if (conf.status === 'completed' || p.status !== 'connected') return
    const connected = [...conf.participants.values()].filter((x) => x.status === 'connected')
    if (p.endConferenceOnExit) this.end(conf, how === 'kicked' ? 'participant-with-end-conference-on-exit-kicked' : 'participant-with-end-conference-on-exit-left', callSid)
    else if (connected.length === 0 && conf.status === 'in-progress') this.end(conf, how === 'kicked' ? 'last-participant-kicked' : 'last-participant-left', callSid)
  }

  end(conf: EmuConference, reason: ConferenceEndReason, endingCallSid: string | null) {
    conf.status = 'completed'
    conf.reasonEnded = reason
    conf.callSidEnding = endingCallSid
    conf.updatedAt = Date.now()
    this.activeByName.delete(conf.friendlyName)
    for (const callSid of [...conf.participants.keys()]) {
      conf.participants.delete(callSid)
      this.release(callSid, { kind: 'conference-left' })
    }
  }

  queue(nameOrSid: string, create = true): EmuQueue | undefined {
    const found = this.queues.get(nameOrSid) ?? [...this.queues.values()].find((q) => q.friendlyName === nameOrSid)
    if (found || !create) return found
    const now = Date.now()
    const q: EmuQueue = { sid: newSid('QU'), friendlyName: nameOrSid, maxSize: 100, createdAt: now, updatedAt: now, members: [] }
    this.queues.set(q.sid, q)
    return q
  }

  enqueue(q: EmuQueue, callSid: string): boolean {
    if (q.members.length >= q.maxSize) return false
    q.members.push({ callSid, enqueuedAt: Date.now() })
    q.updatedAt = Date.now()
    return true
  }

  /** A member updated with a Url leaves its queue and runs that TwiML. */
  dequeued(callSid: string, url: Webhook) {
    this.release(callSid, { kind: 'dequeued', url })
  }

  dequeue(q: EmuQueue, callSid: string) {
    const at = q.members.findIndex((m) => m.callSid === callSid)
    if (at >= 0) q.members.splice(at, 1)
    q.updatedAt = Date.now()
  }
}
