// Queues and their Members at Twilio's paths. Updating a member with a Url dequeues it: the
// call leaves the queue and runs the TwiML at that Url (how the pool hands a caller over).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Emulator } from './engine.ts'
import { memberJson, page, queueJson } from './representations.ts'
import { form, notFound, str, TwilioRestError, webhook } from './rest-common.ts'

const BASE = '/2010-04-01/Accounts/:AccountSid/Queues'

export function queueRoutes(app: FastifyInstance, emu: Emulator) {
  const account = emu.opts.accountSid
  const queueOf = (request: FastifyRequest) => {
    const q = emu.rooms.queues.get((request.params as { queue: string }).queue)
    if (!q) throw notFound(request)
    return q
  }
  const memberOf = (request: FastifyRequest) => {
    const q = queueOf(request)
    const { call } = request.params as { call: string }
    const m = call === 'Front' ? q.members[0] : q.members.find((x) => x.callSid === call)
    if (!m) throw notFound(request)
    return { q, m }
  }
  const maxSize = (value: string | undefined, fallback: number) => {
    const n = Number(value ?? fallback)
    if (!Number.isInteger(n) || n < 1 || n > 5000) throw new TwilioRestError(400, 21218, `Invalid MaxSize: ${value}`)
    return n
  }

  app.get(`${BASE}.json`, async (request) => {
    const items = [...emu.rooms.queues.values()].map((q) => queueJson(account, q))
    return page('queues', `/2010-04-01/Accounts/${account}/Queues.json`, items, request.query as Record<string, string>)
  })

  app.post(`${BASE}.json`, async (request, reply) => {
    const p = form(request)
    const name = str(p, 'FriendlyName')
    if (!name) throw new TwilioRestError(400, 20001, 'Missing required parameter FriendlyName in the post body')
    if (emu.rooms.queue(name, false)) throw new TwilioRestError(400, 22003, `A queue with friendly name ${name} already exists`)
    const q = emu.rooms.queue(name)!
    q.maxSize = maxSize(str(p, 'MaxSize'), 100)
    return reply.code(201).send(queueJson(account, q))
  })

  app.get(`${BASE}/:queue.json`, async (request) => queueJson(account, queueOf(request)))

  app.post(`${BASE}/:queue.json`, async (request) => {
    const q = queueOf(request)
    const p = form(request)
    q.friendlyName = str(p, 'FriendlyName') ?? q.friendlyName
    q.maxSize = maxSize(str(p, 'MaxSize'), q.maxSize)
    q.updatedAt = Date.now()
    return queueJson(account, q)
  })

  app.delete(`${BASE}/:queue.json`, async (request, reply) => {
    const q = queueOf(request)
    if (q.members.length) throw new TwilioRestError(400, 22004, 'Cannot delete a queue with members')
    emu.rooms.queues.delete(q.sid)
    return reply.code(204).send()
  })

  app.get(`${BASE}/:queue/Members.json`, async (request) => {
    const q = queueOf(request)
    const items = q.members.map((m) => memberJson(account, q, m.callSid))
    return page('queue_members', `/2010-04-01/Accounts/${account}/Queues/${q.sid}/Members.json`, items, request.query as Record<string, string>)
  })

  app.get(`${BASE}/:queue/Members/:call.json`, async (request) => {
    const { q, m } = memberOf(request)
    return memberJson(account, q, m.callSid)
  })

  app.post(`${BASE}/:queue/Members/:call.json`, async (request) => {
    const { q, m } = memberOf(request)
    const url = webhook(form(request), 'Url', 'Method')
    if (!url) throw new TwilioRestError(400, 20001, 'Missing required parameter Url in the post body')
    const shape = memberJson(account, q, m.callSid)
    emu.rooms.dequeue(q, m.callSid)
    emu.rooms.dequeued(m.callSid, url)
    return shape
  })
}
