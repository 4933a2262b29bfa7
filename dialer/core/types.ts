// The dialer core's vocabulary: what the telephony, agents and queues modules tell a
// campaign's dialer (events) and what it asks them to do (commands). The server feeds real
// Twilio and softphone events; the simulator feeds simulated ones. Both see the same core.

/** Epoch milliseconds. The core never reads a clock: the caller passes `now` in the context. */
export type Millis = number

/**
 * How a campaign decides how many calls to place.
 * - `preview`: an agent is shown the customer first and dials by accepting.
 * - `progressive`: one call per free agent, placed for that agent; never abandons.
 * - `ratio`: `ratio` lines per free agent, pooled (what fixed-ratio dialers offer).
 * - `predictive`: paces from live agent state, learned call outcomes and an abandon-rate
 *   controller (dialer/core/pacing/predictive.ts).
 * - `oracle`: the simulator's clairvoyant bound; needs `DialerContext.foresee`.
 */
export type DialMode =
  | { kind: 'preview' }
  | { kind: 'progressive' }
  | { kind: 'ratio'; ratio: number }
  | { kind: 'predictive' }
  | { kind: 'oracle' }

/** A queue entry the dialer may call: one customer of this campaign. */
export interface Entry {
  id: string
  /** The entry's window opens (epoch ms). The queues module folds quiet hours (22:00–08:00),
   *  frequency caps and scheduled call-backs into this window; the core never dials outside it. */
  notBefore?: Millis
  /** The window closes: after it the entry is released unused. */
  notAfter?: Millis
  /** Personal portfolio: only this agent (the customer's own manager) may take the call, and
   *  it is dialed progressively for them. */
  agentId?: string
  /** The customer was abandoned once already: dial only with an agent held for the call, so
   *  that it can never be abandoned twice. */
  mustConnect?: boolean
}

/** Events, each for one campaign. Ids are strings chosen by the core (calls) or by the
 *  server (agents, entries, inbound calls). Events about unknown ids are ignored, because
 *  Twilio retries webhooks and a restarted core may hear about calls it already dropped. */
export type DialerEvent =
  // Agents (softphone presence)
  | { type: 'agent_logged_in'; agentId: string }
  /** Back from a break, ready for calls. */
  | { type: 'agent_available'; agentId: string }
  /** Takes effect at once when the agent is idle, else after the current call's wrap-up. */
  | { type: 'agent_break'; agentId: string }
  /** Disposition submitted: the agent is free again. */
  | { type: 'agent_wrap_done'; agentId: string }
  | { type: 'agent_logged_out'; agentId: string }
  /** Preview mode: the agent dials the customer shown (`preview` command) or passes. */
  | { type: 'preview_accepted'; agentId: string; entryId: string }
  | { type: 'preview_skipped'; agentId: string; entryId: string }
  // Queues
  /** Entries in queue order (highest priority first), in answer to `request_entries`. */
  | { type: 'entries_added'; entries: Entry[] }
  // Outbound calls (telephony status callbacks and AMD results)
  /** The carrier accepted the call the core asked for. */
  | { type: 'call_placed'; callId: string }
  | { type: 'call_ringing'; callId: string }
  /** A person answered (after machine detection, if it is on). */
  | { type: 'call_answered_human'; callId: string }
  | { type: 'call_answered_machine'; callId: string }
  | { type: 'call_no_answer'; callId: string }
  | { type: 'call_busy'; callId: string }
  | { type: 'call_failed'; callId: string }
  /** The call hung up. For a connected call this ends the talk and starts the agent's wrap-up. */
  | { type: 'call_ended'; callId: string }
  // Inbound VIP calls (routed to their own manager first)
  /** `agentIds`: who may take it, in order of preference (owner, then A/B partner, then any
   *  pool agents the inbound module allows). */
  | { type: 'inbound_waiting'; inboundId: string; agentIds: string[] }
  /** The inbound call ended: a connected agent starts wrap-up; a waiting call is withdrawn. */
  | { type: 'inbound_ended'; inboundId: string }
  /** Time passes: deadlines (abandon after connect time) and pacing are re-evaluated. Send
   *  one every second, and at `Dialer.nextWakeAt()`. */
  | { type: 'tick' }

