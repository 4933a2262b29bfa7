import pg from 'pg'
import { Redis } from 'ioredis'
import { migrate } from '../server/db/migrate.ts'
import { adminUrl, databaseUrl, templateName, testNamespace, WORKER_DATABASES, workerDatabaseName } from './databases.ts'

async function recreate(admin: pg.Client, name: string, template?: string) {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`)
}

/** Runs once per `npm test`: fresh migrated databases, and no Redis keys left from a last run. */
export default async function setup() {
  const admin = new pg.Client({ connectionString: adminUrl() })
  await admin.connect()
  try {
    await recreate(admin, templateName)
    await migrate(databaseUrl(templateName))
    for (let w = 1; w <= WORKER_DATABASES; w++) await recreate(admin, workerDatabaseName(w), templateName)
  } finally {
    await admin.end()
  }
  const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379')
  try {
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${testNamespace}:*`, 'COUNT', 1000)
      if (keys.length) await redis.del(...keys)
      cursor = next
    } while (cursor !== '0')
  } finally {
    redis.disconnect()
  }
}
