// Twilio admits a fixed number of API-created calls per second per account (CPS); excess
// calls wait in Twilio's queue and ring late. Every call and participant this server creates
// therefore goes through one BullMQ queue whose rate limiter lives in Redis, so the limit
// holds across all nodes together. Interactive legs (agents, supervisors) jump the line.
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq'
import type { Redis } from 'ioredis'
import type twilio from 'twilio'
import { createRedis } from '../redis.ts'
import { recordPlaced, type CallContext } from './call-store.ts'
import type { Db } from '../db/client.ts'

type CallParams = Parameters<twilio.Twilio['calls']['create']>[0]
type ParticipantParams = Parameters<ReturnType<twilio.Twilio['conferences']>['participants']['create']>[0]

export type DialJob =
  | { kind: 'call'; params: CallParams; context: CallContext }
  | { kind: 'participant'; conference: string; params: ParticipantParams; context: CallContext }

export interface DialOutcome {
  context: CallContext
  callSid?: string
  error?: string
}

export type DialListener = (outcome: DialOutcome) => Promise<void>

export interface DialQueueOptions {
  redisUrl: string
  prefix: string
  cps: number
  client: twilio.Twilio
  db: Db
  redis: Redis
  key: (...parts: (string | number)[]) => string
  onError: (err: Error) => void
}

const QUEUE = 'twilio-dial'

/**
 * One job start per 1000/CPS ms (plus a small margin for the time from start to Twilio),
 * which keeps every sliding second at or under the CPS, not just every fixed window.
 */
export function limiterFor(cps: number) {
  return { max: 1, duration: Math.ceil(1000 / cps) + 5 }
}

export class DialQueue {
  private readonly queue: Queue<DialJob>
  private worker?: Worker<DialJob>
  private readonly listeners: DialListener[] = []
  private readonly connections: Redis[] = []

  constructor(private readonly opts: DialQueueOptions) {
    this.queue = new Queue<DialJob>(QUEUE, { connection: this.connection(), prefix: opts.prefix })
    this.queue.on('error', opts.onError)
  }

  private connection(): Redis {
    const c = createRedis(this.opts.redisUrl, { worker: true })
    c.on('error', this.opts.onError)
    this.connections.push(c)
    return c
  }

  /** Starts this node's worker (every node runs one; the limiter is shared). */
  start() {
    this.worker = new Worker<DialJob>(QUEUE, (job) => this.process(job), {
      connection: this.connection(),
      prefix: this.opts.prefix,
      concurrency: 8,
      limiter: limiterFor(this.opts.cps),
      // A job whose node died is not run again (the guard below would refuse it anyway); it
      // is found within lockDuration + stalledInterval and reported as failed.
      maxStalledCount: 0,
      lockDuration: 5000,
      stalledInterval: 5000,
    })
    this.worker.on('error', this.opts.onError)
    this.worker.on('stalled', (jobId) => void this.stalled(jobId).catch(this.opts.onError))
  }

  onOutcome(listener: DialListener) {
    this.listeners.push(listener)
  }

  /**
   * Queues a call. `jobId` makes it idempotent: asking twice for the same id (a dialer
   * command re-run after a failover) places one call.
   */
  async add(job: DialJob, opts: { jobId: string; interactive?: boolean }) {
    await this.queue.add(job.kind, job, {
      jobId: opts.jobId,
      priority: opts.interactive ? 1 : 10,
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: { age: 24 * 3600 },
    })
  }

  async depth(): Promise<number> {
    return this.queue.count()
  }

  private async process(job: Job<DialJob>): Promise<string> {
    const { key, redis, client, db } = this.opts
    // Never place the same job twice, even when a node died half-way through it.
    const first = await redis.set(key('dial-guard', job.id!), '1', 'EX', 24 * 3600, 'NX')
    if (first !== 'OK') throw new UnrecoverableError(`dial job ${job.id} was already attempted`)
    const { context } = job.data
    const params = job.data.params as { to: string; from: string }
    let callSid: string
    try {
      callSid = job.data.kind === 'call'
        ? (await client.calls.create(job.data.params)).sid
        : (await client.conferences(job.data.conference).participants.create(job.data.params)).callSid
    } catch (err) {
      // Twilio refused it (bad number, auth, ...): retrying would not help.
      await this.emit({ context, error: (err as Error).message })
      throw new UnrecoverableError((err as Error).message)
    }
    await recordPlaced(db, { callSid, direction: 'outbound', from: params.from, to: params.to, context })
    await this.emit({ context, callSid })
    return callSid
  }

  /** A job whose node died mid-way: whoever waits for it hears that it failed. */
  private async stalled(jobId: string) {
    const job = await this.queue.getJob(jobId)
    if (job) await this.emit({ context: job.data.context, error: 'the node placing this call stopped' })
  }

  private async emit(outcome: DialOutcome) {
    for (const listener of this.listeners) await listener(outcome)
  }

  /** Lets running jobs finish when Redis is there; with Redis gone there is nothing to wait for. */
  async close() {
    if (this.connections.every((c) => c.status === 'ready')) {
      await this.worker?.close()
      await this.queue.close()
    }
    for (const c of this.connections) c.disconnect()
  }
}
