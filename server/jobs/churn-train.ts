// Processor of the churn-train queue: the monthly retrain (and on demand). Too little
// history is not a failure: the job completes with null and CHURN_RISK keeps firing on
// call forwarding alone.
import type { Job } from 'bullmq'
import type { Db } from '../db/client.ts'
import { localDate } from '../queues/compliance.ts'
import { InsufficientHistoryError, trainChurn, type ChurnReport } from '../rules/churn/train.ts'
import type { AsOfData } from './queues.ts'

export function churnTrainProcessor(db: Db, centreTimeZone: string) {
  return async (job: Job<AsOfData, ChurnReport | null>): Promise<ChurnReport | null> => {
    try {
      const result = await trainChurn(db, {
        asOf: job.data.asOf ?? localDate(new Date(), centreTimeZone),
        onProgress: (p) => job.updateProgress(p),
      })
      return result.report
    } catch (err) {
      if (err instanceof InsufficientHistoryError) {
        await job.log(err.message)
        return null
      }
      throw err
    }
  }
}
