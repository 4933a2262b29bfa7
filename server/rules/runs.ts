// Runs on demand through the job queue (POST /api/rules/run), and their progress.
import { NotFoundError } from '../common/errors.ts'
import type { RulesRunQueue } from '../jobs/queues.ts'
import { localDate } from '../queues/compliance.ts'

export async function enqueueRun(queue: RulesRunQueue, asOf: string | undefined, centreTimeZone: string) {
  const day = asOf ?? localDate(new Date(), centreTimeZone)
  const job = await queue.add('on-demand', { asOf: day })
  return { jobId: job.id!, asOf: day }
}

export async function runStatus(queue: RulesRunQueue, jobId: string) {
  // The state first: a job read before it is found completed carries its result.
  const state = await queue.getJobState(jobId)
  const job = await queue.getJob(jobId)
  if (!job || state === 'unknown') throw new NotFoundError(`rules run job ${jobId}`)
  return {
    jobId,
    asOf: job.data.asOf ?? null,
    state,
    progress: job.progress ?? null,
    result: job.returnvalue ?? null,
    failedReason: job.failedReason || null,
  }
}
