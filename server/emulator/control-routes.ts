// The emulator's control API: start inbound calls, inspect calls and the TwiML they got,
// answer or hang up softphone legs, pin what a number does, and tune the emulator.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static } from 'typebox'
import type { Emulator } from './engine.ts'
import { callJson } from './representations.ts'
import { BehaviourBody, CallSidParams, IdentityParams, InboundBody, NumberParams, SettingsBody } from './schemas.ts'

const tags = ['emulator']

export const controlRoutes: FastifyPluginAsyncTypebox<{ emu: Emulator }> = async (app, { emu }) => {
  const account = emu.opts.accountSid
  const ringingClient = (identity: string) =>
    [...emu.calls.values()].filter((c) => c.farEnd.kind === 'client' && c.farEnd.identity === identity)

  app.post('/emulator/inbound', { schema: { tags, summary: 'A caller dials a hotline number', body: InboundBody } }, async (request) => {
    const { from, to, talkSeconds, digits } = request.body
    const call = emu.createInbound(from, to, { talkMs: talkSeconds === undefined ? undefined : talkSeconds * 1000, digits })
    return { callSid: call.sid }
  })

  app.get('/emulator/calls/:sid', { schema: { tags, summary: "A call's state, its log and the TwiML it was given", params: CallSidParams } }, async (request, reply) => {
    const call = emu.calls.get(request.params.sid)
    if (!call) return reply.code(404).send({ error: 'NOT_FOUND', message: `call ${request.params.sid} not found` })
    return {
      ...callJson(account, call),
      conference_sid: call.conferenceSid ?? null,
      queue_sid: call.queueSid ?? null,
      bridged_to: call.bridgedTo ?? null,
      twiml: call.documents,
      log: call.log,
    }
  })

  app.get('/emulator/creations', { schema: { tags, summary: 'When each API-created call was accepted (epoch ms), for CPS checks' } }, async () => emu.creations)

  app.post('/emulator/clients/:identity/answer', { schema: { tags, summary: "The softphone answers its ringing leg", params: IdentityParams } }, async (request) => {
    const answered = ringingClient(request.params.identity).filter((c) => c.status === 'ringing')
    for (const c of answered) emu.answer(c, null)
    return { answered: answered.map((c) => c.sid) }
  })

  app.post('/emulator/clients/:identity/hangup', { schema: { tags, summary: 'The softphone hangs up its calls', params: IdentityParams } }, async (request) => {
    const live = ringingClient(request.params.identity).filter((c) => !emu.isOver(c))
    for (const c of live) emu.end(c, c.status === 'in-progress' ? 'completed' : 'canceled', 'softphone hung up')
    return { ended: live.map((c) => c.sid) }
  })

  app.put('/emulator/numbers/:number', { schema: { tags, summary: 'Pin what happens when this number is called', params: NumberParams, body: BehaviourBody } }, async (request) => {
    emu.model.script(request.params.number, request.body)
    return request.body
  })

  app.delete('/emulator/numbers/:number', { schema: { tags, params: NumberParams } }, async (request, reply) => {
    emu.model.script(request.params.number, null)
    return reply.code(204).send()
  })

  app.put('/emulator/settings', { schema: { tags, summary: 'Media speed, softphone auto-answer, CPS and the random customer model', body: SettingsBody } }, async (request) => {
    applySettings(emu, request.body)
    return { ...emu.settings, model: emu.model.current }
  })
}

export function applySettings(emu: Emulator, body: Static<typeof SettingsBody>) {
  const { model, ...rest } = body
  emu.settings = { ...emu.settings, ...rest }
  if (model) emu.model.configure(model)
}
