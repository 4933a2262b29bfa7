// The page's socket.io connection, typed by the shared protocol (server/realtime/events.ts).
import { io, type Socket } from 'socket.io-client'
import type { Ack, ClientEvents, ServerEvents } from '../../../server/realtime/events.ts'
import { ApiError } from './api.ts'

export type PageSocket = Socket<ServerEvents, ClientEvents>

export function connectSocket(token: string): PageSocket {
  return io({ auth: { token }, transports: ['websocket', 'polling'] })
}

type Data<E extends keyof ClientEvents> = Parameters<ClientEvents[E]>[1] extends (r: Ack<infer D>) => void ? D : never

/** Sends a message and resolves with its `data`, or rejects with the server's error. */
export function ask<E extends keyof ClientEvents>(socket: PageSocket, event: E, body: Parameters<ClientEvents[E]>[0]): Promise<Data<E>> {
  return new Promise((resolve, reject) => {
    const timed = socket.timeout(10_000) as unknown as { emit(e: string, b: unknown, cb: (err: Error | null, r: Ack<Data<E>>) => void): void }
    timed.emit(event, body, (err, reply) => {
      if (err) return reject(new ApiError(0, 'TIMEOUT', 'no answer from the server'))
      if ('error' in reply) return reject(new ApiError(400, reply.error, reply.message, reply.field, reply.reason))
      resolve(reply.data)
    })
  })
}
