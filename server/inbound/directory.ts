// Who is calling: msisdn -> {customer, branch, service manager, opt-out}, cached in Redis so
// an inbound decision never waits for PostgreSQL. The cache is warmed in bulk (one node,
// at most every 12 h), filled on a miss from one indexed lookup, and remembers unknown
// callers for a minute.
import type { Redis } from 'ioredis'
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
const UNKNOWN_TTL = 60
const CHUNK = 5000

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

  async lookup(msisdn: string): Promise<Caller | null> {
    const cached = await this.redis.hgetall(this.key('caller', msisdn))
    if (cached.unknown) return null
    if (cached.customerId) return decode(cached)
    const { rows: [row] } = await sqlPool(this.db).query<Row>({
      name: 'inbound-caller', text: 'SELECT id, msisdn, name, branch_id, service_manager_id, direct_routing_opt_out FROM customers WHERE msisdn = $1', values: [msisdn],
    })
    const pipeline = this.redis.pipeline()
    if (row) pipeline.hset(this.key('caller', msisdn), encode(row)).expire(this.key('caller', msisdn), TTL)
    else pipeline.hset(this.key('caller', msisdn), { unknown: '1' }).expire(this.key('caller', msisdn), UNKNOWN_TTL)
    // The decision does not wait for the cache: a fill that failed only costs the next call a query.
    pipeline.exec().catch(() => undefined)
    return row ? decode(encode(row)) : null
  }

  /** A customer's routing facts changed (manager, opt-out): the next call reads them afresh. */
  async forget(msisdn: string) {
    await this.redis.del(this.key('caller', msisdn))
  }

  /** Loads every customer into the cache, in id order, 5,000 per query and pipeline. */
  async warm(force = false): Promise<number> {
    if (!force && (await this.redis.set(this.key('caller-warm'), String(Date.now()), 'EX', 12 * 3600, 'NX')) !== 'OK') return 0
    let after = 0
    let loaded = 0
    for (;;) {
      const rows = await this.db.$queryRaw<Row[]>`
        SELECT id, msisdn, name, branch_id, service_manager_id, direct_routing_opt_out
        FROM customers WHERE id > ${after} AND status <> 'closed' ORDER BY id LIMIT ${CHUNK}`
      if (rows.length === 0) return loaded
      const pipeline = this.redis.pipeline()
      for (const row of rows) pipeline.hset(this.key('caller', row.msisdn), encode(row)).expire(this.key('caller', row.msisdn), TTL)
      await pipeline.exec()
      loaded += rows.length
      after = rows[rows.length - 1]!.id
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
