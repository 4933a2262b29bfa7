// Processor of the rules-run queue: the daily 07:00 rebuild and on-demand runs
// (POST /api/rules/run). Progress is the run's stage and step count.
import type { Job } from 'bullmq'
import type { Db } from '../db/client.ts'
import { localDate } from '../queues/compliance.ts'
import { runRules, type RunResult } from '../rules/run.ts'
import type { AsOfData } from './queues.ts'

export function rulesRunProcessor(db: Db, centreTimeZone: string) {
  return async (job: Job<AsOfData, RunResult>): Promise<RunResult> =>
    runRules(db, {
      asOf: job.data.asOf ?? localDate(new Date(), centreTimeZone),
      centreTimeZone,
      onProgress: (p) => job.updateProgress(p),
    })
}
