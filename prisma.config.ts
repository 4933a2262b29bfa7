// `prisma generate` only needs the schema; the URL is read lazily so that generating
// works without a database (see architecture.md, "Known facts").
import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
})