/** Why an entry goes back undialed; `not_answering` is the oracle's: it knows nobody answers. */
export type ReleaseReason = 'window_closed' | 'skipped' | 'agent_away' | 'not_answering'

/** Commands the core returns for the server (or simulator) to carry out. */
export type DialerCommand =
  /** Dial the entry. `agentId`: the agent held for this call (preview, progressive,
   *  call-backs); without it the call is pooled and goes to whichever agent is free. */
  | { type: 'place_call'; callId: string; entryId: string; agentId?: string }
  /** Connect the answered call to the agent. */
  | { type: 'bridge'; callId: string; agentId: string }
  /** No agent within the connect time: play the recorded message (who called, a number to
   *  call back) and hang up. The entry gets a `schedule_callback`. */
  | { type: 'abandon'; callId: string; entryId: string }
  /** An answering machine: hang up, or leave the campaign's voicemail first. */
  | { type: 'drop_machine'; callId: string; voicemail: boolean }
  /** Route the inbound call to this agent; the agent is busy until wrap-up is done. */
  | { type: 'reserve_agent'; agentId: string; inboundId: string }
  /** Persist that an abandoned entry is called back in progressive mode from `notBefore`.
   *  The core also keeps it and dials it itself with an agent held for it. */
  | { type: 'schedule_callback'; entryId: string; notBefore: Millis; mode: 'progressive' }
  /** Preview mode: show this customer to the agent, who then accepts or skips. */
  | { type: 'preview'; agentId: string; entryId: string }
  /** The core is running short of entries: send up to `count` more (`entries_added`). */
  | { type: 'request_entries'; count: number }
  /** The entry goes back to the queues module undialed, with the reason. */
  | { type: 'release_entry'; entryId: string; reason: ReleaseReason }

/** What the simulator's oracle knows about a call before it is placed. */
export interface ForeseenCall {
  outcome: 'human' | 'machine' | 'none'
  /** From placing the call to the outcome event. */
  outcomeAfterMs: number
  talkMs: number
  wrapMs: number
}

export interface DialerContext {
  now: Millis
  /** Only the simulator's oracle mode has this: the outcome of dialing `entryId` at `at`. */
  foresee?: (entryId: string, at: Millis) => ForeseenCall
}

/** A campaign's dialing settings; `campaignConfig()` fills in the defaults. */
export interface CampaignConfig {
  mode: DialMode
  /** Abandoned calls allowed per live answer (US FCC/FTC and UK Ofcom: 3 %).
   *  @defaultValue 0.03 */
  abandonTarget: number
  /** A live answer not connected to an agent within this time is abandoned.
   *  @defaultValue 2000 */
  connectMs: number
  /** How long after an abandon the customer is called back (progressively).
   *  @defaultValue 60000 */
  callbackDelayMs: number
  /** Leave the campaign's voicemail on answering machines instead of hanging up.
   *  @defaultValue false */
  leaveVoicemail: boolean
  /** Upper bound on pooled calls in flight per logged-in agent (protects the trunk).
   *  @defaultValue 8 */
  maxLinesPerAgent: number
  /** An inbound VIP call should be answered within three rings; agents are kept free for
   *  the arrivals expected in this time. @defaultValue 15000 */
  inboundAnswerMs: number
  /** Accepted chance that more inbound calls arrive within `inboundAnswerMs` than agents are
   *  kept free. @defaultValue 0.05 */
  inboundRisk: number
  /** Abandons over live answers the campaign already had in its 30-day window before this
   *  session, so the controller steers the 30-day rate as well as the day's.
   *  @defaultValue `{ humanAnswers: 0, abandoned: 0 }` */
  history: { humanAnswers: number; abandoned: number }
}
