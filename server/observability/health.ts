import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'

const HealthReply = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('down')]),
  down: Type.Optional(Type.Array(Type.String())),
})

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), ms) })
  try { return await Promise.race([work, timeout]) } finally { clearTimeout(timer) }
}

/** GET /health: 200 {status:"ok"} when PostgreSQL and Redis answer, else 503 naming what is down. */
const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', {
    config: { public: true },
    schema: { tags: ['ops'], summary: 'Liveness of PostgreSQL and Redis', response: { 200: HealthReply, 503: HealthReply } },
  }, async (_request, reply) => {
    const [pgOk, redisOk] = await Promise.all([
      within(2000, app.db.$queryRaw`SELECT 1`).then(() => true, () => false),
      within(2000, app.redis.ping()).then(() => true, () => false),
    ])
    const down = [...(pgOk ? [] : ['postgresql']), ...(redisOk ? [] : ['redis'])]
    if (down.length) return reply.code(503).send({ status: 'down', down })
    return { status: 'ok' as const }
  })
}

export default health
