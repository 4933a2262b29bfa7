// The emulator's resources, kept in memory: one emulator plays one Twilio account.
import type { Behaviour } from './behaviour.ts'

/** Twilio's call statuses; `initiated` appears only in status callbacks, never on the resource. */
export type CallStatus = 'queued' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'failed' | 'no-answer' | 'canceled'
export const FINAL_STATUSES: readonly CallStatus[] = ['completed', 'busy', 'failed', 'no-answer', 'canceled']
export type Direction = 'inbound' | 'outbound-api' | 'outbound-dial'

export interface Webhook {
  url: string
  method: 'GET' | 'POST'
}

/** Who is at the other end: a person or machine from the behaviour model, or a softphone. */
export type FarEnd = { kind: 'pstn'; behaviour: Behaviour } | { kind: 'client'; identity: string }

export interface CallLogEntry {
  at: number
  event: string
  detail?: string
}

export interface EmuCall {
  sid: string
  from: string
  to: string
  direction: Direction
  status: CallStatus
  parentCallSid: string | null
  createdAt: number
  updatedAt: number
  /** When the far end answered (Twilio's start_time for answered calls). */
  answeredAt?: number
  endedAt?: number
  answeredBy: string | null
  /** Seconds to ring before giving up with no-answer. */
  timeoutSec: number
  farEnd: FarEnd
  url?: Webhook
  /** Inline TwiML given at create or update instead of a URL. */
  twiml?: string
  statusCallback?: Webhook
  statusEvents: Set<string>
  machineDetection?: string
  asyncAmd: boolean
  asyncAmdCallback?: Webhook
  /** Every TwiML document the call was given, in order (the control API shows them). */
  documents: { at: number; source: string; xml: string }[]
  log: CallLogEntry[]
  /** Sequence number of status callbacks. */
  sequence: number
  /** Created through the Participants API: joins this conference when answered. */
  joinConference?: { sid: string; options: ConferenceJoinOptions }
  /** Sent while TwiML runs: the room the call waits in, or the Dial leg it is bridged to. */
  conferenceSid?: string
  queueSid?: string
  bridgedTo?: string
}

export interface ConferenceJoinOptions {
  startConferenceOnEnter: boolean
  endConferenceOnExit: boolean
  muted: boolean
  beep: string
  coaching: boolean
  callSidToCoach: string | null
  label: string | null
}

export interface EmuParticipant extends ConferenceJoinOptions {
  callSid: string
  conferenceSid: string
  hold: boolean
  status: 'queued' | 'connecting' | 'ringing' | 'connected' | 'complete' | 'failed'
  createdAt: number
  updatedAt: number
}

export type ConferenceEndReason =
  | 'conference-ended-via-api'
  | 'participant-with-end-conference-on-exit-left'
  | 'participant-with-end-conference-on-exit-kicked'
  | 'last-participant-kicked'
  | 'last-participant-left'

export interface EmuConference {
  sid: string
  friendlyName: string
  status: 'init' | 'in-progress' | 'completed'
  createdAt: number
  updatedAt: number
  participants: Map<string, EmuParticipant>
  reasonEnded: ConferenceEndReason | null
  callSidEnding: string | null
}

export interface EmuMember {
  callSid: string
  enqueuedAt: number
}

export interface EmuQueue {
  sid: string
  friendlyName: string
  maxSize: number
  createdAt: number
  updatedAt: number
  members: EmuMember[]
}
