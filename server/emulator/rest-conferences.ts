// Conferences and their Participants at Twilio's paths. A participant created here is a new
// outbound call that joins the conference when answered (how agents' legs are placed).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Emulator } from './engine.ts'
import { conferenceJson, page, participantJson } from './representations.ts'
import { bool, endpoint, form, list, notFound, str, TwilioRestError, webhook } from './rest-common.ts'

const BASE = '/2010-04-01/Accounts/:AccountSid/Conferences'

export function conferenceRoutes(app: FastifyInstance, emu: Emulator) {
  const account = emu.opts.accountSid
  const conferenceOf = (request: FastifyRequest, create = false) => {
    const { conf } = request.params as { conf: string }
    const found = emu.rooms.conference(conf, create)
    if (!found) throw notFound(request)
    return found
  }
  const participantOf = (request: FastifyRequest) => {
    const conf = conferenceOf(request)
    const p = conf.participants.get((request.params as { call: string }).call)
    if (!p) throw notFound(request)
    return { conf, p }
  }

  app.get(`${BASE}.json`, async (request) => {
    const q = request.query as Record<string, string>
    const items = [...emu.rooms.conferences.values()]
      .filter((c) => (!q.FriendlyName || c.friendlyName === q.FriendlyName) && (!q.Status || c.status === q.Status))
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((c) => conferenceJson(account, c))
    return page('conferences', `/2010-04-01/Accounts/${account}/Conferences.json`, items, q)
  })

  app.get(`${BASE}/:conf.json`, async (request) => conferenceJson(account, conferenceOf(request)))

  app.post(`${BASE}/:conf.json`, async (request) => {
    const conf = conferenceOf(request)
    if (str(form(request), 'Status') === 'completed' && conf.status !== 'completed') emu.rooms.end(conf, 'conference-ended-via-api', null)
    return conferenceJson(account, conf)
  })

  app.post(`${BASE}/:conf/Participants.json`, async (request, reply) => {
    const p = form(request)
    const to = endpoint(p, 'To', 21201)
    const from = endpoint(p, 'From', 21603)
    const conf = conferenceOf(request, true)
    if (conf.status === 'completed') throw new TwilioRestError(400, 20404, `Conference ${conf.sid} is completed`)
    const options = {
      startConferenceOnEnter: bool(p, 'StartConferenceOnEnter', true),
      endConferenceOnExit: bool(p, 'EndConferenceOnExit', false),
      muted: bool(p, 'Muted', false),
      beep: str(p, 'Beep') ?? 'true',
      coaching: bool(p, 'Coaching', false),
      callSidToCoach: str(p, 'CallSidToCoach') ?? null,
      label: str(p, 'Label') ?? null,
    }
    if (options.coaching && !options.callSidToCoach) throw new TwilioRestError(400, 21218, 'CallSidToCoach is required when Coaching is true')
    const call = emu.createOutbound({
      to, from,
      statusCallback: webhook(p, 'StatusCallback', 'StatusCallbackMethod'),
      statusEvents: list(p, 'StatusCallbackEvent'),
      machineDetection: str(p, 'MachineDetection'),
      asyncAmd: false,
      timeoutSec: Math.min(600, Math.max(5, Number(str(p, 'Timeout') ?? 60))),
      joinConference: { sid: conf.sid, options },
    })
    const participant = emu.rooms.reserve(conf, call.sid, options)
    return reply.code(201).send(participantJson(account, participant))
  })

  app.get(`${BASE}/:conf/Participants.json`, async (request) => {
    const conf = conferenceOf(request)
    const q = request.query as Record<string, string>
    const items = [...conf.participants.values()]
      .filter((x) => (q.Muted === undefined || String(x.muted) === q.Muted) && (q.Coaching === undefined || String(x.coaching) === q.Coaching))
      .map((x) => participantJson(account, x))
    return page('participants', `/2010-04-01/Accounts/${account}/Conferences/${conf.sid}/Participants.json`, items, q)
  })

  app.get(`${BASE}/:conf/Participants/:call.json`, async (request) => participantJson(account, participantOf(request).p))

  app.post(`${BASE}/:conf/Participants/:call.json`, async (request) => {
    const { p } = participantOf(request)
    const f = form(request)
    p.muted = bool(f, 'Muted', p.muted)
    p.hold = bool(f, 'Hold', p.hold)
    p.coaching = bool(f, 'Coaching', p.coaching)
    p.callSidToCoach = p.coaching ? str(f, 'CallSidToCoach') ?? p.callSidToCoach : null
    if (p.coaching && !p.callSidToCoach) throw new TwilioRestError(400, 21218, 'CallSidToCoach is required when Coaching is true')
    p.updatedAt = Date.now()
    return participantJson(account, p)
  })

  app.delete(`${BASE}/:conf/Participants/:call.json`, async (request, reply) => {
    const { conf, p } = participantOf(request)
    const call = emu.calls.get(p.callSid)
    if (p.status === 'connected') emu.rooms.leave(conf.sid, p.callSid, 'kicked')
    else if (call) emu.end(call, 'canceled', 'participant removed')
    return reply.code(204).send()
  })
}
