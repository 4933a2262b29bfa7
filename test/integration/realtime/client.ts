// A typed socket.io client for tests: connect with a token, await the next message of a
// kind, send a message and get its acknowledgement.
import { io as connect, type Socket } from 'socket.io-client'
import type { Ack, ClientEvents, ServerEvents } from '../../../server/realtime/events.ts'

export type TestSocket = Socket<ServerEvents, ClientEvents>

export function connectAs(baseUrl: string, token: string | undefined): Promise<TestSocket> {
  const socket: TestSocket = connect(baseUrl, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true })
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', (err) => reject(Object.assign(err, { socket })))
  })
}

export function nextMessage<E extends keyof ServerEvents>(socket: TestSocket, event: E, timeoutMs = 5000, match: (p: Parameters<ServerEvents[E]>[0]) => boolean = () => true): Promise<Parameters<ServerEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { socket.off(event, listener as never); reject(new Error(`no ${event} within ${timeoutMs} ms`)) }, timeoutMs)
    const listener = (payload: Parameters<ServerEvents[E]>[0]) => {
      if (!match(payload)) return
      clearTimeout(timer)
      socket.off(event, listener as never)
      resolve(payload)
    }
    socket.on(event, listener as never)
  })
}

/** Collects every message of a kind until stopped (to prove something did *not* arrive). */
export function collect<E extends keyof ServerEvents>(socket: TestSocket, event: E) {
  const seen: Parameters<ServerEvents[E]>[0][] = []
  const listener = (p: Parameters<ServerEvents[E]>[0]) => seen.push(p)
  socket.on(event, listener as never)
  return { seen, stop: () => socket.off(event, listener as never) }
}

export function request<E extends keyof ClientEvents>(socket: TestSocket, event: E, body: unknown): Promise<Ack<unknown> & Record<string, unknown>> {
  return new Promise((resolve) => (socket.emit as (e: string, b: unknown, ack: (r: unknown) => void) => void)(event, body, (r) => resolve(r as Ack<unknown> & Record<string, unknown>)))
}
