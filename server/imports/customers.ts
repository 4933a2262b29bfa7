// customers.csv (contracts.md section 2): columns, and how a staged row becomes a customer.
import { col, required, type FileSpec } from './columns.ts'
import type { MergeTarget, RowCheck, TargetColumn } from './merge.ts'

export const customersFile: FileSpec = {
  kind: 'customers',
  columns: [
    required(col.mobile('msisdn')),
    required(col.text('name', 100)),
    col.oneOf('gender', ['M', 'F'], '"Gender"'),
    col.date('birthday'),
    col.text('id_type', 20),
    col.text('id_number', 40),
    col.text('address', 300),
    col.contact('alt_phone'),
    col.text('email', 200),
    required(col.text('city', 50)),
    col.text('owning_unit', 100),
    required(col.oneOf('network', ['G', 'C', 'BB'], '"Network"')),
    required(col.oneOf('tier', ['diamond', 'gold', 'silver', 'star', 'standard'], '"Tier"')),
    required(col.oneOf('card_type', ['normal', 'staff', 'test', 'public_free'], '"CardType"')),
    required(col.oneOf('payment', ['prepaid', 'postpaid'], '"Payment"')),
    col.money('balance', true),
    col.integer('unpaid_months', 3),
    col.text('plan_code', 50),
    col.money('plan_minimum'),
    col.date('contract_end'),
    required(col.oneOf('status', ['active', 'single_stop', 'double_stop', 'closed'], '"CustomerStatus"')),
    col.date('closed_on'),
    required(col.date('joined_on')),
    col.flag('call_forwarding'),
    col.flag('group_customer'),
    col.flag('rental'),
    col.flag('marketing_opt_out'),
    col.username('service_manager'),
    col.username('account_manager'),
  ],
}

/** Columns copied as they are; an empty cell stores NULL. */
const plain = ['name', 'gender', 'birthday', 'id_type', 'id_number', 'address', 'alt_phone', 'email', 'owning_unit',
  'network', 'tier', 'card_type', 'payment', 'plan_code', 'contract_end', 'status', 'closed_on', 'joined_on']
/** Columns whose empty cell means the table's default. */
const defaults: Record<string, string> = {
  balance: '0', unpaid_months: '0', plan_minimum: '0',
  call_forwarding: 'false', group_customer: 'false', rental: 'false', marketing_opt_out: 'false',
}

const columns: TargetColumn[] = [
  { column: 'msisdn', expr: 's.msisdn' },
  { column: 'branch_id', expr: 'b.id' },
  ...plain.map((c) => ({ column: c, expr: `s.${c}`, source: c })),
  ...Object.entries(defaults).map(([c, d]) => ({ column: c, expr: `COALESCE(s.${c}, ${d})`, source: c })),
  // An empty manager cell keeps the current assignment: re-importing the monthly file must
  // not undo the allocation (`allocate`) made since.
  { column: 'service_manager_id', expr: 'sm.id', source: 'service_manager', keepStoredWhenNull: true },
  { column: 'account_manager_id', expr: 'am.id', source: 'account_manager', keepStoredWhenNull: true },
]

export const customersTarget: MergeTarget = {
  table: 'customers',
  key: ['msisdn'],
  from: `JOIN branches b ON b.name = s.city
    LEFT JOIN users sm ON sm.username = s.service_manager
    LEFT JOIN users am ON am.username = s.account_manager`,
  columns,
  touch: 'updated_at',
  stageKey: ['msisdn'],
  duplicateField: 'msisdn',
}

const managerCheck = (field: string, role: string, what: string): RowCheck => ({
  field,
  where: `s.${field} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.username = s.${field} AND u.role = '${role}')`,
  message: `CASE WHEN EXISTS (SELECT 1 FROM users u WHERE u.username = s.${field})
    THEN 'user ' || s.${field} || ' is not ${what} (role ${role})' ELSE 'unknown username ' || s.${field} END`,
})

export const customerChecks: RowCheck[] = [
  managerCheck('service_manager', 'agent', 'a service manager'),
  managerCheck('account_manager', 'account_manager', 'an account manager'),
]
