// Builds the four pages (login, agent softphone, supervisor wallboard, admin) into web/dist,
// which the Fastify server serves (server/web/plugin.ts). Preact via Oxc's automatic JSX.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const page = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  root: page('.'),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: page('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        login: page('./index.html'),
        agent: page('./agent/index.html'),
        supervisor: page('./supervisor/index.html'),
        admin: page('./admin/index.html'),
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/socket.io': { target: 'http://127.0.0.1:3000', ws: true } } },
})
