// Serves the built pages (web/dist) from the API's own origin: `/`, `/agent`,
// `/supervisor`, `/admin` and their hashed assets. `npm start`/`npm run demo` build the
// pages first when they are missing or stale (server/web/build.ts).
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { webDist } from './build.ts'

const PAGES: Record<string, string> = { '/': 'index.html', '/agent': 'agent/index.html', '/supervisor': 'supervisor/index.html', '/admin': 'admin/index.html' }

export default fp(async (app) => {
  await app.register(fastifyStatic, { root: webDist, prefix: '/assets/', serve: false })
  app.get('/assets/*', { schema: { hide: true } }, (request, reply) => {
    const file = (request.params as { '*': string })['*']
    // Hashed file names: cache for a year.
    return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(join('assets', file))
  })
  for (const [path, file] of Object.entries(PAGES)) {
    for (const url of path === '/' ? [path] : [path, `${path}/`]) {
      app.get(url, { schema: { hide: true } }, (_request, reply) => {
        if (!existsSync(join(webDist, file))) {
          return reply.code(503).type('text/plain; charset=utf-8').send('The web pages are not built: run `npm run build:web`.')
        }
        return reply.header('cache-control', 'no-cache').sendFile(file)
      })
    }
  }
}, { name: 'web-static' })
