// A running campaign with queue entries that can be dialed whatever the hour the test runs:
// the calling window is the whole day and each customer lives in a zone where it is midday.
import type { Db } from '../../../server/db/client.ts'
import * as fx from '../../fixtures.ts'

/** An Etc/GMT zone whose local time is now about 12:00 (outside the 22:00–08:00 quiet hours). */
export function middayZone(now = new Date()): string {
  const offset = 12 - now.getUTCHours() // hours ahead of UTC
  const wrapped = ((offset + 11 + 24) % 24) - 11 // keep within -11..+12
  return wrapped === 0 ? 'Etc/GMT' : `Etc/GMT${wrapped > 0 ? '-' : '+'}${Math.abs(wrapped)}`
}

export const ABANDON_MESSAGE = '您好，这里是中国电信客户服务中心，稍后将再次联系您，如需帮助请拨打10000。'

export async function campaign(db: Db, data: { code: string; branchId: number; dialMode: 'preview' | 'progressive' | 'ratio' | 'predictive'; dialRatio?: number; wrapSeconds?: number; portfolio?: 'personal' | 'pooled' }) {
  return db.campaign.create({
    data: {
      code: data.code, name: data.code, portfolio: data.portfolio ?? 'pooled', dialMode: data.dialMode, dialRatio: data.dialRatio ?? 1,
      schedule: [{ from: '00:00', to: '24:00' }], wrapSeconds: data.wrapSeconds ?? 1, status: 'paused',
      branchId: data.branchId, script: [], dispositionForm: [], abandonMessage: ABANDON_MESSAGE,
    },
  })
}

/** One queued entry per number, in the given priority order. */
export async function entries(db: Db, campaignId: number, branchId: number, numbers: string[], agentId?: number) {
  const zone = middayZone()
  const out: { entryId: number; msisdn: string }[] = []
  for (const [i, msisdn] of numbers.entries()) {
    const c = await fx.customer(db, { branchId, msisdn, timezone: zone })
    const e = await db.queueEntry.create({
      data: { customerId: c.id, campaignId, agentId, asOf: new Date(), reasons: ['TRAFFIC_DROP_1'], priority: 100 - i, status: 'queued', dialNumber: msisdn },
    })
    out.push({ entryId: e.id, msisdn })
  }
  return out
}
