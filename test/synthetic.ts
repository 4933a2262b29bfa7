// Synthetic customers and 12 months of usage, generated inside PostgreSQL (generate_series),
// for the churn tests and the 1M-customer rules benchmark. Churn is planted with a signal a
// retention centre would recognise: in the months before closing, bills and minutes fall
// and some months go silent; churners more often have forwarding on, arrears, and a
// contract that has just ended. Some loyal customers dip too (decoys), so the signal is
// real but imperfect (held-out AUC about 0.85). Deterministic for a seed (setseed, no parallel workers).
import type { Db } from '../server/db/client.ts'

export interface SyntheticOptions {
  customers: number
  /** D: usage covers the 12 complete months before D's month. */
  asOf: string
  seed?: number
  /** Service managers to own customers round-robin (ids); none leaves them unallocated. */
  managerIds?: number[]
  branchIds: number[]
}

const LATENT = `
  CREATE TEMP TABLE synthetic_latent AS
  WITH draws AS (
    SELECT g AS i,
           -- monthly spend: lognormal around 65 yuan
           exp(4.15 + 0.65 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) AS base,
           power(random(), 2) AS risk,
           random() AS u_churn, random() AS u_when, random() AS u_day, random() AS u_decoy, random() AS u_sp,
           $1::date AS d, ($1::date - interval '3 months')::date AS c
    FROM generate_series(1, $2::int) g
  )
  SELECT *, u_churn < 0.015 + 0.22 * risk AS churner,
         -- training churners close within the 3 months after the cut-off D − 3 months, the others after D
         CASE WHEN u_churn < 0.015 + 0.22 * risk THEN (CASE WHEN u_when < 0.5 THEN c ELSE d END) + 1 + floor(u_day * 88)::int END AS leaves
  FROM draws`

const CUSTOMERS = `
  INSERT INTO customers (id, msisdn, name, gender, birthday, id_type, id_number, address, alt_phone, branch_id, network, tier, card_type,
                         payment, balance, unpaid_months, plan_code, plan_minimum, contract_end, status, closed_on, joined_on,
                         call_forwarding, group_customer, rental, marketing_opt_out, service_manager_id, updated_at)
  SELECT $1::int + l.i, '+861' || lpad((3000000000 + l.i)::text, 10, '0'), '客户' || l.i,
         CASE WHEN random() < 0.5 THEN 'M' ELSE 'F' END::"Gender",
         date '1950-01-01' + floor(random() * 20000)::int,
         CASE WHEN l.u_sp < 0.9 THEN '身份证' END, CASE WHEN l.u_sp < 0.9 THEN '1101011990' || lpad(l.i::text, 8, '0') END,
         CASE WHEN random() < 0.9 THEN '太原市某区某路' || l.i || '号' END,
         CASE WHEN random() < 0.85 THEN '+861' || lpad((7000000000 + l.i)::text, 10, '0') END,
         ($2::int[])[1 + l.i % cardinality($2::int[])],
         (CASE WHEN random() < 0.05 THEN 'BB' WHEN random() < 0.2 THEN 'C' ELSE 'G' END)::"Network",
         (CASE WHEN random() < 0.02 THEN 'diamond' WHEN random() < 0.09 THEN 'gold' WHEN random() < 0.2 THEN 'silver' WHEN random() < 0.3 THEN 'star' ELSE 'standard' END)::"Tier",
         (CASE WHEN random() < 0.97 THEN 'normal' WHEN random() < 0.33 THEN 'staff' WHEN random() < 0.5 THEN 'test' ELSE 'public_free' END)::"CardType",
         (CASE WHEN random() < 0.4 THEN 'prepaid' ELSE 'postpaid' END)::"Payment",
         round((random() * 150 - CASE WHEN l.churner THEN 30 ELSE 0 END)::numeric, 2),
         CASE WHEN random() < CASE WHEN l.churner THEN 0.6 ELSE 0.9 END THEN 0 WHEN random() < 0.6 THEN 1 ELSE 2 + floor(random() * 3)::int END,
         'P' || floor(random() * 6)::int, (ARRAY[0, 38, 58, 88, 128, 188])[1 + floor(random() * 6)::int],
         CASE WHEN l.churner AND random() < 0.6 THEN l.leaves - 60 + floor(random() * 75)::int
              WHEN random() < 0.4 THEN l.d - 180 + floor(random() * 900)::int END,
         (CASE WHEN l.leaves <= l.d THEN 'closed' WHEN random() < 0.02 THEN 'single_stop' WHEN random() < 0.01 THEN 'double_stop' ELSE 'active' END)::"CustomerStatus",
         CASE WHEN l.leaves <= l.d THEN l.leaves END,
         least(coalesce(l.leaves - 30, l.d), date '2010-01-01' + floor(power(random(), 0.7) * (l.d - date '2010-01-01'))::int),
         random() < CASE WHEN l.churner THEN 0.25 ELSE 0.04 END,
         random() < 0.05, random() < 0.03, random() < 0.05,
         CASE WHEN cardinality($3::int[]) > 0 THEN ($3::int[])[1 + l.i % cardinality($3::int[])] END,
         now()
  FROM synthetic_latent l
  ORDER BY l.i`

