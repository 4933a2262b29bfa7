// Fastify closes idle keep-alive connections once, when close() starts. A connection busy at
// that moment (a socket.io long-poll being answered by the realtime module's shutdown, a
// webhook finishing) becomes idle a moment later and would then hold close() open for the
// whole keep-alive timeout (72 s). While the server closes, idle connections are swept
// every 100 ms instead; busy ones still finish their request.
import fp from 'fastify-plugin'

const SWEEP_MS = 100

export default fp(
  async (app) => {
    app.addHook('preClose', async () => {
      if (!app.server.listening) return
      const sweep = setInterval(() => app.server.closeIdleConnections(), SWEEP_MS)
      sweep.unref()
      app.server.once('close', () => clearInterval(sweep))
    })
  },
  { name: 'idle-connections' },
)
