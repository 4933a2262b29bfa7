// Everything a screen pop needs in one SQL round trip: the pop is on the critical path of
// every call (shown within a second of the bridge), so it is not left to a dozen ORM reads.
import { sqlPool, type Db } from '../db/client.ts'

export interface PopRow {
  agentName: string | null
  entry: { id: number; reasons: string[] } | null
  campaign: { id: number; code: string; name: string; wrapSeconds: number; script: unknown; dispositionForm: unknown } | null
  customer: {
    id: number; name: string; msisdn: string; tier: string; gender: string | null; birthday: string | null
    idType: string | null; idNumber: string | null; address: string | null; altPhone: string | null; email: string | null
    network: string; payment: string; status: string; planCode: string | null; planMinimum: number; contractEnd: string | null
    balance: number; unpaidMonths: number; joinedOn: string; serviceManager: string | null; accountManager: string | null
  } | null
  bills: { month: string; bill: number }[]
  history: { at: string; outcome: string; notes: string | null; agent: string; campaign: string | null }[]
  workOrders: { id: number; kind: string; status: 'sent' | 'accepted' | 'returned' | 'checked'; description: string; createdAt: string }[]
  openReasons: string[]
}

export async function loadPopRow(db: Db, args: { agentId: number; customerId: number | null; campaignId: number | null; queueEntryId: number | null }): Promise<PopRow> {
  const { rows: [row] } = await sqlPool(db).query<{ pop: PopRow }>({ name: 'screen-pop', text: `
    WITH e AS (SELECT id, customer_id, campaign_id, reasons FROM queue_entries WHERE id = $4::int),
    ids AS (SELECT coalesce($2::int, (SELECT customer_id FROM e)) AS cid,
                   coalesce($3::int, (SELECT campaign_id FROM e)) AS kid)
    SELECT json_build_object(
      'agentName', (SELECT name FROM users WHERE id = $1::int),
      'entry', (SELECT json_build_object('id', id, 'reasons', reasons) FROM e),
      'campaign', (SELECT json_build_object('id', k.id, 'code', k.code, 'name', k.name, 'wrapSeconds', k.wrap_seconds, 'script', k.script, 'dispositionForm', k.disposition_form)
                   FROM campaigns k, ids WHERE k.id = ids.kid),
      'customer', (SELECT json_build_object(
          'id', c.id, 'name', c.name, 'msisdn', c.msisdn, 'tier', c.tier, 'gender', c.gender, 'birthday', c.birthday,
          'idType', c.id_type, 'idNumber', c.id_number, 'address', c.address, 'altPhone', c.alt_phone, 'email', c.email,
          'network', c.network, 'payment', c.payment, 'status', c.status, 'planCode', c.plan_code, 'planMinimum', c.plan_minimum,
          'contractEnd', c.contract_end, 'balance', c.balance, 'unpaidMonths', c.unpaid_months, 'joinedOn', c.joined_on,
          'serviceManager', sm.name, 'accountManager', am.name)
        FROM ids JOIN customers c ON c.id = ids.cid
        LEFT JOIN users sm ON sm.id = c.service_manager_id LEFT JOIN users am ON am.id = c.account_manager_id),
      -- The 12 latest months on file: billing data arrives a month or more behind the calendar.
      'bills', (SELECT coalesce(json_agg(json_build_object('month', to_char(b.month, 'YYYY-MM'), 'bill', b.bill) ORDER BY b.month), '[]'::json)
        FROM (SELECT u.month, u.bill FROM monthly_usage u, ids WHERE u.customer_id = ids.cid ORDER BY u.month DESC LIMIT 12) b),
      'history', (SELECT coalesce(json_agg(json_build_object('at', h.created_at, 'outcome', h.outcome, 'notes', h.notes, 'agent', h.agent, 'campaign', h.campaign) ORDER BY h.created_at DESC), '[]'::json)
        FROM (SELECT d.created_at, d.outcome, d.notes, u.name AS agent, k.name AS campaign
              FROM ids JOIN dispositions d ON d.customer_id = ids.cid JOIN users u ON u.id = d.agent_id LEFT JOIN campaigns k ON k.id = d.campaign_id
              ORDER BY d.created_at DESC LIMIT 10) h),
      -- Open = not yet checked by the service manager who sent it.
      'workOrders', (SELECT coalesce(json_agg(json_build_object('id', w.id, 'kind', w.kind, 'status', w.status, 'description', w.description, 'createdAt', w.created_at) ORDER BY w.created_at DESC), '[]'::json)
        FROM (SELECT w.* FROM ids JOIN work_orders w ON w.customer_id = ids.cid WHERE w.status <> 'checked' ORDER BY w.created_at DESC LIMIT 10) w),
      'openReasons', (SELECT coalesce(array_agg(DISTINCT r), '{}') FROM ids JOIN queue_entries q ON q.customer_id = ids.cid CROSS JOIN LATERAL unnest(q.reasons) r
        WHERE q.status IN ('queued', 'scheduled', 'in_progress'))
    ) AS pop`, values: [args.agentId, args.customerId, args.campaignId, args.queueEntryId] })
  return row!.pop
}