/**
 * One row per customer and month from its joining month to its closing month. A customer
 * about to leave (closed_on, or a planted close date after D) spends less each month as the
 * day nears; decoys dip without leaving.
 */
const USAGE = `
  INSERT INTO monthly_usage (customer_id, month, bill, sp_fee, call_minutes)
  SELECT c.id, m.month, u.bill, CASE WHEN l.u_sp < 0.01 THEN u.bill WHEN l.u_sp < 0.1 THEN round(u.bill * 0.1, 2) ELSE 0 END,
         CASE WHEN u.silent THEN 0 ELSE round(u.bill * (2 + random() * 2))::int END
  FROM synthetic_latent l
  JOIN customers c ON c.id = $1::int + l.i
  CROSS JOIN LATERAL (
    SELECT (date_trunc('month', l.d) - make_interval(months => k))::date AS month FROM generate_series(1, 12) k
  ) m
  CROSS JOIN LATERAL (
    SELECT CASE WHEN l.churner THEN least(1, 0.55 + 0.09 * greatest(0, (l.leaves - m.month) / 30.0))
                WHEN l.u_decoy < 0.15 THEN least(1, 0.55 + 0.09 * abs((l.d - 120 + floor(l.u_day * 150)::int) - m.month) / 30.0)
                ELSE 1 END AS f
  ) t
  CROSS JOIN LATERAL (
    SELECT greatest(CASE WHEN c.payment = 'postpaid' AND l.u_decoy >= 0.5 THEN c.plan_minimum ELSE 0 END,
                    round((l.base * t.f * (0.8 + random() * 0.4))::numeric, 2)) AS bill,
           t.f < 0.7 AND random() < 0.25 AS silent
  ) u
  WHERE m.month >= date_trunc('month', c.joined_on) AND (c.closed_on IS NULL OR m.month <= c.closed_on)`

/** Inserts the customers (ids after the current maximum) and their usage; returns the first new id. */
export async function generateSynthetic(db: Db, opts: SyntheticOptions): Promise<number> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('SET LOCAL max_parallel_workers_per_gather = 0')
    await tx.$queryRawUnsafe('SELECT setseed($1::float8)::text', opts.seed ?? 0.42)
    const { max } = (await tx.$queryRawUnsafe<{ max: number }[]>('SELECT coalesce(max(id), 0)::int AS max FROM customers'))[0]!
    await tx.$executeRawUnsafe(LATENT, opts.asOf, opts.customers)
    await tx.$executeRawUnsafe(CUSTOMERS, max, opts.branchIds, opts.managerIds ?? [])
    await tx.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('customers', 'id'), (SELECT max(id) FROM customers))`)
    await tx.$executeRawUnsafe(USAGE, max)
    await tx.$executeRawUnsafe('DROP TABLE synthetic_latent')
    return max + 1
  }, { timeout: 60 * 60_000, maxWait: 60_000 })
}
