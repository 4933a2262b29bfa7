// What the softphone may ask over its socket. Call controls go to the telephony adapter
// (./call-control.ts); presence, callbacks and dispositions are handled here.
import type { FastifyInstance } from 'fastify'
import { assertOwnEntry, scheduleCallback, skipEntry } from '../agents/dispositions-queue.ts'
import { submitDisposition } from '../agents/dispositions.ts'
import { ForbiddenError } from '../common/errors.ts'
import { callControl } from './call-control.ts'
import type { PopCache } from './pop-cache.ts'
import { endWrapUp, setStatus, type WrapUpTimers } from './presence-actions.ts'
import { mayJoin } from './rooms.ts'
import * as S from './schemas.ts'
import { bindHandlers, type AppSocket } from './socket.ts'

const AGENTS = ['agent'] as const
const STAFF = ['agent', 'supervisor'] as const

export interface HandlerDeps { app: FastifyInstance; wrapUps: WrapUpTimers; pops: PopCache }

/** A call the agent may act on: one telephony put through to them (or not yet recorded). */
async function assertOwnCall(app: FastifyInstance, callSid: string, agentId: number) {
  const call = await app.db.call.findUnique({ where: { callSid }, select: { agentId: true } })
  if (call?.agentId != null && call.agentId !== agentId) throw new ForbiddenError(`call ${callSid} is not yours`)
}

export function registerAgentHandlers(socket: AppSocket, { app, wrapUps, pops }: HandlerDeps) {
  const on = bindHandlers(socket, (err) => app.log.error({ err }, 'socket handler failed'))

  on('room:join', { schema: S.RoomJoin, roles: ['agent', 'supervisor', 'admin', 'account_manager'] }, async ({ room }, user) => {
    if (!mayJoin(user, room)) throw new ForbiddenError(`may not join room ${room}`)
    await socket.join(room)
    return { room }
  })

  on('status:set', { schema: S.StatusSet, roles: STAFF }, async ({ status }, user) => {
    wrapUps.cancel(user.id)
    return setStatus(app, user.id, user.branchId, status)
  })

  on('wrap:ready', { schema: S.Empty, roles: STAFF }, async (_body, user) => {
    wrapUps.cancel(user.id)
    return endWrapUp(app, user.id, user.branchId)
  })

  on('call:answer', { schema: S.CallRef, roles: AGENTS }, async ({ callSid }, user) => {
    await assertOwnCall(app, callSid, user.id)
    await callControl(app, 'answer', { callSid, agentId: user.id })
    return { ok: true as const }
  })

  on('call:hangup', { schema: S.CallRef, roles: AGENTS }, async ({ callSid }, user) => {
    await assertOwnCall(app, callSid, user.id)
    await callControl(app, 'hangup', { callSid, agentId: user.id })
    return { ok: true as const }
  })

  on('call:hold', { schema: S.CallToggle, roles: AGENTS }, async ({ callSid, on: hold }, user) => {
    await assertOwnCall(app, callSid, user.id)
    await callControl(app, 'hold', { callSid, agentId: user.id, on: hold })
    return { ok: true as const }
  })

  on('call:mute', { schema: S.CallToggle, roles: AGENTS }, async ({ callSid, on: mute }, user) => {
    await assertOwnCall(app, callSid, user.id)
    await callControl(app, 'mute', { callSid, agentId: user.id, on: mute })
    return { ok: true as const }
  })

  on('call:transfer', { schema: S.CallRef, roles: AGENTS }, async ({ callSid }, user) => {
    await assertOwnCall(app, callSid, user.id)
    await callControl(app, 'transferToAccountManager', { callSid, agentId: user.id })
    return { ok: true as const }
  })

  on('preview:dial', { schema: S.EntryRef, roles: AGENTS }, async ({ queueEntryId }, user) => {
    await assertOwnEntry(app.db, user, queueEntryId)
    return callControl(app, 'dialPreview', { queueEntryId, agentId: user.id })
  })

  on('preview:skip', { schema: S.EntryRef, roles: AGENTS }, async ({ queueEntryId }, user) => {
    await skipEntry(app.db, user, queueEntryId)
    return { ok: true as const }
  })

  on('callback:schedule', { schema: S.CallbackSchedule, roles: AGENTS }, async ({ queueEntryId, at }, user) =>
    scheduleCallback(app.db, user, queueEntryId, at))

  on('disposition:submit', { schema: S.DispositionSubmit, roles: STAFF }, async (body, user) => {
    const result = await submitDisposition(app, user, body, socket.handshake.address)
    wrapUps.cancel(user.id)
    await pops.clear(user.id)
    const presence = await endWrapUp(app, user.id, user.branchId)
    return { ...result, state: presence.state }
  })
}
