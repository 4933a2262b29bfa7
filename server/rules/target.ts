// Target customers as of D (contracts.md section 3), materialized once per run as the temp
// table rule_base that every rule reads: card_type normal, not closed, not SP-only, and at
// least one of: M1–M3 average bill ≥ 50; joined in D's calendar year; broadband; group
// customer; rental. M1 is the last complete month before D; a month without usage is 0.
// Each row also carries what the queue build needs to know once per customer: the number
// to dial, whether it is on the do-not-call list, and the churn score that CHURN_RISK and
// the priority read (found by hash joins in this one pass, not row by row later).
import { dialNumberSql } from '../queues/compliance-sql.ts'

/** Average bill over M1–M3 from which a customer is a locked (target) user. */
export const TARGET_MIN_AVERAGE_BILL = 50

/** M1, M2, M3 (first days, 'YYYY-MM-DD') and D's calendar year [start, end) for D. */
export function targetParams(asOf: string): [string, string, string, string, string] {
  const [y, m] = asOf.split('-').map(Number) as [number, number]
  const month = (back: number) => new Date(Date.UTC(y, m - 1 - back, 1)).toISOString().slice(0, 10)
  return [month(1), month(2), month(3), `${y}-01-01`, `${y + 1}-01-01`]
}

/** $1..$5 = targetParams(D): literal bounds, so the planner sees how much usage it will read. */
export const TARGET_SQL = `
  CREATE TEMP TABLE rule_base ON COMMIT DROP AS
  WITH u AS (
    -- (customer_id, month) is the key of monthly_usage: max() picks the month's one row
    -- (cheaper than sum() over numeric), NULL when the month has none
    SELECT mu.customer_id,
           max(mu.bill) FILTER (WHERE mu.month = $1::date) AS b1, max(mu.sp_fee) FILTER (WHERE mu.month = $1::date) AS s1,
           max(mu.bill) FILTER (WHERE mu.month = $2::date) AS b2, max(mu.sp_fee) FILTER (WHERE mu.month = $2::date) AS s2,
           max(mu.bill) FILTER (WHERE mu.month = $3::date) AS b3, max(mu.sp_fee) FILTER (WHERE mu.month = $3::date) AS s3
    FROM monthly_usage mu
    WHERE mu.month BETWEEN $3::date AND $1::date
    GROUP BY mu.customer_id
  )
  SELECT c.id, c.status, c.payment, c.balance, c.unpaid_months, c.plan_minimum,
         c.contract_end, c.birthday, c.joined_on, c.call_forwarding, c.tier, c.service_manager_id, c.marketing_opt_out,
         -- the five basics of a profile: name, ID type and number, address, second contact number
         (nullif(btrim(c.name), '') IS NOT NULL AND nullif(btrim(c.id_type), '') IS NOT NULL AND nullif(btrim(c.id_number), '') IS NOT NULL
          AND nullif(btrim(c.address), '') IS NOT NULL AND nullif(btrim(c.alt_phone), '') IS NOT NULL) AS profile_complete,
         coalesce(u.b1, 0) AS b1, coalesce(u.b2, 0) AS b2, coalesce(u.b3, 0) AS b3,
         ${dialNumberSql('c')} AS dial_number,
         coalesce(own.scope = 'all', false) OR coalesce(alt.scope = 'all', false) AS dnc_all,
         own.msisdn IS NOT NULL OR alt.msisdn IS NOT NULL AS dnc_any,
         cs.score AS churn_score
  FROM customers c
  LEFT JOIN u ON u.customer_id = c.id
  LEFT JOIN churn_scores cs ON cs.customer_id = c.id
  -- refusals (msisdn is do_not_call's key): of the customer's number, and of the number a
  -- double-stop customer is dialed on instead
  LEFT JOIN do_not_call own ON own.msisdn = c.msisdn
  LEFT JOIN do_not_call alt ON c.status = 'double_stop' AND alt.msisdn = ${dialNumberSql('c')}
  WHERE c.card_type = 'normal'
    AND c.status <> 'closed'
    AND NOT (coalesce(u.b1, 0) > 0 AND u.b1 = u.s1 AND coalesce(u.b2, 0) > 0 AND u.b2 = u.s2 AND coalesce(u.b3, 0) > 0 AND u.b3 = u.s3)
    AND (coalesce(u.b1, 0) + coalesce(u.b2, 0) + coalesce(u.b3, 0) >= 3 * ${TARGET_MIN_AVERAGE_BILL}
         OR (c.joined_on >= $4::date AND c.joined_on < $5::date)
         OR c.network = 'BB' OR c.group_customer OR c.rental)`
