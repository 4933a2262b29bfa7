// The seam to the telephony adapter (issue 6): the softphone's call controls arrive here as
// socket messages and are passed to `app.telephony` when it offers the operation. A server
// without telephony (or an adapter without that operation) answers NOT_AVAILABLE, so the
// page can say so instead of pretending.
import type { FastifyInstance } from 'fastify'
import { AppError } from '../common/errors.ts'

export interface CallControl {
  answer(args: { callSid: string; agentId: number }): Promise<unknown>
  hangup(args: { callSid: string; agentId: number }): Promise<unknown>
  hold(args: { callSid: string; agentId: number; on: boolean }): Promise<unknown>
  mute(args: { callSid: string; agentId: number; on: boolean }): Promise<unknown>
  transferToAccountManager(args: { callSid: string; agentId: number }): Promise<unknown>
  dialPreview(args: { queueEntryId: number; agentId: number }): Promise<{ queueEntryId: number; status: 'dialing' }>
  monitor(args: { agentId: number; supervisorId: number; mode: 'listen' | 'whisper' | 'barge' }): Promise<unknown>
}

export class NotAvailableError extends AppError {
  constructor(operation: string) {
    super(501, 'NOT_AVAILABLE', `${operation} is not available on this server`)
  }
}

/**
 * Who carries out an operation. Preview dialing belongs to campaigns (an entry, its
 * compliance, its attempts); the rest are the telephony adapter's operations on live calls.
 */
function provider(app: FastifyInstance, operation: keyof CallControl): Partial<CallControl> | undefined {
  if (operation === 'dialPreview') {
    return app.hasDecorator('previewDialer') ? { dialPreview: (a) => app.previewDialer.dial(a) } : undefined
  }
  return app.hasDecorator('telephony') ? (app.telephony as Partial<CallControl>) : undefined
}

/** Calls one operation of the telephony adapter, or throws NOT_AVAILABLE. */
export async function callControl<K extends keyof CallControl>(
  app: FastifyInstance,
  operation: K,
  args: Parameters<CallControl[K]>[0],
): Promise<Awaited<ReturnType<CallControl[K]>>> {
  const target = provider(app, operation)
  const fn = target?.[operation] as ((a: typeof args) => Promise<Awaited<ReturnType<CallControl[K]>>>) | undefined
  if (typeof fn !== 'function') throw new NotAvailableError(operation)
  return fn.call(target, args)
}
