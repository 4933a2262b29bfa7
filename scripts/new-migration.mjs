// Writes prisma/migrations/<stamp>_<name>/migration.sql for the change between the
// schema.prisma committed at HEAD and the working copy.
//   node scripts/new-migration.mjs add_thing
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { diffSql } from './prisma-diff.mjs'

const name = process.argv[2]
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: node scripts/new-migration.mjs <snake_case_name>')
  process.exit(2)
}
let fromPath = null
try {
  const old = execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { encoding: 'utf8' })
  fromPath = join(mkdtempSync(join(tmpdir(), 'schema-head-')), 'schema.prisma')
  writeFileSync(fromPath, old)
} catch {
  // no committed schema yet: diff from an empty database
}
const sql = diffSql(fromPath, 'prisma/schema.prisma')
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.error('schema.prisma has no change against HEAD: nothing to write')
  process.exit(1)
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
const dir = join('prisma/migrations', `${stamp}_${name}`)
mkdirSync(dir, { recursive: true })
writeFileSync(join(dir, 'migration.sql'), sql)
console.log(`wrote ${dir}/migration.sql`)
