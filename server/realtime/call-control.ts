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
  dialPreview(args: { queueEntryId: number; agentId: number }): Promise<{ callSid: string }>
  monitor(args: { agentId: number; supervisorId: number; mode: 'listen' | 'whisper' | 'barge' }): Promise<unknown>
}

export class NotAvailableError extends AppError {
  constructor(operation: string) {
    super(501, 'NOT_AVAILABLE', `${operation} is not available on this server`)
  }
}

/** Calls one operation of the telephony adapter, or throws NOT_AVAILABLE. */
export async function callControl<K extends keyof CallControl>(
  app: FastifyInstance,
  operation: K,
  args: Parameters<CallControl[K]>[0],
): Promise<Awaited<ReturnType<CallControl[K]>>> {
  const telephony = (app as unknown as { telephony?: Partial<CallControl> }).telephony
  const fn = telephony?.[operation] as ((a: typeof args) => Promise<Awaited<ReturnType<CallControl[K]>>>) | undefined
  if (typeof fn !== 'function') throw new NotAvailableError(operation)
  return fn.call(telephony, args)
}
