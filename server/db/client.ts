import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from './generated/client.ts'

export type Db = PrismaClient
export { Prisma } from './generated/client.ts'

/** One PrismaClient over node-postgres (Prisma 7 needs a driver adapter). */
export function createDb(databaseUrl: string, poolSize = 10): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }) })
}
