// The BullMQ queues of the rules module. Job data carries only dates, never personal data.
// Every queue lives under config.REDIS_PREFIX (BullMQ's `prefix`), so tests and the demo
// never share jobs.
import { Queue, type ConnectionOptions } from 'bullmq'
import type { RunResult } from '../rules/run.ts'
import type { ChurnReport } from '../rules/churn/train.ts'

export const QUEUE_NAMES = { rulesRun: 'rules-run', churnTrain: 'churn-train' } as const

/** Without asOf, the job runs for today in the centre's zone. */
export interface AsOfData { asOf?: string }

export type RulesRunQueue = Queue<AsOfData, RunResult>
export type ChurnTrainQueue = Queue<AsOfData, ChurnReport | null>

export interface JobQueues {
  rulesRun: RulesRunQueue
  churnTrain: ChurnTrainQueue
}

const defaultJobOptions = {
  // one retry a minute later for a transient failure; a failed run changed nothing
  attempts: 2,
  backoff: { type: 'fixed', delay: 60_000 },
  removeOnComplete: { age: 7 * 86_400, count: 200 },
  removeOnFail: { age: 30 * 86_400 },
} as const

export function createQueues(connection: ConnectionOptions, prefix: string): JobQueues {
  return {
    rulesRun: new Queue<AsOfData, RunResult>(QUEUE_NAMES.rulesRun, { connection, prefix, defaultJobOptions }),
    churnTrain: new Queue<AsOfData, ChurnReport | null>(QUEUE_NAMES.churnTrain, { connection, prefix, defaultJobOptions }),
  }
}
