// BullMQ in the app: the queues (any node may enqueue), and, unless JOBS=off, this node's
// workers and the repeatable schedules. Several nodes may run this: the job schedulers have
// fixed ids, so each slot yields one job, and a run also holds an advisory lock
// (server/rules/run.ts), so no two runs ever overlap.
import { Worker, type Processor } from 'bullmq'
import fp from 'fastify-plugin'
import { createRedis } from '../redis.ts'
import { churnTrainProcessor } from './churn-train.ts'
import { createQueues, QUEUE_NAMES, type JobQueues } from './queues.ts'
import { rulesRunProcessor } from './rules-run.ts'

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueues
  }
}

/** Daily rebuild at 07:00 and monthly churn retrain on the 1st at 06:00, centre time. */
export const SCHEDULES = {
  rulesRun: { id: 'rules-run-daily', pattern: '0 7 * * *' },
  churnTrain: { id: 'churn-train-monthly', pattern: '0 6 1 * *' },
} as const

export default fp(
  async (app) => {
    const { REDIS_PREFIX: prefix, TZ: tz } = app.config
    // Not app.redis, which is auto-pipelined (server/redis.ts).
    const queueConnection = createRedis(app.config.REDIS_URL)
    queueConnection.on('error', (err) => app.log.warn({ err: err.message }, 'job queue redis error'))
    const queues = createQueues(queueConnection, prefix)
    app.decorate('jobs', queues)
    for (const q of [queues.rulesRun, queues.churnTrain]) q.on('error', (err) => app.log.warn({ err: err.message, queue: q.name }, 'job queue error'))
    const closers: (() => Promise<void>)[] = [() => queues.rulesRun.close(), () => queues.churnTrain.close(), async () => queueConnection.disconnect()]

    if (app.config.JOBS === 'on') {
      const connection = createRedis(app.config.REDIS_URL, { worker: true })
      const worker = <D, R>(name: string, processor: Processor<D, R>) => {
        const w = new Worker<D, R>(name, processor, { connection, prefix, concurrency: 1 })
        w.on('error', (err) => app.log.error({ err, queue: name }, 'job worker error'))
        w.on('failed', (job, err) => app.log.warn({ err, queue: name, jobId: job?.id }, 'job failed'))
        return w
      }
      const workers = [
        worker(QUEUE_NAMES.rulesRun, rulesRunProcessor(app.db, tz)),
        worker(QUEUE_NAMES.churnTrain, churnTrainProcessor(app.db, tz)),
      ]
      // In the background, retried: a node must start (and /health say "redis") while Redis is down.
      const schedule = async () => {
        await queues.rulesRun.upsertJobScheduler(SCHEDULES.rulesRun.id, { pattern: SCHEDULES.rulesRun.pattern, tz }, { name: 'daily', data: {} })
        await queues.churnTrain.upsertJobScheduler(SCHEDULES.churnTrain.id, { pattern: SCHEDULES.churnTrain.pattern, tz }, { name: 'monthly', data: {} })
      }
      let retry: NodeJS.Timeout | undefined
      const trySchedule = () => schedule().catch((err: Error) => {
        app.log.warn({ err: err.message }, 'job schedules not set yet; retrying in 10 s')
        retry = setTimeout(trySchedule, 10_000).unref()
      })
      app.addHook('onReady', async () => { void trySchedule() })
      // workers first (they finish the job in hand), then their connection; with Redis gone
      // there is nothing to finish, and BullMQ's close would wait for it forever
      closers.unshift(async () => {
        clearTimeout(retry)
        const reachable = connection.status === 'ready'
        if (!reachable) connection.disconnect()
        await Promise.all(workers.map((w) => w.close(!reachable)))
        connection.disconnect()
      })
    }
    app.addHook('onClose', async () => {
      for (const close of closers) await close()
    })
  },
  { name: 'jobs', dependencies: ['config', 'db', 'redis'] },
)
