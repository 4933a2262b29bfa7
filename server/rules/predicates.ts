// The SQL of each warning rule (contracts.md section 3), as of date D, over rule_base: one
// row per target customer with bills b1..b3 of M1..M3 and churn score (target.ts builds it). Each rule is
// one set-based statement; besides firing, it reports an urgency in [0, 1] that the queue
// priority uses (server/queues/priority.ts). Numbers are passed as numeric text, so that
// 0.7 × bill is exact decimal arithmetic, as the boundaries require.
import { NOT_REACHED_OUTCOMES } from '../campaigns/schemas.ts'
import type { RuleCode, Thresholds } from './catalog.ts'

export interface RuleContext<C extends RuleCode> {
  /** D, 'YYYY-MM-DD' */
  asOf: string
  thresholds: Thresholds<C>
  /** The campaign the rule feeds. */
  campaignId: number
}

/** FROM rule_base b [from] WHERE [where]; urgency is a float expression; $n are params. */
export interface RuleSql {
  from?: string
  where: string
  urgency: string
  params: unknown[]
}

const dec = (n: number) => String(n)

type Builders = { [C in RuleCode]: (ctx: RuleContext<C>) => RuleSql }

export const PREDICATES: Builders = {
  // Month-days D..D+n; in a common year a 29 February birthday is celebrated on 28 February.
  BIRTHDAY: ({ asOf, thresholds }) => ({
    from: `JOIN (
      SELECT k, to_char($1::date + k, 'MM-DD') AS md FROM generate_series(0, $2::int) k
      UNION ALL
      SELECT k, '02-29' FROM generate_series(0, $2::int) k
      WHERE to_char($1::date + k, 'MM-DD') = '02-28'
        AND extract(day FROM make_date(extract(year FROM $1::date + k)::int, 3, 1) - 1) = 28
    ) w ON w.md = to_char(b.birthday, 'MM-DD')`,
    where: 'true',
    urgency: '1 - w.k::float8 / greatest($2::int, 1)',
    params: [asOf, thresholds.daysAhead],
  }),
  ARREARS_PREPAID: ({ thresholds }) => ({
    where: `b.payment = 'prepaid' AND b.balance < $1::numeric`,
    urgency: 'CASE WHEN b.balance <= 0 THEN 1 ELSE 0.5 END',
    params: [dec(thresholds.balanceBelow)],
  }),
  ARREARS_POSTPAID: ({ thresholds }) => ({
    where: `b.payment = 'postpaid' AND b.unpaid_months >= $1::int`,
    urgency: 'least(1, b.unpaid_months::float8 / ($1::int + 1))',
    params: [thresholds.unpaidMonthsAtLeast],
  }),
  CONTRACT_EXPIRY: ({ asOf, thresholds }) => ({
    where: `b.contract_end > $1::date AND b.contract_end <= ($1::date + make_interval(months => $2::int))::date`,
    urgency: `1 - (b.contract_end - $1::date)::float8 / (($1::date + make_interval(months => $2::int))::date - $1::date)`,
    params: [asOf, thresholds.monthsAhead],
  }),
  TRAFFIC_DROP_1: ({ thresholds }) => ({
    where: `b.b2 > 0 AND b.b1 > 0 AND b.b1 < $1::numeric * b.b2`,
    urgency: '1 - (b.b1 / b.b2)::float8',
    params: [dec(thresholds.ratio)],
  }),
  TRAFFIC_DROP_2: ({ thresholds }) => ({
    where: `b.b2 > 0 AND b.b1 > 0 AND $1::numeric * b.b2 <= b.b1 AND b.b1 < b.b2`,
    urgency: '1 - (b.b1 / b.b2)::float8',
    params: [dec(thresholds.ratio)],
  }),
  ZERO_BILLING: () => ({ where: 'b.b1 = 0 AND b.b2 > 0', urgency: '1', params: [] }),
  UNDER_MINIMUM: () => ({
    where: 'b.plan_minimum > 0 AND b.b1 < b.plan_minimum AND b.b2 < b.plan_minimum AND b.b3 < b.plan_minimum',
    urgency: '1 - ((b.b1 + b.b2 + b.b3) / (3 * b.plan_minimum))::float8',
    params: [],
  }),
  OVER_PACKAGE: ({ thresholds }) => ({
    where: `b.plan_minimum > 0 AND b.b1 >= $1::numeric * b.plan_minimum AND b.b2 >= $1::numeric * b.plan_minimum AND b.b3 >= $1::numeric * b.plan_minimum`,
    urgency: '0.3',
    params: [dec(thresholds.factor)],
  }),
  SINGLE_STOP: () => ({ where: `b.status = 'single_stop'`, urgency: '1', params: [] }),
  DOUBLE_STOP: () => ({ where: `b.status = 'double_stop'`, urgency: '1', params: [] }),
  CHURN_RISK: ({ thresholds }) => ({
    where: 'b.call_forwarding OR b.churn_score >= $1::float8',
    urgency: 'greatest(coalesce(b.churn_score, 0), CASE WHEN b.call_forwarding THEN 0.5 ELSE 0 END)',
    params: [thresholds.scoreAtLeast],
  }),
  // "No completed callback yet": no disposition reaching the customer in this rule's campaign.
  NEW_SUBSCRIBER: ({ asOf, thresholds, campaignId }) => ({
    where: `b.joined_on BETWEEN $1::date - $2::int AND $1::date
      AND NOT EXISTS (SELECT 1 FROM rule_contacts x WHERE x.customer_id = b.id AND x.campaign_id = $3::int)`,
    urgency: '($1::date - b.joined_on)::float8 / $2::int',
    params: [asOf, thresholds.days, campaignId],
  }),
  // Allocated customers whose last contact is at least the tier's interval old; a logged
  // contact resets the clock. Never-contacted customers are FIRST_CONTACT's.
  PERIODIC_CONTACT: ({ asOf, thresholds }) => ({
    from: `JOIN (SELECT customer_id, max(last_on) AS last_on FROM rule_contacts GROUP BY customer_id) x ON x.customer_id = b.id`,
    where: `b.service_manager_id IS NOT NULL AND ($2::jsonb ->> b.tier::text) IS NOT NULL
      AND (x.last_on + make_interval(months => ($2::jsonb ->> b.tier::text)::int))::date <= $1::date`,
    urgency: `least(1, ($1::date - (x.last_on + make_interval(months => ($2::jsonb ->> b.tier::text)::int))::date)::float8 / 30)`,
    params: [asOf, JSON.stringify(thresholds.monthsByTier)],
  }),
  // The first call after allocation collects the five basics (rule_base.profile_complete).
  FIRST_CONTACT: () => ({
    from: 'LEFT JOIN (SELECT DISTINCT customer_id FROM rule_contacts) x ON x.customer_id = b.id',
    where: 'b.service_manager_id IS NOT NULL AND (x.customer_id IS NULL OR NOT b.profile_complete)',
    urgency: 'CASE WHEN x.customer_id IS NULL THEN 1 ELSE 0.5 END',
    params: [],
  }),
}

/** Contacts up to the end of D (centre's zone): one row per customer and campaign with the last day reached. */
export const CONTACTS_SQL = `
  CREATE TEMP TABLE rule_contacts ON COMMIT DROP AS
  SELECT customer_id, campaign_id, max((created_at AT TIME ZONE $2)::date) AS last_on
  FROM dispositions
  WHERE outcome <> ALL($3::text[]) AND created_at < (($1::date + 1)::timestamp AT TIME ZONE $2)
  GROUP BY customer_id, campaign_id`
export const contactsParams = (asOf: string, centreTimeZone: string) => [asOf, centreTimeZone, [...NOT_REACHED_OUTCOMES]]
