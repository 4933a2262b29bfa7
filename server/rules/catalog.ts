// Every warning rule the product knows (contracts.md section 3, plus the relationship rules
// PERIODIC_CONTACT and FIRST_CONTACT), with the shape and defaults of its thresholds, its
// default weight and the campaign it feeds. Rows in warning_rules override everything but
// the code; the SQL that evaluates each code is in predicates.ts.
import { Type, type Static, type TSchema } from 'typebox'

const Months = Type.Integer({ minimum: 1, maximum: 24 })
const Num = (description: string, opts: { minimum?: number; maximum?: number } = {}) => Type.Number({ description, ...opts })

export const THRESHOLDS = {
  BIRTHDAY: Type.Object({ daysAhead: Type.Integer({ minimum: 0, maximum: 31, description: 'fires from D to D + daysAhead' }) }, { additionalProperties: false }),
  ARREARS_PREPAID: Type.Object({ balanceBelow: Num('prepaid balance below this many yuan') }, { additionalProperties: false }),
  ARREARS_POSTPAID: Type.Object({ unpaidMonthsAtLeast: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  CONTRACT_EXPIRY: Type.Object({ monthsAhead: Type.Integer({ minimum: 1, maximum: 24, description: 'D < contract_end <= D + monthsAhead' }) }, { additionalProperties: false }),
  TRAFFIC_DROP_1: Type.Object({ ratio: Num('bill(M1) < ratio x bill(M2)', { minimum: 0, maximum: 1 }) }, { additionalProperties: false }),
  TRAFFIC_DROP_2: Type.Object({ ratio: Num('ratio x bill(M2) <= bill(M1) < bill(M2)', { minimum: 0, maximum: 1 }) }, { additionalProperties: false }),
  ZERO_BILLING: Type.Object({}, { additionalProperties: false }),
  UNDER_MINIMUM: Type.Object({}, { additionalProperties: false }),
  OVER_PACKAGE: Type.Object({ factor: Num('bill >= factor x plan_minimum in each of M1-M3', { minimum: 1 }) }, { additionalProperties: false }),
  SINGLE_STOP: Type.Object({}, { additionalProperties: false }),
  DOUBLE_STOP: Type.Object({}, { additionalProperties: false }),
  CHURN_RISK: Type.Object({ scoreAtLeast: Num('churn score cut-off (probability of closing within 3 months)', { minimum: 0, maximum: 1 }) }, { additionalProperties: false }),
  NEW_SUBSCRIBER: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 365, description: 'D - days <= joined_on <= D' }) }, { additionalProperties: false }),
  PERIODIC_CONTACT: Type.Object({
    monthsByTier: Type.Partial(Type.Object({ diamond: Months, gold: Months, silver: Months, star: Months, standard: Months }, { additionalProperties: false }), { description: 'months between phone contacts, per tier; tiers left out get no periodic call' }),
  }, { additionalProperties: false }),
  FIRST_CONTACT: Type.Object({}, { additionalProperties: false }),
} satisfies Record<string, TSchema>

export type RuleCode = keyof typeof THRESHOLDS
export const RULE_CODES = Object.keys(THRESHOLDS) as RuleCode[]
export type Thresholds<C extends RuleCode> = Static<(typeof THRESHOLDS)[C]>

export const CAMPAIGN_CODES = {
  serviceCare: 'SERVICE_CARE',
  retention: 'RETENTION',
  newSubscriber: 'NEW_SUB_CALLBACK',
  relationship: 'RELATIONSHIP',
  survey: 'SURVEY',
} as const

export interface RuleDefault<C extends RuleCode = RuleCode> {
  code: C
  name: string
  thresholds: Thresholds<C>
  weight: number
  campaign: (typeof CAMPAIGN_CODES)[keyof typeof CAMPAIGN_CODES]
}

const S = CAMPAIGN_CODES
/** Defaults from contracts.md section 3; the weights rank how urgent a call for that reason is. */
export const RULE_DEFAULTS: { [C in RuleCode]: RuleDefault<C> } = {
  BIRTHDAY: { code: 'BIRTHDAY', name: '生日关怀', thresholds: { daysAhead: 3 }, weight: 4, campaign: S.serviceCare },
  ARREARS_PREPAID: { code: 'ARREARS_PREPAID', name: '欠费提醒（预付费）', thresholds: { balanceBelow: 10 }, weight: 5, campaign: S.serviceCare },
  ARREARS_POSTPAID: { code: 'ARREARS_POSTPAID', name: '欠费提醒（后付费）', thresholds: { unpaidMonthsAtLeast: 2 }, weight: 6, campaign: S.serviceCare },
  CONTRACT_EXPIRY: { code: 'CONTRACT_EXPIRY', name: '到期预警', thresholds: { monthsAhead: 2 }, weight: 8, campaign: S.retention },
  TRAFFIC_DROP_1: { code: 'TRAFFIC_DROP_1', name: '话务预警（一级，降幅>30%）', thresholds: { ratio: 0.7 }, weight: 7, campaign: S.retention },
  TRAFFIC_DROP_2: { code: 'TRAFFIC_DROP_2', name: '话务预警（二级，降幅0-30%）', thresholds: { ratio: 0.7 }, weight: 4, campaign: S.retention },
  ZERO_BILLING: { code: 'ZERO_BILLING', name: '套餐预警（零计费）', thresholds: {}, weight: 7, campaign: S.retention },
  UNDER_MINIMUM: { code: 'UNDER_MINIMUM', name: '套餐预警（低于保底）', thresholds: {}, weight: 3, campaign: S.retention },
  OVER_PACKAGE: { code: 'OVER_PACKAGE', name: '套餐预警（超套餐）', thresholds: { factor: 1.3 }, weight: 3, campaign: S.retention },
  SINGLE_STOP: { code: 'SINGLE_STOP', name: '停机预警（单停）', thresholds: {}, weight: 9, campaign: S.serviceCare },
  DOUBLE_STOP: { code: 'DOUBLE_STOP', name: '停机预警（双停）', thresholds: {}, weight: 8, campaign: S.serviceCare },
  CHURN_RISK: { code: 'CHURN_RISK', name: '离网倾向', thresholds: { scoreAtLeast: 0.5 }, weight: 10, campaign: S.retention },
  NEW_SUBSCRIBER: { code: 'NEW_SUBSCRIBER', name: '新入网回访', thresholds: { days: 30 }, weight: 5, campaign: S.newSubscriber },
  PERIODIC_CONTACT: { code: 'PERIODIC_CONTACT', name: '按星级定期联系', thresholds: { monthsByTier: { diamond: 1, gold: 1, silver: 2 } }, weight: 4, campaign: S.relationship },
  FIRST_CONTACT: { code: 'FIRST_CONTACT', name: '首次接触（完善资料）', thresholds: {}, weight: 6, campaign: S.relationship },
}

export function isRuleCode(code: string): code is RuleCode {
  return Object.hasOwn(THRESHOLDS, code)
}
