import fp from 'fastify-plugin'
import { createDb, type Db } from './client.ts'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
  }
}

/** Decorates `fastify.db` (Prisma over node-postgres) and closes it with the server. */
export default fp(
  async (app) => {
    const db = createDb(app.config.DATABASE_URL)
    app.decorate('db', db)
    app.addHook('onClose', async () => db.$disconnect())
  },
  { name: 'db', dependencies: ['config'] },
)
