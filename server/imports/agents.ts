// agents.csv (contracts.md section 2): users with their city, team and A/B partner. Passwords
// are stored only as argon2 hashes; re-importing the same password keeps the stored hash (a
// new salt would count every agent as changed). Partners are resolved after every row is in,
// so a pair may name each other in any order.
import { Type } from 'typebox'
import type pg from 'pg'
import { hashPassword, verifyPassword } from '../auth/passwords.ts'
import { col, required, type FileSpec } from './columns.ts'
import type { MergeTarget, RowCheck } from './merge.ts'
import type { ValidRow } from './parse.ts'
import type { RejectList } from './rejects.ts'

export const agentsFile: FileSpec = {
  kind: 'agents',
  columns: [
    required(col.username('username')),
    required(col.text('name', 100)),
    required(col.oneOf('role', ['agent', 'supervisor', 'admin', 'account_manager'], '"Role"')),
    col.text('city', 50),
    col.text('team', 100),
    col.username('partner'),
    // Staged as the argon2 hash: the stored one when the password is unchanged or left empty.
    { name: 'password', schema: Type.String({ minLength: 6, maxLength: 200, description: 'a password of 6 to 200 characters' }), pgType: 'text' },
  ],
  check: (row) => {
    if (!row.city && row.role !== 'admin') return { field: 'city', message: `is required for the role ${row.role}` }
    if (row.team && !row.city) return { field: 'team', message: 'needs a city' }
    if (row.partner && row.partner === row.username) return { field: 'partner', message: 'cannot be the agent themself' }
    return undefined
  },
}

export const usersTarget: MergeTarget = {
  table: 'users',
  key: ['username'],
  from: `LEFT JOIN branches b ON b.name = s.city
    LEFT JOIN teams tm ON tm.branch_id = b.id AND tm.name = s.team`,
  columns: [
    { column: 'username', expr: 's.username' },
    { column: 'name', expr: 's.name' },
    { column: 'role', expr: 's.role' },
    { column: 'branch_id', expr: 'b.id', source: 'city' },
    { column: 'team_id', expr: 'tm.id', source: 'team' },
    { column: 'password_hash', expr: 's.password' },
  ],
  touch: 'updated_at',
  stageKey: ['username'],
  duplicateField: 'username',
}

export const agentChecks = (stage: string): RowCheck[] => [{
  field: 'partner',
  where: `s.partner IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.username = s.partner)
    AND NOT EXISTS (SELECT 1 FROM ${stage} o WHERE o.username = s.partner)`,
  message: `'unknown username ' || s.partner`,
}]

const HASH_CONCURRENCY = 4

/**
 * Replaces each row's password by its hash, keeping the stored hash when the password matches
 * it or is left empty, and rejects new users without one. Agents files are small (one row per person), so the rows
 * are in memory here.
 */
export async function hashPasswords(client: pg.Client, file: string, rows: ValidRow[], rejects: RejectList): Promise<ValidRow[]> {
  const { rows: stored } = await client.query<{ username: string; password_hash: string }>(
    'SELECT username, password_hash FROM users WHERE username = ANY($1)',
    [rows.map((r) => r.values.username)],
  )
  const hashes = new Map(stored.map((u) => [u.username, u.password_hash]))
  const kept: ValidRow[] = []
  let next = 0
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++]!
      const { username, password } = row.values
      const current = hashes.get(username!)
      if (password === undefined && current === undefined) {
        rejects.add({ file, line: row.line, field: 'password', message: 'is required for a new user' })
        continue
      }
      const unchanged = current !== undefined && (password === undefined || (await verifyPassword(current, password)))
      row.values.password = unchanged ? current : await hashPassword(password!)
      kept.push(row)
    }
  }
  await Promise.all(Array.from({ length: HASH_CONCURRENCY }, worker))
  return kept.sort((a, b) => a.line - b.line)
}

/** Teams named in the file, created in their city. */
export async function ensureTeams(client: pg.Client, stage: string) {
  await client.query(
    `INSERT INTO teams (branch_id, name)
     SELECT DISTINCT b.id, s.team FROM ${stage} s JOIN branches b ON b.name = s.city WHERE s.team IS NOT NULL
     ON CONFLICT (branch_id, name) DO NOTHING`,
  )
}

/**
 * Sets each staged user's A/B partner; returns how many users changed only here (a user the
 * upsert inserted or updated already carries this transaction's timestamp, at the column's
 * millisecond precision).
 */
export async function linkPartners(client: pg.Client, stage: string): Promise<number> {
  const { rows } = await client.query<{ updated: number }>(
    `WITH changed AS (
       SELECT u.id, p.id AS partner_id, u.updated_at = now()::timestamptz(3) AS counted
         FROM ${stage} s JOIN users u ON u.username = s.username LEFT JOIN users p ON p.username = s.partner
        WHERE u.partner_id IS DISTINCT FROM p.id),
     upd AS (UPDATE users u SET partner_id = c.partner_id, updated_at = now() FROM changed c WHERE u.id = c.id RETURNING c.counted)
     SELECT count(*) FILTER (WHERE NOT counted)::int AS updated FROM upd`,
  )
  return rows[0]!.updated
}
