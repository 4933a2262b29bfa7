// `churn export`: msisdn and score (0–1) of every scored customer, highest risk first.
import { readInBatches } from '../../db/cursor.ts'
import type { Db } from '../../db/client.ts'

export interface ScoreRow { msisdn: string; score: number }
export const SCORE_COLUMNS: (keyof ScoreRow)[] = ['msisdn', 'score']

export function exportScores(db: Db, onBatch: (rows: ScoreRow[]) => void | Promise<void>): Promise<number> {
  return readInBatches<ScoreRow>(db, `
    SELECT c.msisdn, round(s.score::numeric, 6)::float8 AS score
    FROM churn_scores s JOIN customers c ON c.id = s.customer_id
    ORDER BY s.score DESC, c.msisdn`, [], onBatch)
}
