// The socket.io protocol, shared by the server (server/realtime) and the pages (web/src).
// Types only (but for two tiny helpers), so the browser bundle pulls in no server code. Client
// messages are validated on the server against the TypeBox schemas in ./schemas.ts; their
// static types come from there. Event names are `domain:action`; every client message
// carries an acknowledgement callback that gets `{ data }` or `{ error, message, field?, reason? }`.
import type { ErrorBody } from '../common/errors.ts'
import type { Static } from 'typebox'
import type * as S from './schemas.ts'

export type AckError = ErrorBody
export type Ack<T> = { data: T } | AckError
export type AckFn<T> = (reply: Ack<T>) => void

export type AgentState = 'available' | 'on_call' | 'wrap_up' | 'break' | 'offline'

export interface PresenceUpdate {
  agentId: number
  state: AgentState
  /** epoch ms of the last change */
  since: number
}

/** One month of the bill chart, oldest first. */
export interface BillPoint { month: string; bill: number }

export interface ContactRecord {
  at: string
  outcome: string
  notes: string | null
  agent: string
  campaign: string | null
}

export interface WorkOrderSummary {
  id: number
  kind: string
  status: 'sent' | 'accepted' | 'returned' | 'checked'
  description: string
  createdAt: string
}

/** The customer 360 of the screen pop. ID number and address are masked (domain.md). */
export interface Customer360 {
  id: number
  name: string
  msisdn: string
  tier: string
  gender: string | null
  birthday: string | null
  idType: string | null
  idNumberMasked: string | null
  addressMasked: string | null
  altPhone: string | null
  email: string | null
  network: string
  payment: string
  status: string
  planCode: string | null
  planMinimum: number
  contractEnd: string | null
  balance: number
  unpaidMonths: number
  joinedOn: string
  serviceManager: string | null
  accountManager: string | null
  bills: BillPoint[]
  /** Why this call is made: rule codes with their words. */
  reasons: { code: string; label: string }[]
  history: ContactRecord[]
  workOrders: WorkOrderSummary[]
}

export interface ScriptBranch { label: string; next: string }
/** A script step with its {变量} placeholders already filled from the customer. */
export interface ScriptStep { id: string; text: string; branches: ScriptBranch[] }

export type FormFieldType = 'select' | 'text' | 'textarea' | 'datetime' | 'checkbox'
export interface FormField {
  name: string
  label: string
  type: FormFieldType
  required: boolean
  options?: { value: string; label: string }[]
  /** Required only when another field holds one of these values (e.g. callbackAt for 预约回访). */
  requiredWhen?: { field: string; values: string[] }
}

export interface CampaignRef { id: number; code: string; name: string; wrapSeconds: number }

/** call:offered — everything the agent needs the moment a call is put through. */
export interface ScreenPop {
  callSid: string
  direction: 'outbound' | 'inbound'
  at: number
  campaign: CampaignRef | null
  queueEntryId: number | null
  customer: Customer360 | null
  script: ScriptStep[]
  form: FormField[]
  wrapSeconds: number
  /** The agent's softphone rings for this call (no open leg to join): "answer" picks it up. */
  ringing: boolean
}

export interface CallStatusUpdate { callSid: string; status: string; at: number }
export interface CallEnded { callSid: string; wrapSeconds: number; at: number }

export interface Rate { numerator: number; denominator: number; rate: number | null }

export interface CampaignBoard {
  id: number
  code: string
  name: string
  status: string
  dialMode: string
  dialRatio: number
  abandonTarget: number
  schedule: { from: string; to: string }[]
  queueDepth: number
  depthByReason: Record<string, number>
  callsInFlight: number
  /** Lines dialed per free agent as paced right now (from the dialer's stats, else derived). */
  currentRatio: number | null
  today: { placed: number; answer: Rate; machine: Rate; abandon: Rate }
  last30Days: { placed: number; answer: Rate; machine: Rate; abandon: Rate }
}

export interface AgentBoardRow {
  id: number
  name: string
  username: string
  team: string | null
  state: AgentState
  since: number
  customer: string | null
}

export interface TeamBoard { id: number; name: string; byState: Record<AgentState, number>; queueDepth: number }

/** wallboard:update — pushed at least once a second to `branch:<id>`. */
export interface Wallboard {
  branchId: number
  at: number
  campaigns: CampaignBoard[]
  teams: TeamBoard[]
  agents: AgentBoardRow[]
  inbound: { offered: number; answeredInTarget: number; serviceLevel: number | null; targetSeconds: number }
}

/** wallboard:series — queue depth sampled through the day (one point a minute). */
export interface DepthSeries { branchId: number; points: { at: number; depth: number }[] }

export interface ServerEvents {
  'agent:presence': (update: PresenceUpdate) => void
  'call:offered': (pop: ScreenPop) => void
  'call:status': (update: CallStatusUpdate) => void
  'call:ended': (ended: CallEnded) => void
  'wallboard:update': (board: Wallboard) => void
  'wallboard:series': (series: DepthSeries) => void
}

export interface DispositionResult { dispositionId: number; workOrderId: number | null; state: AgentState }

export interface ClientEvents {
  'room:join': (body: Static<typeof S.RoomJoin>, ack: AckFn<{ room: string }>) => void
  'status:set': (body: Static<typeof S.StatusSet>, ack: AckFn<PresenceUpdate>) => void
  'wrap:ready': (body: Static<typeof S.Empty>, ack: AckFn<PresenceUpdate>) => void
  'call:answer': (body: Static<typeof S.CallRef>, ack: AckFn<{ ok: true }>) => void
  'call:hangup': (body: Static<typeof S.CallRef>, ack: AckFn<{ ok: true }>) => void
  'call:hold': (body: Static<typeof S.CallToggle>, ack: AckFn<{ ok: true }>) => void
  'call:mute': (body: Static<typeof S.CallToggle>, ack: AckFn<{ ok: true }>) => void
  'call:transfer': (body: Static<typeof S.CallRef>, ack: AckFn<{ ok: true }>) => void
  'preview:dial': (body: Static<typeof S.EntryRef>, ack: AckFn<{ queueEntryId: number; status: 'dialing' }>) => void
  'preview:skip': (body: Static<typeof S.EntryRef>, ack: AckFn<{ ok: true }>) => void
  'callback:schedule': (body: Static<typeof S.CallbackSchedule>, ack: AckFn<{ queueEntryId: number; at: string }>) => void
  'disposition:submit': (body: Static<typeof S.DispositionSubmit>, ack: AckFn<DispositionResult>) => void
  'campaign:control': (body: Static<typeof S.CampaignControl>, ack: AckFn<CampaignBoard | { id: number }>) => void
  'monitor:start': (body: Static<typeof S.MonitorStart>, ack: AckFn<{ ok: true }>) => void
}

/** Room names: an agent's own, and a branch's (its supervisors). */
export const agentRoom = (agentId: number) => `agent:${agentId}`
export const branchRoom = (branchId: number) => `branch:${branchId}`
