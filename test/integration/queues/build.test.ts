// The queue build's life cycle: re-running a D changes nothing; a new D keeps calls in
// progress, refreshes reasons, re-opens what has new reasons and retires what no longer
// holds; a failed run leaves the previous queues exactly as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDefaults } from '../../../server/campaigns/defaults.ts'
import { createDb, type Db } from '../../../server/db/client.ts'
import { loadPopRow } from '../../../server/realtime/screen-pop-query.ts'
import { runRules } from '../../../server/rules/run.ts'
import { databaseUrl, templateName, workerDatabaseName, workerId } from '../../databases.ts'
import { resetState, testConfig, testDb } from '../../helper.ts'
import { catalogSnapshot } from '../db/catalog.ts'
import { e164, loadCustomers } from '../rules/csv-fixtures.ts'
import { exportAll, reasonSets } from '../rules/reason-sets.ts'

// Broadband customers: targets whatever they spend.
const CUSTOMERS = `
msisdn,network,payment,balance,unpaid_months,contract_end,call_forwarding
13900000601,BB,prepaid,5,0,,0
13900000602,BB,postpaid,0,2,2025-02-15,0
13900000603,BB,postpaid,0,0,2025-02-15,0
13900000604,BB,prepaid,5,0,,0
13900000605,BB,postpaid,0,0,2025-02-15,0
13900000606,BB,prepaid,5,0,,0`

const run = (db: Db, asOf: string) => runRules(db, { asOf, centreTimeZone: 'Asia/Shanghai' })

async function entry(db: Db, msisdn: string, campaign: string) {
  return db.queueEntry.findFirstOrThrow({ where: { customer: { msisdn: e164(msisdn) }, campaign: { code: campaign } } })
}

