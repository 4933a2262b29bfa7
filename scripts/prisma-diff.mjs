// Offline SQL diff between two Prisma datamodels, using the WASM schema engine inside
// prisma@6.19 (installed as `prisma6`). Prisma 7's CLI cannot fetch its native engine here.
// Usage as a library: diffSql(fromSchemaPath | null, toSchemaPath) -> SQL text.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'node_modules/prisma6/build/index.js')

/** prisma@6 wants the URL inside the schema; the diff reads nothing from it. */
function withUrl(schemaText) {
  return schemaText.replace(/datasource db \{[^}]*\}/, 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}')
}

export function diffSql(fromSchemaPath, toSchemaPath) {
  const dir = mkdtempSync(join(tmpdir(), 'prisma-diff-'))
  writeFileSync(join(dir, 'to.prisma'), withUrl(readFileSync(toSchemaPath, 'utf8')))
  // engine "js" selects the WASM schema engine; it wants an adapter, which a pure diff never opens.
  writeFileSync(join(dir, 'prisma.config.ts'), [
    `import { defineConfig } from ${JSON.stringify(join(root, 'node_modules/prisma6/config.js'))}`,
    `import { PrismaPg } from ${JSON.stringify(join(root, 'node_modules/@prisma/adapter-pg/dist/index.mjs'))}`,
    `export default defineConfig({ engine: 'js', experimental: { adapter: true }, schema: 'to.prisma',`,
    `  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }) })`,
  ].join('\n'))
  const from = fromSchemaPath
    ? (writeFileSync(join(dir, 'from.prisma'), withUrl(readFileSync(fromSchemaPath, 'utf8'))), ['--from-schema-datamodel', 'from.prisma'])
    : ['--from-empty']
  const env = {
    ...process.env,
    // The WASM engine opens (but never changes) a database through the adapter.
    DATABASE_URL: process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres',
    PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true',
    PRISMA_QUERY_ENGINE_LIBRARY: '/bin/true',
  }
  const out = spawnSync(process.execPath, [cli, 'migrate', 'diff', ...from, '--to-schema-datamodel', 'to.prisma', '--script'], {
    cwd: dir, env, encoding: 'utf8', timeout: 120_000,
  })
  // Exit codes of this CLI are not trusted here (architecture.md): check the output itself.
  if (out.status !== 0 || !/^--|^\s*$/m.test(out.stdout)) {
    throw new Error(`prisma migrate diff failed:\n${out.stderr}\n${out.stdout}`)
  }
  return out.stdout
}
