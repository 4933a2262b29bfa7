// Churn features as of a cut-off date C, in SQL (set-based). Usage features read only the
// six complete months before C (N1 = the month before C's month ... N6); profile features
// are the customer's recorded facts (the database keeps no history of balance, arrears or
// forwarding, so those are the latest known values). The same expressions serve training
// (with the label) and scoring (score.ts folds the model into them).

export interface Feature { name: string; sql: string }

/** ln(1 + x), with refunds (negative bills) read as 0. */
const lp = (x: string) => `ln(1 + greatest(0, ${x}))`
const recentBill = 'coalesce(u.bill3, 0) / 3'
const recentMinutes = 'coalesce(u.min3, 0) / 3.0'

/** Every feature as an expression over customers c, the usage aggregate u and the cut-off m.c. */
export const FEATURES: readonly Feature[] = [
  { name: 'log_bill_3m', sql: lp(recentBill) },
  { name: 'bill_trend', sql: `${lp(recentBill)} - ${lp('coalesce(u.bill_old3, 0) / 3')}` },
  { name: 'bill_last_change', sql: `${lp('coalesce(u.b_n1, 0)')} - ${lp('coalesce(u.b_n2, 0)')}` },
  { name: 'log_minutes_3m', sql: lp(recentMinutes) },
  { name: 'minutes_trend', sql: `${lp(recentMinutes)} - ${lp('coalesce(u.min_old3, 0) / 3.0')}` },
  { name: 'zero_usage_months', sql: 'greatest(0, least(6, m.months_in) - coalesce(u.used_months, 0))' },
  { name: 'bill_swing', sql: 'sqrt(greatest(0, coalesce(u.bill_sq6, 0) / 6 - power(coalesce(u.bill6, 0) / 6, 2))) / (1 + greatest(0, coalesce(u.bill6, 0) / 6))' },
  { name: 'sp_share', sql: 'coalesce(u.sp3, 0) / (greatest(0, coalesce(u.bill3, 0)) + 1)' },
  { name: 'unpaid_months', sql: 'least(c.unpaid_months, 12)' },
  { name: 'low_balance', sql: `(c.payment = 'prepaid' AND c.balance < 10)::int` },
  { name: 'contract_months_left', sql: 'CASE WHEN c.contract_end IS NULL THEN 0 ELSE greatest(-12, least(24, (c.contract_end - m.c) / 30.44)) END' },
  { name: 'no_contract', sql: '(c.contract_end IS NULL)::int' },
  { name: 'contract_ends_in_3m', sql: `coalesce(c.contract_end > m.c AND c.contract_end <= m.c + interval '3 months', false)::int` },
  { name: 'log_tenure_months', sql: lp('m.months_in') },
  { name: 'call_forwarding', sql: 'c.call_forwarding::int' },
  { name: 'tier_diamond', sql: `(c.tier = 'diamond')::int` },
  { name: 'tier_gold', sql: `(c.tier = 'gold')::int` },
  { name: 'tier_silver', sql: `(c.tier = 'silver')::int` },
  { name: 'prepaid', sql: `(c.payment = 'prepaid')::int` },
  { name: 'network_bb', sql: `(c.network = 'BB')::int` },
  { name: 'network_c', sql: `(c.network = 'C')::int` },
  { name: 'group_customer', sql: 'c.group_customer::int' },
  { name: 'rental', sql: 'c.rental::int' },
  { name: 'under_minimum', sql: '(c.plan_minimum > 0 AND coalesce(u.bill3, 0) / 3 < c.plan_minimum)::int' },
]

/** Active at the cut-off: joined by then, and not closed by then (a closed customer without a date is left out). */
const ACTIVE_AT = `c.card_type = 'normal' AND c.joined_on <= m.c
  AND (c.closed_on > m.c OR (c.closed_on IS NULL AND c.status <> 'closed'))`

/** 1 when the customer closed within the 3 months after the cut-off. */
export const LABEL_SQL = `(c.closed_on > m.c AND c.closed_on <= m.c + interval '3 months')::int`

/**
 * SELECT c.id, <columns> over customers active at the cut-off $1; with `idRange`, only
 * ids in [$2, $3), so training can stream the matrix in chunks along the primary keys.
 */
export function featureQuery(columns: string, idRange: boolean): string {
  const range = (col: string) => (idRange ? `AND ${col} >= $2::int AND ${col} < $3::int` : '')
  return `
    WITH m AS (
      SELECT $1::date AS c, date_trunc('month', $1::date)::date AS cur
    ), u AS (
      SELECT mu.customer_id,
             sum(mu.bill) FILTER (WHERE mu.month >= m.cur - interval '3 months') AS bill3,
             sum(mu.bill) FILTER (WHERE mu.month < m.cur - interval '3 months') AS bill_old3,
             sum(mu.bill) AS bill6, sum(mu.bill * mu.bill) AS bill_sq6,
             sum(mu.bill) FILTER (WHERE mu.month = m.cur - interval '1 month') AS b_n1,
             sum(mu.bill) FILTER (WHERE mu.month = m.cur - interval '2 months') AS b_n2,
             sum(mu.call_minutes) FILTER (WHERE mu.month >= m.cur - interval '3 months') AS min3,
             sum(mu.call_minutes) FILTER (WHERE mu.month < m.cur - interval '3 months') AS min_old3,
             sum(mu.sp_fee) FILTER (WHERE mu.month >= m.cur - interval '3 months') AS sp3,
             count(*) FILTER (WHERE mu.call_minutes > 0) AS used_months
      FROM monthly_usage mu, m
      WHERE mu.month >= m.cur - interval '6 months' AND mu.month < m.cur ${range('mu.customer_id')}
      GROUP BY mu.customer_id
    )
    SELECT c.id, ${columns}
    FROM customers c
    CROSS JOIN LATERAL (
      SELECT m.c, ((extract(year FROM m.cur) - extract(year FROM c.joined_on)) * 12
                   + extract(month FROM m.cur) - extract(month FROM c.joined_on))::int AS months_in
      FROM m) m
    LEFT JOIN u ON u.customer_id = c.id
    WHERE ${ACTIVE_AT} ${range('c.id')}`
}

/** A feature's value as float8; a fact that is unknown (NULL) counts as 0 in training and scoring alike. */
export const featureValue = (f: Feature) => `coalesce((${f.sql})::float8, 0)`

/** The feature vector as one float8[] column named x. */
export const FEATURE_ARRAY = `ARRAY[${FEATURES.map(featureValue).join(', ')}] AS x`
