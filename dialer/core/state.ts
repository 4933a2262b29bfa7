// A campaign dialer's whole state. It works on Maps (pacing reads them on every event); its
// snapshot is plain JSON, so that the server can store it and rebuild the dialer after a
// restart or a failover.
import type { CampaignConfig, Entry, Millis } from './types.ts'
import { fadingHistograms, spreadPrior, type FadingHistograms } from './learning/fading-histograms.ts'

export type AgentStatus =
  | 'available'
  /** Waiting for a call placed just for them (progressive, preview, call-back, own VIPs). */
  | 'dialing'
  | 'previewing'
  | 'talking'
  | 'wrap'
  /** On an inbound VIP call. */
  | 'inbound'
  | 'break'

export interface AgentState {
  id: string
  status: AgentStatus
  /** When the current status began. */
  since: Millis
  /** dialing/talking: the outbound call. */
  callId?: string
  /** talking and wrap: the entry of the call (the oracle's key). */
  entryId?: string
  /** talking: the call's answer order (the weight of its talk time when it ends). */
  answerSeq?: number
  /** previewing: the entry shown. */
  preview?: Entry
  inboundId?: string
  /** Break or log-out asked for while busy: applied when the agent would become free. */
  after?: 'break' | 'logged_out'
}

/** Once bridged, a call is its agent's (AgentState.callId) and leaves `DialerState.calls`. */
export type CallStatus = 'dialing' | 'waiting'

export interface CallState {
  id: string
  /** Placement order: the weight of what is learned from this call. */
  seq: number
  entry: Entry
  placedAt: Millis
  /** dialing: not answered yet; waiting: a person answered and waits for an agent. */
  status: CallStatus
  /** The agent held for the call. */
  agentId?: string
  answeredAt?: Millis
  /** Answer order (live answers so far, this one included). */
  answerSeq?: number
}

export interface InboundState {
  id: string
  agentIds: string[]
  since: Millis
}

export type OutcomeSeries = 'human' | 'machine' | 'other'

export interface LearnedState {
  /** Seconds from placing a call to its outcome, per outcome, weighted by placement order;
   *  the series' weights give the outcome rates. */
  outcomes: FadingHistograms<OutcomeSeries>
  /** Talk and wrap-up seconds of ended outbound calls, weighted by answer order. */
  handle: FadingHistograms<'talk' | 'wrap'>
  /** Inbound arrivals, an exponentially fading count (time constant `inboundMemoryMs`). */
  inbound: { count: number; at: Millis }
}

export interface DialerState {
  version: 1
  config: CampaignConfig
  /** Next call id number. */
  seq: number
  agents: Map<string, AgentState>
  /** Calls not connected yet: ringing, or answered and waiting for an agent. */
  calls: Map<string, CallState>
  /** Pooled entries in queue order. */
  pooled: Entry[]
  /** Entries only a given agent may take, and abandoned entries awaiting their call-back. */
  personal: Entry[]
  inbound: Map<string, InboundState>
  entriesRequestedAt: Millis | null
  stats: { placed: number; humanAnswers: number; machineAnswers: number; abandoned: number }
  learned: LearnedState
}

/** The state as JSON: its Maps as objects keyed by id. */
export type DialerSnapshot = Omit<DialerState, 'agents' | 'calls' | 'inbound'> & {
  agents: Record<string, AgentState>
  calls: Record<string, CallState>
  inbound: Record<string, InboundState>
}

export function toSnapshot(state: DialerState): DialerSnapshot {
  const copy = structuredClone(state)
  return { ...copy, agents: Object.fromEntries(copy.agents), calls: Object.fromEntries(copy.calls), inbound: Object.fromEntries(copy.inbound) }
}

export function fromSnapshot(snapshot: DialerSnapshot): DialerState {
  if (snapshot.version !== 1) throw new Error(`unknown dialer state version ${String(snapshot.version)}`)
  const copy = structuredClone(snapshot)
  return { ...copy, agents: new Map(Object.entries(copy.agents)), calls: new Map(Object.entries(copy.calls)), inbound: new Map(Object.entries(copy.inbound)) }
}

/** Longest ring, talk and wrap-up told apart (longer ones land in the last bin). */
const OUTCOME_BINS = 120
const TALK_BINS = 3600
const WRAP_BINS = 900

export function initialState(config: CampaignConfig): DialerState {
  return {
    version: 1,
    config,
    seq: 0,
    agents: new Map(),
    calls: new Map(),
    pooled: [],
    personal: [],
    inbound: new Map(),
    entriesRequestedAt: null,
    stats: { placed: 0, humanAnswers: 0, machineAnswers: 0, abandoned: 0 },
    learned: initialLearning(),
  }
}

/** Priors worth a handful of calls: answers look likely and talk looks long, both of which
 *  make the first minutes of a shift dial cautiously until real outcomes come in. */
function initialLearning(): LearnedState {
  // About the last 200 call outcomes and 300 handled calls count.
  const outcomes = fadingHistograms({ human: OUTCOME_BINS, machine: OUTCOME_BINS, other: OUTCOME_BINS }, 1 / 200)
  spreadPrior(outcomes, 'human', 4, 25, 3)
  spreadPrior(outcomes, 'machine', 4, 25, 0.5)
  spreadPrior(outcomes, 'other', 15, 40, 1.5)
  const handle = fadingHistograms({ talk: TALK_BINS, wrap: WRAP_BINS }, 1 / 300)
  spreadPrior(handle, 'talk', 60, 900, 3)
  spreadPrior(handle, 'wrap', 10, 120, 3)
  return { outcomes, handle, inbound: { count: 0, at: 0 } }
}
