// Every call leg and every accepted webhook: the event row is inserted first (unique
// call_sid + kind), and the call row changes only when that insert happened, so Twilio's
// retries and replays change nothing. Webhooks arriving together share one statement. Every
// statement here runs for each call, so all go straight to node-postgres (db/client.ts), as
// named statements: each connection parses and plans them once.
import { sqlPool, type Db } from '../db/client.ts'

/** Who a leg belongs to; travels in the webhook URLs so any node can attribute a callback. */
export interface CallContext {
  kind: 'customer' | 'agent' | 'inbound' | 'supervisor' | 'transfer'
  campaignId?: number
  entryId?: number
  customerId?: number
  agentId?: number
  /** The dialer core's id for an outbound campaign call. */
  dialId?: string
  /** A supervisor's leg: the agent whose room it joins. */
  peerId?: number
}

export interface CallRow {
  id: number
  callSid: string
  direction: 'outbound' | 'inbound'
  campaignId: number | null
  queueEntryId: number | null
  customerId: number | null
  agentId: number | null
  status: string
  answeredBy: string | null
  abandoned: boolean
  bridgedAt: Date | null
  answeredAt: Date | null
  endedAt: Date | null
}

export const FINAL = ['completed', 'busy', 'failed', 'no-answer', 'canceled'] as const
export const isFinal = (status: string) => (FINAL as readonly string[]).includes(status)

export interface LegFacts {
  callSid: string
  direction: 'outbound' | 'inbound'
  from: string
  to: string
  context: CallContext
}

// Later statuses never go back (callbacks can arrive out of order).
const rank = (col: string) => `(CASE ${col} WHEN 'queued' THEN 0 WHEN 'initiated' THEN 0 WHEN 'ringing' THEN 1 WHEN 'in-progress' THEN 2 ELSE 3 END)`

const RETURNING = `RETURNING c.id, c.call_sid AS "callSid", c.direction::text AS direction, c.campaign_id AS "campaignId",
  c.queue_entry_id AS "queueEntryId", c.customer_id AS "customerId", c.agent_id AS "agentId", c.status, c.answered_by AS "answeredBy",
  c.abandoned, c.bridged_at AS "bridgedAt", c.answered_at AS "answeredAt", c.ended_at AS "endedAt"`

/** The leg's columns of a calls row, as parameters $1..$9 of an INSERT. */
function insertParams(leg: LegFacts, status: string) {
  const c = leg.context
  return [leg.callSid, leg.direction, c.campaignId ?? null, c.entryId ?? null, c.customerId ?? null, c.agentId ?? null, leg.from, leg.to, status]
}

const COALESCE_CONTEXT = `campaign_id = COALESCE(c.campaign_id, excluded.campaign_id),
  queue_entry_id = COALESCE(c.queue_entry_id, excluded.queue_entry_id),
  customer_id = COALESCE(c.customer_id, excluded.customer_id),
  agent_id = COALESCE(c.agent_id, excluded.agent_id)`

/** The adapter placed a call: its row exists from the moment Twilio gave a SID. */
export async function recordPlaced(db: Db, leg: LegFacts, status = 'queued'): Promise<void> {
  await sqlPool(db).query({ name: 'calls-placed', text: `
    INSERT INTO calls AS c (call_sid, direction, campaign_id, queue_entry_id, customer_id, agent_id, from_number, to_number, status)
    VALUES ($1, $2::"CallDirection", $3, $4, $5, $6, $7, $8, $9)
    ON CONFLICT (call_sid) DO UPDATE SET ${COALESCE_CONTEXT}`, values: insertParams(leg, status) })
}

export interface StatusReport {
  leg: LegFacts
  status: string
  durationSec: number | null
  payload: object
}

/**
 * Writes `items` in statements of at most one item per call (ON CONFLICT cannot change a row
 * twice in one statement): a batch holding two webhooks of one call is written in rounds, in
 * arrival order. Returns, per item, the call row `write` returned for its CallSid, or null.
 */
async function inRounds<T extends { leg: LegFacts }>(items: T[], write: (round: T[]) => Promise<CallRow[]>): Promise<(CallRow | null)[]> {
  const out: (CallRow | null)[] = new Array(items.length).fill(null)
  let rest = items.map((item, i) => ({ item, i }))
  while (rest.length) {
    const seen = new Set<string>()
    const round: typeof rest = []
    const later: typeof rest = []
    for (const x of rest) (seen.has(x.item.leg.callSid) ? later : (seen.add(x.item.leg.callSid), round)).push(x)
    rest = later
    const rows = await write(round.map((x) => x.item))
    const bySid = new Map(rows.map((row) => [row.callSid, row]))
    for (const { item, i } of round) out[i] = bySid.get(item.leg.callSid) ?? null
  }
  return out
}

// A batch travels as one JSON parameter (one string to build and send, whatever its size),
// read back as rows by json_to_recordset: one per webhook, with the leg's context columns.
const INPUT_COLUMNS = `call_sid text, kind text, payload jsonb, direction "CallDirection", campaign_id int, queue_entry_id int,
  customer_id int, agent_id int, from_number text, to_number text`

function inputRow(leg: LegFacts, kind: string, payload: object) {
  const c = leg.context
  return {
    call_sid: leg.callSid, kind, payload, direction: leg.direction, campaign_id: c.campaignId ?? null, queue_entry_id: c.entryId ?? null,
    customer_id: c.customerId ?? null, agent_id: c.agentId ?? null, from_number: leg.from, to_number: leg.to,
  }
}

