// Twilio's JSON shapes for the resources the emulator serves (API version 2010-04-01),
// checked against Twilio's OpenAPI description in test/integration/emulator/shapes.test.ts.
import type { EmuCall, EmuConference, EmuParticipant, EmuQueue } from './model.ts'
import { rfc2822 } from './sids.ts'

const API = '/2010-04-01'
const date = (ms: number | undefined) => (ms === undefined ? null : rfc2822(ms))

export function callJson(account: string, c: EmuCall) {
  const uri = `${API}/Accounts/${account}/Calls/${c.sid}`
  return {
    sid: c.sid,
    date_created: date(c.createdAt),
    date_updated: date(c.updatedAt),
    parent_call_sid: c.parentCallSid,
    account_sid: account,
    to: c.to,
    to_formatted: c.to,
    from: c.from,
    from_formatted: c.from,
    phone_number_sid: null,
    status: c.status,
    start_time: date(c.answeredAt),
    end_time: date(c.endedAt),
    duration: c.endedAt !== undefined ? String(c.answeredAt ? Math.ceil((c.endedAt - c.answeredAt) / 1000) : 0) : null,
    price: null,
    price_unit: 'USD',
    direction: c.direction,
    answered_by: c.answeredBy,
    api_version: '2010-04-01',
    forwarded_from: null,
    group_sid: null,
    caller_name: null,
    queue_time: '0',
    trunk_sid: null,
    uri: `${uri}.json`,
    subresource_uris: {
      notifications: `${uri}/Notifications.json`,
      recordings: `${uri}/Recordings.json`,
      events: `${uri}/Events.json`,
    },
  }
}

export function conferenceJson(account: string, c: EmuConference) {
  const uri = `${API}/Accounts/${account}/Conferences/${c.sid}`
  return {
    account_sid: account,
    date_created: date(c.createdAt),
    date_updated: date(c.updatedAt),
    api_version: '2010-04-01',
    friendly_name: c.friendlyName,
    region: 'us1',
    sid: c.sid,
    status: c.status,
    uri: `${uri}.json`,
    subresource_uris: { participants: `${uri}/Participants.json`, recordings: `${uri}/Recordings.json` },
    reason_conference_ended: c.reasonEnded,
    call_sid_ending_conference: c.callSidEnding,
  }
}

export function participantJson(account: string, p: EmuParticipant) {
  return {
    account_sid: account,
    call_sid: p.callSid,
    label: p.label,
    call_sid_to_coach: p.callSidToCoach,
    coaching: p.coaching,
    conference_sid: p.conferenceSid,
    date_created: date(p.createdAt),
    date_updated: date(p.updatedAt),
    end_conference_on_exit: p.endConferenceOnExit,
    muted: p.muted,
    hold: p.hold,
    start_conference_on_enter: p.startConferenceOnEnter,
    status: p.status,
    queue_time: '0',
    uri: `${API}/Accounts/${account}/Conferences/${p.conferenceSid}/Participants/${p.callSid}.json`,
  }
}

export function queueJson(account: string, q: EmuQueue) {
  const now = Date.now()
  const waits = q.members.map((m) => (now - m.enqueuedAt) / 1000)
  return {
    date_updated: date(q.updatedAt),
    current_size: q.members.length,
    friendly_name: q.friendlyName,
    uri: `${API}/Accounts/${account}/Queues/${q.sid}.json`,
    account_sid: account,
    average_wait_time: waits.length ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length) : 0,
    sid: q.sid,
    date_created: date(q.createdAt),
    max_size: q.maxSize,
  }
}

export function memberJson(account: string, q: EmuQueue, callSid: string) {
  const at = q.members.findIndex((m) => m.callSid === callSid)
  const m = q.members[at]!
  return {
    call_sid: callSid,
    date_enqueued: date(m.enqueuedAt),
    position: at + 1,
    uri: `${API}/Accounts/${account}/Queues/${q.sid}/Members/${callSid}.json`,
    wait_time: Math.round((Date.now() - m.enqueuedAt) / 1000),
    queue_sid: q.sid,
  }
}

/** One page of a list, with Twilio's paging fields (the client follows next_page_uri). */
export function page<T>(key: string, path: string, items: T[], query: { Page?: string; PageSize?: string }) {
  const size = Math.min(1000, Math.max(1, Number(query.PageSize ?? 50)))
  const pageNo = Math.max(0, Number(query.Page ?? 0))
  const start = pageNo * size
  const slice = items.slice(start, start + size)
  const link = (n: number) => `${path}?PageSize=${size}&Page=${n}`
  return {
    [key]: slice,
    end: start + Math.max(0, slice.length - 1),
    first_page_uri: link(0),
    next_page_uri: start + size < items.length ? link(pageNo + 1) : null,
    page: pageNo,
    page_size: size,
    previous_page_uri: pageNo > 0 ? link(pageNo - 1) : null,
    start,
    uri: link(pageNo),
  }
}
