// The campaigns and warning rules a new installation starts with (domain.md "The working
// day"; contracts.md section 3). ensureDefaults creates what is missing and never overwrites
// what an admin has edited, so the demo and every start-up may call it.
import type { Db, Prisma } from '../db/client.ts'
import { CAMPAIGN_CODES, RULE_DEFAULTS } from '../rules/catalog.ts'
import { BASE_FORM, SURVEY_FORM } from './default-forms.ts'
import { NEW_SUBSCRIBER_SCRIPT, RELATIONSHIP_SCRIPT, RETENTION_SCRIPT, SERVICE_CARE_SCRIPT, SURVEY_SCRIPT } from './default-scripts.ts'

const ABANDON_MESSAGE = '您好，这里是中国电信客户服务中心，刚才的来电暂时无人接听，请您方便时回拨10000，谢谢。'
const VOICEMAIL = '您好，我是您的电话经理，今天联系您是想关心您的使用情况，请方便时回拨10000，谢谢。'

type CampaignDefault = Omit<Prisma.CampaignCreateInput, 'abandonMessage'>

/** The working day: 08:30 birthdays, 08:50 first contact, 09:30–11:30 outbound, 13:00–14:30 arrears, 14:30–16:40 outbound. */
export const DEFAULT_CAMPAIGNS: CampaignDefault[] = [
  {
    code: CAMPAIGN_CODES.serviceCare, name: '服务关怀（生日、欠费、停机）', marketing: false, portfolio: 'personal', dialMode: 'progressive',
    schedule: [{ from: '08:30', to: '09:30' }, { from: '13:00', to: '14:30' }], wrapSeconds: 30,
    script: SERVICE_CARE_SCRIPT, dispositionForm: BASE_FORM, voicemailText: VOICEMAIL,
  },
  {
    code: CAMPAIGN_CODES.retention, name: '维系挽留（到期、话务、套餐、离网）', marketing: true, portfolio: 'personal', dialMode: 'progressive',
    schedule: [{ from: '09:30', to: '11:30' }, { from: '14:30', to: '16:40' }], wrapSeconds: 45,
    script: RETENTION_SCRIPT, dispositionForm: BASE_FORM,
  },
  {
    code: CAMPAIGN_CODES.newSubscriber, name: '新入网回访', marketing: false, portfolio: 'pooled', dialMode: 'predictive', dailyCapPerSeat: 160,
    schedule: [{ from: '09:30', to: '11:30' }, { from: '14:30', to: '16:40' }], wrapSeconds: 20,
    script: NEW_SUBSCRIBER_SCRIPT, dispositionForm: BASE_FORM,
  },
  {
    code: CAMPAIGN_CODES.relationship, name: '首次接触与定期联系', marketing: false, portfolio: 'personal', dialMode: 'preview',
    schedule: [{ from: '08:50', to: '09:30' }], wrapSeconds: 60,
    script: RELATIONSHIP_SCRIPT, dispositionForm: BASE_FORM,
  },
  {
    code: CAMPAIGN_CODES.survey, name: '满意度调查', marketing: false, portfolio: 'pooled', dialMode: 'predictive',
    schedule: [{ from: '14:30', to: '16:40' }], wrapSeconds: 15,
    script: SURVEY_SCRIPT, dispositionForm: SURVEY_FORM,
  },
]

/** Idempotent: inserts missing campaigns and rules; existing rows are left as admins set them. */
export async function ensureDefaults(db: Db): Promise<void> {
  await db.$transaction(async (tx) => {
    const ids = new Map<string, number>()
    for (const c of DEFAULT_CAMPAIGNS) {
      const row = await tx.campaign.upsert({
        where: { code: c.code },
        update: {},
        create: { abandonTarget: 0.03, abandonMessage: ABANDON_MESSAGE, ...c },
        select: { id: true, code: true },
      })
      ids.set(row.code, row.id)
    }
    for (const r of Object.values(RULE_DEFAULTS)) {
      await tx.warningRule.upsert({
        where: { code: r.code },
        update: {},
        create: { code: r.code, name: r.name, enabled: true, thresholds: r.thresholds, weight: r.weight, campaignId: ids.get(r.campaign)! },
      })
    }
  }, { timeout: 60_000 })
}