async function writeRound(db: Db, statement: { name: string; text: string }, rows: object[]): Promise<CallRow[]> {
  return (await sqlPool(db).query<CallRow>({ ...statement, values: [JSON.stringify(rows)] })).rows
}

const FINAL_LIST = FINAL.map((s) => `'${s}'`).join(', ')

const STATUS_ROUND = { name: 'calls-status-round', text: `
  WITH input AS (SELECT * FROM json_to_recordset($1::json) AS i(${INPUT_COLUMNS}, status text, duration int)
  ), ev AS (
    INSERT INTO call_events (call_sid, kind, payload) SELECT call_sid, kind, payload FROM input
    ON CONFLICT (call_sid, kind) DO NOTHING RETURNING call_sid
  )
  INSERT INTO calls AS c (call_sid, direction, campaign_id, queue_entry_id, customer_id, agent_id, from_number, to_number, status,
                          answered_at, ended_at, talk_seconds)
  SELECT i.call_sid, i.direction, i.campaign_id, i.queue_entry_id, i.customer_id, i.agent_id, i.from_number, i.to_number, i.status,
    CASE WHEN i.status = 'in-progress' THEN now() END, CASE WHEN i.status IN (${FINAL_LIST}) THEN now() END, i.duration
  FROM input i JOIN ev USING (call_sid)
  ON CONFLICT (call_sid) DO UPDATE SET
    status = CASE WHEN ${rank('excluded.status')} >= ${rank('c.status')} THEN excluded.status ELSE c.status END,
    ${COALESCE_CONTEXT},
    answered_at = COALESCE(c.answered_at, excluded.answered_at),
    ended_at = COALESCE(c.ended_at, excluded.ended_at),
    talk_seconds = COALESCE(excluded.talk_seconds, c.talk_seconds),
    ring_seconds = COALESCE(c.ring_seconds, CASE WHEN excluded.answered_at IS NOT NULL OR excluded.ended_at IS NOT NULL
      THEN round(extract(epoch FROM COALESCE(c.answered_at, now()) - c.created_at))::int END)
  ${RETURNING}` }

/**
 * Status callbacks, many in one statement (group commit, server/common/batcher.ts). For each,
 * the call as it is now, or null when that status of that call was already recorded (a
 * retry or a replay).
 */
export function recordStatuses(db: Db, reports: StatusReport[]): Promise<(CallRow | null)[]> {
  return inRounds(reports, (round) => writeRound(db, STATUS_ROUND, round.map((r) => ({
    ...inputRow(r.leg, 'status:' + r.status, r.payload), status: r.status, duration: r.durationSec,
  }))))
}

/**
 * Any other webhook fact about a call (answer, AMD result, inbound routing step): recorded
 * once under `kind`; `set` changes the call row only the first time.
 */
export interface EventReport {
  leg: LegFacts
  kind: string
  payload: object
  set?: { answeredBy?: string; status?: string }
}

const EVENT_ROUND = { name: 'calls-event-round', text: `
  WITH input AS (SELECT * FROM json_to_recordset($1::json) AS i(${INPUT_COLUMNS}, status text, answered_by text)
  ), ev AS (
    INSERT INTO call_events (call_sid, kind, payload) SELECT call_sid, kind, payload FROM input
    ON CONFLICT (call_sid, kind) DO NOTHING RETURNING call_sid
  )
  INSERT INTO calls AS c (call_sid, direction, campaign_id, queue_entry_id, customer_id, agent_id, from_number, to_number, status, answered_by)
  SELECT i.call_sid, i.direction, i.campaign_id, i.queue_entry_id, i.customer_id, i.agent_id, i.from_number, i.to_number, i.status, i.answered_by
  FROM input i JOIN ev USING (call_sid)
  ON CONFLICT (call_sid) DO UPDATE SET ${COALESCE_CONTEXT}, answered_by = COALESCE(excluded.answered_by, c.answered_by)
  ${RETURNING}` }

/** Events, many in one statement (group commit); for each, the call row, or null for a repeat. */
export function recordEvents(db: Db, events: EventReport[]): Promise<(CallRow | null)[]> {
  return inRounds(events, (round) => writeRound(db, EVENT_ROUND, round.map((e) => ({
    ...inputRow(e.leg, e.kind, e.payload), status: e.set?.status ?? 'in-progress', answered_by: e.set?.answeredBy ?? null,
  }))))
}

/** The call was put through to an agent (its row is created if no webhook has made it yet). */
export async function markBridged(db: Db, leg: Omit<LegFacts, 'context'>, agentId: number): Promise<void> {
  await sqlPool(db).query({ name: 'calls-bridged', text: `
    INSERT INTO calls AS c (call_sid, direction, from_number, to_number, status, agent_id, bridged_at)
    VALUES ($1, $2::"CallDirection", $3, $4, 'in-progress', $5, now())
    ON CONFLICT (call_sid) DO UPDATE SET agent_id = $5, bridged_at = COALESCE(c.bridged_at, now())`, values: [leg.callSid, leg.direction, leg.from, leg.to, agentId] })
}

/** A call placed straight into an agent's room (preview) was answered: that is its bridge. */
export async function markAnswered(db: Db, callSid: string, agentId: number): Promise<void> {
  await sqlPool(db).query({ name: 'calls-answered', text: 'UPDATE calls SET agent_id = $2, bridged_at = COALESCE(bridged_at, now()) WHERE call_sid = $1', values: [callSid, agentId] })
}

/** A live answer nobody could take within the connect time. */
export async function markAbandoned(db: Db, callSid: string): Promise<void> {
  await sqlPool(db).query({ name: 'calls-abandoned', text: 'UPDATE calls SET abandoned = true WHERE call_sid = $1', values: [callSid] })
}
