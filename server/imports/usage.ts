// usage.csv (contracts.md section 2): one month of billing per customer. The month arrives as
// 'YYYY-MM' (not a PostgreSQL date literal) and is stored as the first day of that month.
import { Type } from 'typebox'
import { fastMonth } from './cells.ts'
import { col, required, type FileSpec } from './columns.ts'
import type { MergeTarget, RowCheck } from './merge.ts'

export const usageFile: FileSpec = {
  kind: 'usage',
  columns: [
    required(col.mobile('msisdn')),
    {
      name: 'month',
      schema: Type.String({ pattern: '^(19|20)\\d\\d-(0[1-9]|1[0-2])$', description: 'a month (YYYY-MM)' }),
      pgType: 'date',
      inHeader: true,
      required: true,
      toCopy: (month) => `${month}-01`,
      fast: fastMonth,
    },
    required(col.money('bill')),
    col.money('sp_fee'),
    col.integer('call_minutes', 7),
  ],
}

export const usageTarget: MergeTarget = {
  table: 'monthly_usage',
  key: ['customer_id', 'month'],
  from: 'JOIN customers c ON c.msisdn = s.msisdn',
  columns: [
    { column: 'customer_id', expr: 'c.id' },
    { column: 'month', expr: 's.month' },
    { column: 'bill', expr: 's.bill' },
    { column: 'sp_fee', expr: 'COALESCE(s.sp_fee, 0)', source: 'sp_fee' },
    { column: 'call_minutes', expr: 'COALESCE(s.call_minutes, 0)', source: 'call_minutes' },
  ],
  stageKey: ['msisdn', 'month'],
  duplicateField: 'month',
}

/** The reject of a row whose number has no customer (in SQL here, and from usage-load.ts). */
export const NO_CUSTOMER = 'no customer with this number (import it in customers.csv first)'

export const usageChecks: RowCheck[] = [{
  field: 'msisdn',
  where: 'NOT EXISTS (SELECT 1 FROM customers c WHERE c.msisdn = s.msisdn)',
  message: `'${NO_CUSTOMER}'`,
  droppedByJoin: true,
}]
