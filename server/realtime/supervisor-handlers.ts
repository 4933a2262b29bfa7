// What the wallboard may ask: campaign controls (audited) and listen / whisper / barge.
import { patchCampaign } from '../campaigns/service.ts'
import { ForbiddenError, NotFoundError } from '../common/errors.ts'
import type { HandlerDeps } from './agent-handlers.ts'
import { callControl } from './call-control.ts'
import * as S from './schemas.ts'
import { bindHandlers, type AppSocket } from './socket.ts'

const SUPERVISORS = ['supervisor', 'admin'] as const

export function registerSupervisorHandlers(socket: AppSocket, { app }: Pick<HandlerDeps, 'app'>) {
  const on = bindHandlers(socket, (err) => app.log.error({ err }, 'socket handler failed'))

  on('campaign:control', { schema: S.CampaignControl, roles: SUPERVISORS }, async ({ campaignId, ...patch }, user) => {
    await patchCampaign(app.db, String(campaignId), patch, user, socket.handshake.address)
    return { id: campaignId }
  })

  on('monitor:start', { schema: S.MonitorStart, roles: SUPERVISORS }, async ({ agentId, mode }, user) => {
    const agent = await app.db.user.findUnique({ where: { id: agentId }, select: { branchId: true, role: true } })
    if (!agent || agent.role !== 'agent') throw new NotFoundError(`agent ${agentId}`)
    if (user.role !== 'admin' && agent.branchId !== user.branchId) throw new ForbiddenError(`agent ${agentId} is in another branch`)
    await callControl(app, 'monitor', { agentId, supervisorId: user.id, mode })
    return { ok: true as const }
  })
}
