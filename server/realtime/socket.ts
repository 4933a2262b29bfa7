// Typed socket.io aliases and the one wrapper every client message goes through: role
// check, TypeBox validation, then the handler; the acknowledgement is `{ data }` or
// `{ error, message, field?, reason? }`, the same body as the HTTP API's (errorBody).
import type { Server, Socket } from 'socket.io'
import type { TSchema, Static } from 'typebox'
import type { RoleName, SessionUser } from '../auth/schemas.ts'
import { AppError, errorBody, ForbiddenError } from '../common/errors.ts'
import type { AckError, ClientEvents, ServerEvents } from './events.ts'
import { validateMessage } from './validate.ts'

export interface SocketData { user: SessionUser }
export type AppServer = Server<ClientEvents, ServerEvents, Record<string, never>, SocketData>
export type AppSocket = Socket<ClientEvents, ServerEvents, Record<string, never>, SocketData>

type Reply<E extends keyof ClientEvents> = Parameters<ClientEvents[E]>[1] extends (reply: infer R) => void
  ? R extends { data: infer D } ? D : never
  : never

export function toAckError(err: unknown): AckError {
  if (err instanceof AppError) return errorBody(err)
  return { error: 'INTERNAL', message: 'Internal Server Error' }
}

export function handle<E extends keyof ClientEvents, S extends TSchema>(
  socket: AppSocket,
  event: E,
  options: { schema: S; roles: readonly RoleName[] },
  handler: (body: Static<S>, user: SessionUser) => Promise<Reply<E>>,
  onError: (err: unknown) => void,
) {
  const listener = async (body: unknown, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {}
    try {
      const user = socket.data.user
      if (!options.roles.includes(user.role)) throw new ForbiddenError(`${event} is not allowed for ${user.role}`)
      reply({ data: await handler(validateMessage(options.schema, body), user) })
    } catch (err) {
      if (!(err instanceof AppError)) onError(err)
      reply(toAckError(err))
    }
  }
  ;(socket as unknown as { on(e: string, l: typeof listener): void }).on(event, listener)
}

/** `handle` bound to one socket and one error logger: `on(event, { schema, roles }, handler)`. */
export function bindHandlers(socket: AppSocket, onError: (err: unknown) => void) {
  return <E extends keyof ClientEvents, S extends TSchema>(
    event: E,
    options: { schema: S; roles: readonly RoleName[] },
    handler: (body: Static<S>, user: SessionUser) => Promise<Reply<E>>,
  ) => handle(socket, event, options, handler, onError)
}
