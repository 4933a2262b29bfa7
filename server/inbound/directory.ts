// Who is calling: msisdn -> {customer, branch, service manager, opt-out}, cached in Redis so
// an inbound decision never waits for PostgreSQL. The cache is warmed in bulk (one node at a
// time) and then holds every customer: a number it does not know is nobody's, without a
// query. It stays whole because the nodes watch for what changes customers in bulk (an
// import or an allocation leaves an audit row): within CHECK_EVERY_MS of one, the cache
// stops vouching for unknown numbers (they are looked up again) until it is warmed again;
// a single customer's correction is read into it at once (refresh). Until it is first
// warmed, a miss is one indexed query, remembered for a minute.
import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import { RedisScript } from '../common/redis-script.ts'
import { sqlPool, type Db } from '../db/client.ts'

export interface Caller {
  customerId: number
  name: string
  branchId: number
  managerId: number | null
  /** The customer prefers the general pool to their manager. */
  optOut: boolean
}

const TTL = 24 * 3600
/** Warmed again this often (before the entries expire), or after a bulk change. */
const COMPLETE_TTL = 12 * 3600
const UNKNOWN_TTL = 60
const CHUNK = 5000
export const CHECK_EVERY_MS = 10_000
// KEYS: the warming lock, the complete flag. ARGV: the warm's token, mark, TTL.
const MARK_COMPLETE = new RedisScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3]) end`)
const RELEASE_WARMING = new RedisScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end`)
/** What changes customers in bulk leaves an audit row of one of these entities. */
const BULK_CHANGES = `SELECT coalesce(max(id), 0)::int AS mark FROM audit_log WHERE entity IN ('import_job', 'allocation')`

interface Row {
  id: number
  msisdn: string
  name: string
  branch_id: number
  service_manager_id: number | null
  direct_routing_opt_out: boolean
}

export class CallerDirectory {
  constructor(
    private readonly db: Db,
    private readonly redis: Redis,
    private readonly key: (...parts: (string | number)[]) => string,
  ) {}

  private get keys() {
    return { complete: this.key('caller-complete'), warming: this.key('caller-warm') }
  }

  async lookup(msisdn: string): Promise<Caller | null> {
    // Issued together: one write and one round trip on the pipelined connection.
    const [cached, complete] = await Promise.all([this.redis.hgetall(this.key('caller', msisdn)), this.redis.get(this.keys.complete)])
    // A customer entry wins over an older "unknown" left in the same hash.
    if (cached.customerId) return decode(cached)
    if (cached.unknown || complete !== null) return null
    const row = await this.row('msisdn', msisdn)
    const pipeline = this.redis.pipeline()
    if (row) pipeline.hset(this.key('caller', msisdn), encode(row)).expire(this.key('caller', msisdn), TTL)
    else pipeline.hset(this.key('caller', msisdn), { unknown: '1' }).expire(this.key('caller', msisdn), UNKNOWN_TTL)
    // The decision does not wait for the cache: a fill that failed only costs the next call a query.
    pipeline.exec().catch(() => undefined)
    return row ? decode(encode(row)) : null
  }

  private async row(by: 'msisdn' | 'id', value: string | number): Promise<Row | undefined> {
    const { rows } = await sqlPool(this.db).query<Row>({
      name: `inbound-caller-by-${by}`,
      text: `SELECT id, msisdn, name, branch_id, service_manager_id, direct_routing_opt_out FROM customers WHERE ${by} = $1 AND status <> 'closed'`,
      values: [value],
    })
    return rows[0]
  }

  private async bulkChangeMark(): Promise<number> {
    return (await sqlPool(this.db).query<{ mark: number }>(BULK_CHANGES)).rows[0]!.mark
  }

  /** A customer's name or opt-out was corrected: the cache reads them afresh. */
  async refresh(customerId: number) {
    const row = await this.row('id', customerId)
    if (row) await this.redis.multi().del(this.key('caller', row.msisdn)).hset(this.key('caller', row.msisdn), encode(row)).expire(this.key('caller', row.msisdn), TTL).exec()
  }

  /**
   * Called every CHECK_EVERY_MS on every node: warms the cache when it is not whole, or when
   * customers changed in bulk since it was (the audit mark it was warmed at is older).
   */
  async keepComplete(): Promise<number> {
    const mark = await this.bulkChangeMark()
    const complete = await this.redis.get(this.keys.complete)
    if (complete !== null && Number(complete) >= mark) return 0
    // Misses are looked up from now on: the cache may lack what the bulk change added.
    if (complete !== null) await this.redis.del(this.keys.complete)
    return this.warm()
  }

  /**
   * Loads every customer into the cache, in id order, 5,000 per query and pipeline, then
   * says it is whole, as of the bulk-change mark read before the first chunk (a change
   * committed meanwhile makes the next check warm again). One node at a time, unless `force`.
   */
  async warm(force = false): Promise<number> {
    const token = randomUUID()
    if (!force && (await this.redis.set(this.keys.warming, token, 'EX', 600, 'NX')) !== 'OK') return 0
    try {
      const mark = await this.bulkChangeMark()
      let after = 0
      let loaded = 0
      for (;;) {
        const rows = await this.db.$queryRaw<Row[]>`
          SELECT id, msisdn, name, branch_id, service_manager_id, direct_routing_opt_out
          FROM customers WHERE id > ${after} AND status <> 'closed' ORDER BY id LIMIT ${CHUNK}`
        if (rows.length === 0) break
        const pipeline = this.redis.pipeline()
        for (const row of rows) pipeline.hset(this.key('caller', row.msisdn), encode(row)).expire(this.key('caller', row.msisdn), TTL)
        await pipeline.exec()
        loaded += rows.length
        after = rows[rows.length - 1]!.id
      }
      // Whole only if nobody took the lock meanwhile (it expired, or the keys were cleared).
      if (force) await this.redis.set(this.keys.complete, String(mark), 'EX', COMPLETE_TTL)
      else await MARK_COMPLETE.run(this.redis, [this.keys.warming, this.keys.complete], [token, String(mark), COMPLETE_TTL])
      return loaded
    } finally {
      if (!force) await RELEASE_WARMING.run(this.redis, [this.keys.warming], [token])
    }
  }
}

function encode(row: Row): Record<string, string> {
  return {
    customerId: String(row.id),
    name: row.name,
    branchId: String(row.branch_id),
    managerId: row.service_manager_id === null ? '' : String(row.service_manager_id),
    optOut: row.direct_routing_opt_out ? '1' : '0',
  }
}

function decode(h: Record<string, string>): Caller {
  return {
    customerId: Number(h.customerId),
    name: h.name ?? '',
    branchId: Number(h.branchId),
    managerId: h.managerId ? Number(h.managerId) : null,
    optOut: h.optOut === '1',
  }
}
