// Calls: create (POST Calls.json), fetch, list, update (redirect, hang up) at Twilio's paths.
import type { FastifyInstance } from 'fastify'
import type { Emulator } from './engine.ts'
import { callJson, page } from './representations.ts'
import { bool, endpoint, form, list, notFound, str, TwilioRestError, webhook } from './rest-common.ts'

const BASE = '/2010-04-01/Accounts/:AccountSid'

export function callRoutes(app: FastifyInstance, emu: Emulator) {
  const account = emu.opts.accountSid

  app.post(`${BASE}/Calls.json`, async (request, reply) => {
    const p = form(request)
    const to = endpoint(p, 'To', 21201)
    const from = endpoint(p, 'From', 21603)
    const url = webhook(p, 'Url', 'Method')
    const twiml = str(p, 'Twiml')
    if (!url && !twiml && !str(p, 'ApplicationSid')) throw new TwilioRestError(400, 21205, 'Url parameter is required')
    const machineDetection = str(p, 'MachineDetection')
    if (machineDetection && !['Enable', 'DetectMessageEnd'].includes(machineDetection)) {
      throw new TwilioRestError(400, 21218, `Invalid MachineDetection value: ${machineDetection}`)
    }
    const call = emu.createOutbound({
      to, from, url, twiml,
      statusCallback: webhook(p, 'StatusCallback', 'StatusCallbackMethod'),
      statusEvents: list(p, 'StatusCallbackEvent'),
      machineDetection,
      asyncAmd: bool(p, 'AsyncAmd', false),
      asyncAmdCallback: webhook(p, 'AsyncAmdStatusCallback', 'AsyncAmdStatusCallbackMethod'),
      timeoutSec: Math.min(600, Math.max(5, Number(str(p, 'Timeout') ?? 60))),
    })
    return reply.code(201).send(callJson(account, call))
  })

  app.get(`${BASE}/Calls.json`, async (request) => {
    const q = request.query as Record<string, string>
    const calls = [...emu.calls.values()]
      .filter((c) => (!q.Status || c.status === q.Status) && (!q.To || c.to === q.To) && (!q.From || c.from === q.From) && (!q.ParentCallSid || c.parentCallSid === q.ParentCallSid))
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((c) => callJson(account, c))
    return page('calls', `/2010-04-01/Accounts/${account}/Calls.json`, calls, q)
  })

  app.get(`${BASE}/Calls/:sid.json`, async (request) => {
    const call = emu.calls.get((request.params as { sid: string }).sid)
    if (!call) throw notFound(request)
    return callJson(account, call)
  })

  app.post(`${BASE}/Calls/:sid.json`, async (request) => {
    const call = emu.calls.get((request.params as { sid: string }).sid)
    if (!call) throw notFound(request)
    const p = form(request)
    const status = str(p, 'Status')
    const url = webhook(p, 'Url', 'Method')
    const twiml = str(p, 'Twiml')
    if (status && !['completed', 'canceled'].includes(status)) throw new TwilioRestError(400, 21218, `Invalid Status: ${status}`)
    if (emu.isOver(call)) {
      if (url || twiml) throw new TwilioRestError(400, 21220, 'Call is not in-progress. Cannot redirect.')
      return callJson(account, call)
    }
    if (status === 'canceled' && call.status === 'in-progress') return callJson(account, call)
    if (status) emu.end(call, call.status === 'in-progress' ? 'completed' : 'canceled', `REST Status=${status}`)
    else if (url || twiml) emu.redirect(call, { url, twiml })
    return callJson(account, call)
  })
}
