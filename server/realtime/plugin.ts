// socket.io on the Fastify server (contracts.md section 6): the handshake carries the same
// bearer token as the API; each socket is put in the one room it may see; the Redis adapter
// fans emits out across nodes; domain events are forwarded to rooms.
import { createAdapter } from '@socket.io/redis-adapter'
import fp from 'fastify-plugin'
import { Redis } from 'ioredis'
import { Server } from 'socket.io'
import type { SessionUser } from '../auth/schemas.ts'
import { WallboardPublisher } from '../reports/wallboard-publisher.ts'
import { registerAgentHandlers } from './agent-handlers.ts'
import { forwardDomainEvents } from './forward.ts'
import { PopCache } from './pop-cache.ts'
import { WrapUpTimers } from './presence-actions.ts'
import { ownRooms } from './rooms.ts'
import type { AppServer } from './socket.ts'
import { registerSupervisorHandlers } from './supervisor-handlers.ts'

declare module 'fastify' {
  interface FastifyInstance {
    io: AppServer
  }
}

/** Thrown from the handshake; the client sees it as connect_error with `data.error`. */
function refused(code: string, message: string) {
  return Object.assign(new Error(message), { data: { error: code, message } })
}

export default fp(async (app) => {
  // Emits of many calls in one tick leave in one write (server/redis.ts).
  const pub = new Redis(app.config.REDIS_URL, { enableAutoPipelining: true })
  const sub = new Redis(app.config.REDIS_URL)
  for (const c of [pub, sub]) c.on('error', (err) => app.log.warn({ err: err.message }, 'socket.io redis error'))

  const io: AppServer = new Server(app.server, { serveClient: false })
  app.decorate('io', io)
  // The Redis adapter (fan-out to other nodes) is attached once both connections are up. A
  // server whose Redis is down still starts (and /health says so); and no subscription is
  // queued on a Redis that never answers, where it would reject unhandled at shutdown.
  let attached = false
  const attachRedisAdapter = () => {
    if (attached || pub.status !== 'ready' || sub.status !== 'ready') return
    attached = true
    io.adapter(createAdapter(pub, sub, { key: app.redisKey('socket.io') }))
    // Sockets that connected before Redis answered were in the local adapter: rejoin their rooms.
    for (const socket of io.of('/').sockets.values()) void socket.join(ownRooms(socket.data.user))
  }
  pub.on('ready', attachRedisAdapter)
  sub.on('ready', attachRedisAdapter)
  await new Promise<void>((resolve) => {
    const done = () => { if (pub.status === 'ready' && sub.status === 'ready') resolve() }
    pub.once('ready', done)
    sub.once('ready', done)
    setTimeout(resolve, 2000).unref()
  })

  io.use((socket, next) => {
    const token: unknown = socket.handshake.auth?.token
    if (typeof token !== 'string' || token === '') return next(refused('UNAUTHORIZED', 'missing token'))
    try {
      const { id, username, name, role, branchId } = app.jwt.verify<SessionUser>(token)
      socket.data.user = { id, username, name, role, branchId }
      next()
    } catch {
      next(refused('UNAUTHORIZED', 'invalid or expired token'))
    }
  })

  const wrapUps = new WrapUpTimers(app)
  const pops = new PopCache(app.redis, app.redisKey)
  const stopForwarding = forwardDomainEvents(app, io, wrapUps, pops)
  const wallboard = new WallboardPublisher(app, io)
  wallboard.start()

  io.on('connection', async (socket) => {
    const user = socket.data.user
    registerAgentHandlers(socket, { app, wrapUps, pops })
    registerSupervisorHandlers(socket, { app })
    await socket.join(ownRooms(user))
    if (user.role === 'supervisor' && user.branchId !== null) await wallboard.greet(socket, user.branchId)
    if (user.role !== 'agent') return
    // The page starts from the truth: current presence, and the call it may have been on.
    const presence = await app.presence.get(user.id)
    socket.emit('agent:presence', { agentId: user.id, ...presence })
    if (presence.state === 'on_call' || presence.state === 'wrap_up') {
      const pop = await pops.get(user.id)
      if (pop) socket.emit('call:offered', pop)
    }
  })

  // Before Fastify closes its server: drop sockets so close() does not wait on them.
  app.addHook('preClose', async () => {
    stopForwarding()
    wallboard.stop()
    wrapUps.close()
    io.local.disconnectSockets(true)
    io.engine.close()
  })
  app.addHook('onClose', async () => {
    pub.disconnect()
    sub.disconnect()
  })
}, { name: 'realtime', dependencies: ['config', 'redis', 'db', 'events', 'auth', 'presence'] })