describe('queue build life cycle', () => {
  let db: Db

  beforeAll(async () => {
    db = testDb()
    await resetState(db)
    await ensureDefaults(db)
    await loadCustomers(db, CUSTOMERS)
  })
  afterAll(async () => db.$disconnect())

  it('re-running the same D changes no row', async () => {
    await run(db, '2025-01-10')
    const before = await db.queueEntry.findMany({ orderBy: { id: 'asc' } })
    const again = await run(db, '2025-01-10')
    const after = await db.queueEntry.findMany({ orderBy: { id: 'asc' } })
    expect(after).toEqual(before)
    expect(again.entries).toBe(before.length)
    expect(reasonSets(await exportAll(db))).toEqual({
      '13900000601': 'SERVICE_CARE:ARREARS_PREPAID',
      '13900000602': 'RETENTION:CONTRACT_EXPIRY; SERVICE_CARE:ARREARS_POSTPAID',
      '13900000603': 'RETENTION:CONTRACT_EXPIRY',
      '13900000604': 'SERVICE_CARE:ARREARS_PREPAID',
      '13900000605': 'RETENTION:CONTRACT_EXPIRY',
      '13900000606': 'SERVICE_CARE:ARREARS_PREPAID',
    })
  })

  it('a new D keeps in-progress entries, re-opens done ones with new reasons, retires the rest', async () => {
    // 601: a call is live. 603: reached yesterday (done), and now forwarding is on.
    // 605: reached (done), nothing new. 604: paid up. 602: paid up while being called.
    // 606: a retry is scheduled for later today.
    const later = new Date('2025-01-11T05:00:00Z')
    await db.queueEntry.update({ where: { id: (await entry(db, '13900000601', 'SERVICE_CARE')).id }, data: { status: 'in_progress' } })
    await db.queueEntry.update({ where: { id: (await entry(db, '13900000602', 'SERVICE_CARE')).id }, data: { status: 'in_progress' } })
    await db.queueEntry.update({ where: { id: (await entry(db, '13900000603', 'RETENTION')).id }, data: { status: 'done' } })
    await db.queueEntry.update({ where: { id: (await entry(db, '13900000605', 'RETENTION')).id }, data: { status: 'done' } })
    await db.queueEntry.update({ where: { id: (await entry(db, '13900000606', 'SERVICE_CARE')).id }, data: { status: 'scheduled', nextAttemptAt: later } })
    await db.customer.update({ where: { msisdn: e164('13900000603') }, data: { callForwarding: true } })
    await db.customer.updateMany({ where: { msisdn: { in: [e164('13900000604'), e164('13900000602')] } }, data: { balance: 100, unpaidMonths: 0 } })

    await run(db, '2025-01-11')

    expect(await entry(db, '13900000601', 'SERVICE_CARE')).toMatchObject({ status: 'in_progress', reasons: ['ARREARS_PREPAID'] })
    expect(await entry(db, '13900000602', 'SERVICE_CARE')).toMatchObject({ status: 'in_progress', reasons: ['ARREARS_POSTPAID'] })
    expect(await entry(db, '13900000602', 'RETENTION')).toMatchObject({ status: 'queued', reasons: ['CONTRACT_EXPIRY'] })
    expect(await entry(db, '13900000603', 'RETENTION')).toMatchObject({ status: 'queued', reasons: ['CHURN_RISK', 'CONTRACT_EXPIRY'] })
    expect(await entry(db, '13900000604', 'SERVICE_CARE')).toMatchObject({ status: 'retired', reasons: [] })
    expect(await entry(db, '13900000605', 'RETENTION')).toMatchObject({ status: 'done', reasons: ['CONTRACT_EXPIRY'] })
    expect(await entry(db, '13900000606', 'SERVICE_CARE')).toMatchObject({ status: 'scheduled', nextAttemptAt: later })
    for (const e of await db.queueEntry.findMany({ where: { status: { not: 'in_progress' } } })) {
      expect(e.asOf.toISOString().slice(0, 10)).toBe('2025-01-11')
    }
  })

  it('re-opens a retired entry when its reason fires again, and unblocks when a block is lifted', async () => {
    await db.customer.update({ where: { msisdn: e164('13900000604') }, data: { balance: 1 } })
    await db.doNotCall.create({ data: { msisdn: e164('13900000601'), scope: 'all', reason: 'test', source: 'test' } })
    await db.queueEntry.updateMany({ where: { status: 'in_progress' }, data: { status: 'queued' } })
    await run(db, '2025-01-12')
    expect(await entry(db, '13900000604', 'SERVICE_CARE')).toMatchObject({ status: 'queued', reasons: ['ARREARS_PREPAID'] })
    expect(await entry(db, '13900000601', 'SERVICE_CARE')).toMatchObject({ status: 'blocked', blockedBy: 'dnc' })

    await db.doNotCall.delete({ where: { msisdn: e164('13900000601') } })
    await run(db, '2025-01-13')
    expect(await entry(db, '13900000601', 'SERVICE_CARE')).toMatchObject({ status: 'queued', blockedBy: null })
  })

  it('a screen pop prepared on a connection before a rebuild reads the rebuilt queues after it', async () => {
    // Per-call statements are prepared once per connection (screen-pop-query.ts); the swap
    // replaces queue_entries under them, and PostgreSQL must plan them again on the new table.
    const one = createDb(testConfig().DATABASE_URL, 1)
    try {
      const pop = async () => {
        const e = await entry(db, '13900000604', 'SERVICE_CARE')
        return loadPopRow(one, { agentId: 0, customerId: null, campaignId: null, queueEntryId: e.id })
      }
      expect((await pop()).entry?.reasons).toEqual(['ARREARS_PREPAID'])
      await db.customer.update({ where: { msisdn: e164('13900000604') }, data: { balance: 100 } }) // paid up
      await run(db, '2025-01-13')
      expect((await pop()).entry?.reasons).toEqual([])
    } finally {
      await one.$disconnect()
    }
  })

  it('a run that fails part-way leaves the previous queues intact and records the failure', async () => {
    const before = await db.queueEntry.findMany({ orderBy: { id: 'asc' } })
    await db.customer.update({ where: { msisdn: e164('13900000605') }, data: { contractEnd: null } })
    // Fails as late as it can: when the swap drops the old table, after the new one was
    // written, indexed and checked (server/queues/swap.ts).
    await db.$executeRawUnsafe(`CREATE FUNCTION fail_on_swap() RETURNS event_trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_event_trigger_dropped_objects() WHERE object_type = 'table' AND object_name = 'queue_entries') THEN
          RAISE EXCEPTION 'injected failure';
        END IF;
      END $$`)
    await db.$executeRawUnsafe('CREATE EVENT TRIGGER fail_on_swap ON sql_drop EXECUTE FUNCTION fail_on_swap()')
    try {
      await expect(run(db, '2025-01-14')).rejects.toThrow(/injected failure/)
    } finally {
      await db.$executeRawUnsafe('DROP EVENT TRIGGER fail_on_swap')
      await db.$executeRawUnsafe('DROP FUNCTION fail_on_swap')
    }
    expect(await db.queueEntry.findMany({ orderBy: { id: 'asc' } })).toEqual(before)
    const failed = await db.ruleRun.findFirstOrThrow({ where: { asOf: new Date('2025-01-14T00:00:00Z') } })
    expect(failed).toMatchObject({ status: 'failed' })
    expect(failed.error).toMatch(/injected failure/)
  })

  it('the new table the runs swapped in is the table the migrations define: columns, indexes, keys, references', async () => {
    expect(await catalogSnapshot(databaseUrl(workerDatabaseName(workerId())))).toEqual(await catalogSnapshot(databaseUrl(templateName)))
    const [seq] = await db.$queryRawUnsafe<{ seq: string }[]>(`SELECT pg_get_serial_sequence('queue_entries', 'id') AS seq`)
    expect(seq?.seq).toBe('public.queue_entries_id_seq')
  })

  it('refuses to swap away a trigger on queue_entries, and leaves the queues as they were', async () => {
    const before = await db.queueEntry.findMany({ orderBy: { id: 'asc' } })
    await db.$executeRawUnsafe(`CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`)
    await db.$executeRawUnsafe('CREATE TRIGGER touch BEFORE UPDATE ON queue_entries FOR EACH ROW EXECUTE FUNCTION touch()')
    try {
      await expect(run(db, '2025-01-15')).rejects.toThrow(/trigger/)
    } finally {
      await db.$executeRawUnsafe('DROP TRIGGER touch ON queue_entries')
      await db.$executeRawUnsafe('DROP FUNCTION touch')
    }
    expect(await db.queueEntry.findMany({ orderBy: { id: 'asc' } })).toEqual(before)
  })
})
