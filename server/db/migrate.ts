// Applies prisma/migrations/<stamp>_<name>/migration.sql in order and records each in
// _prisma_migrations exactly as Prisma Migrate does, so `prisma migrate status` agrees on a
// machine that has Prisma's engine (ours cannot download it: architecture.md).
import { createHash, randomUUID } from 'node:crypto'
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

export const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '../../prisma/migrations')

// Prisma's own DDL for its bookkeeping table.
const bookkeeping = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`

// Any constant: serialises concurrent runners (two nodes starting at once).
const LOCK_KEY = 72_707_369

export interface MigrationResult {
  applied: string[]
  alreadyApplied: number
}

export function listMigrations(dir = migrationsDir): { name: string; sql: string; checksum: string }[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    })
}

export async function migrate(databaseUrl: string, log: (line: string) => void = () => {}): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY])
    await client.query(bookkeeping)
    const done = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    )
    const byName = new Map(done.rows.map((r) => [r.migration_name, r]))
    const applied: string[] = []
    for (const m of listMigrations()) {
      const previous = byName.get(m.name)
      if (previous?.finished_at) {
        if (previous.checksum !== m.checksum) log(`warning: ${m.name} was edited after it was applied`)
        continue
      }
      if (previous) throw new Error(`migration ${m.name} failed earlier and was not rolled back; fix the database by hand`)
      const id = randomUUID()
      // Each migration and its record commit together: a failure leaves no half-applied step.
      await client.query('BEGIN')
      try {
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
          [id, m.checksum, m.name],
        )
        await client.query(m.sql)
        await client.query(
          'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
          [id],
        )
        await client.query('COMMIT')
      } catch (err) {
        await client.query('ROLLBACK')
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`)
      }
      applied.push(m.name)
      log(`applied ${m.name}`)
    }
    return { applied, alreadyApplied: byName.size }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {})
    await client.end()
  }
}
