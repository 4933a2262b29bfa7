import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient } from './generated/client.ts'

export type Db = PrismaClient
export { Prisma } from './generated/client.ts'

const pools = new WeakMap<Db, pg.Pool>()

/** One PrismaClient over node-postgres (Prisma 7 needs a driver adapter). */
export function createDb(databaseUrl: string, poolSize = 10): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize })
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) })
  pools.set(db, pool)
  return db
}

/**
 * The node-postgres pool under `db` (its connections are shared with Prisma), for the hot
 * statements where Prisma's runtime costs more than the query: those made for every call
 * (webhook writes, call rows, the screen pop, the inbound caller lookup, presence log).
 * Everything else goes through Prisma.
 */
export function sqlPool(db: Db): pg.Pool {
  const pool = pools.get(db)
  if (!pool) throw new Error('not a client made by createDb')
  return pool
}
