// Drift check: the database our migrations produce must equal the database Prisma itself
// derives from prisma/schema.prisma (via the offline WASM engine of prisma@6.19).
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error plain .mjs script without types
import { diffSql } from '../../../scripts/prisma-diff.mjs'
import { migrate } from '../../../server/db/migrate.ts'
import { adminUrl, databaseUrl, templateName, testNamespace, workerId } from '../../databases.ts'
import { catalogSnapshot } from './catalog.ts'

const expectedDb = `dialer_${testNamespace}_drift_${workerId()}`

describe('schema drift', () => {
  const admin = new pg.Client({ connectionString: adminUrl() })

  beforeAll(async () => {
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS "${expectedDb}" WITH (FORCE)`)
    await admin.query(`CREATE DATABASE "${expectedDb}"`)
    const sql = (diffSql as (from: string | null, to: string) => string)(null, 'prisma/schema.prisma')
    const client = new pg.Client({ connectionString: databaseUrl(expectedDb) })
    await client.connect()
    await client.query(sql)
    await client.end()
  }, 120_000)

  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${expectedDb}" WITH (FORCE)`)
    await admin.end()
  })

  it('the migrated database matches the Prisma data model', async () => {
    const migrated = await catalogSnapshot(databaseUrl(templateName))
    const expected = await catalogSnapshot(databaseUrl(expectedDb))
    expect(migrated.columns?.length).toBeGreaterThan(100)
    expect(migrated).toEqual(expected)
  })

  it('re-running migrations applies nothing and records every migration like Prisma does', async () => {
    const result = await migrate(databaseUrl(templateName))
    expect(result.applied).toEqual([])
    const client = new pg.Client({ connectionString: databaseUrl(templateName) })
    await client.connect()
    const rows = await client.query('SELECT migration_name, finished_at, applied_steps_count, length(checksum) AS len FROM "_prisma_migrations"')
    await client.end()
    expect(rows.rows.length).toBe(result.alreadyApplied)
    for (const r of rows.rows) {
      expect(r.finished_at).not.toBeNull()
      expect(r.applied_steps_count).toBe(1)
      expect(r.len).toBe(64)
    }
  })
})
