// Pushes the wallboard to every branch room with a supervisor connected to *this* node, at
// least once a second (io.local: with several nodes each serves its own sockets, so no
// supervisor gets a board twice). Queue depth is also sampled once a minute per branch
// (one node wins the minute through a Redis NX key) for the depth-over-the-day chart.
import type { FastifyInstance } from 'fastify'
import { branchRoom, type DepthSeries } from '../realtime/events.ts'
import type { AppServer, AppSocket } from '../realtime/socket.ts'
import { WallboardBuilder } from './wallboard.ts'

const PUSH_MS = 1000
const SAMPLE_MS = 60_000
const BRANCH_ROOM = /^branch:(\d+)$/

export class WallboardPublisher {
  private readonly builder: WallboardBuilder
  private timer: NodeJS.Timeout | null = null
  private running = false

  constructor(private readonly app: FastifyInstance, private readonly io: AppServer) {
    this.builder = new WallboardBuilder(app)
  }

  start() {
    this.timer = setInterval(() => void this.tick(), PUSH_MS)
    this.timer.unref()
  }

  stop() {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Branches with a supervisor socket on this node. */
  private localBranches(): number[] {
    return [...this.io.of('/').adapter.rooms.keys()].flatMap((room) => {
      const m = BRANCH_ROOM.exec(room)
      return m ? [Number(m[1])] : []
    })
  }

  async tick() {
    if (this.running) return // a slow round skips a beat rather than piling up
    this.running = true
    try {
      // One branch after another: a burst of every branch's queries at once would hold the
      // whole connection pool and delay screen pops behind it.
      for (const b of this.localBranches()) await this.push(b)
    } catch (err) {
      this.app.log.error({ err }, 'wallboard push failed')
    } finally {
      this.running = false
    }
  }

  private async push(branchId: number) {
    const board = await this.builder.build(branchId)
    this.io.local.to(branchRoom(branchId)).emit('wallboard:update', board)
    const depth = board.campaigns.reduce((s, c) => s + c.queueDepth, 0)
    const minute = Math.floor(board.at / SAMPLE_MS)
    const won = await this.app.redis.set(this.app.redisKey('wallboard-sample', branchId, minute), '1', 'EX', 120, 'NX')
    if (won) {
      const key = this.seriesKey(branchId)
      await this.app.redis.multi().rpush(key, JSON.stringify({ at: board.at, depth })).ltrim(key, -1440, -1).expire(key, 2 * 86_400).exec()
      this.io.to(branchRoom(branchId)).emit('wallboard:series', await this.series(branchId))
    }
  }

  private seriesKey(branchId: number) {
    return this.app.redisKey('wallboard-series', branchId, new Date().toISOString().slice(0, 10))
  }

  async series(branchId: number): Promise<DepthSeries> {
    const raw = await this.app.redis.lrange(this.seriesKey(branchId), 0, -1)
    return { branchId, points: raw.map((r) => JSON.parse(r) as { at: number; depth: number }) }
  }

  /** A supervisor who just connected gets the board and the day's series at once. */
  async greet(socket: AppSocket, branchId: number) {
    socket.emit('wallboard:update', await this.builder.build(branchId))
    socket.emit('wallboard:series', await this.series(branchId))
  }
}
