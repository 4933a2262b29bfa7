// Runs `prisma generate` offline. The Prisma CLI insists on a schema-engine binary at start
// even though generate never uses it, and cannot download one here, so point it at any file.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const env = { ...process.env }
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath
}
const result = spawnSync('npx', ['prisma', 'generate'], { stdio: 'inherit', env })
process.exit(result.status ?? 1)
