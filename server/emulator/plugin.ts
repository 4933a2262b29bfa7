// The in-process Twilio emulator (TELEPHONY=emulator): Twilio's REST subset at Twilio's own
// paths, the control API, and signed webhooks back to this server. The twilio client is
// pointed here by server/telephony/client.ts, so the production code path runs unchanged.
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { acceptForms } from '../common/form-body.ts'
import { controlRoutes } from './control-routes.ts'
import { Emulator } from './engine.ts'
import { callRoutes } from './rest-calls.ts'
import { checkAuth, sendTwilioError, TwilioRestError } from './rest-common.ts'
import { conferenceRoutes } from './rest-conferences.ts'
import { queueRoutes } from './rest-queues.ts'

declare module 'fastify' {
  interface FastifyInstance {
    emulator: Emulator
  }
}

/** The origin this server listens on, as the emulator reaches it over loopback. */
export function listeningOrigin(app: FastifyInstance): string {
  const address = app.server.address() as AddressInfo | null
  if (!address) throw new Error('the emulator delivers webhooks over HTTP: start the server with listen() first')
  const host = address.family === 'IPv6' ? `[${address.address === '::' ? '::1' : address.address}]` : address.address === '0.0.0.0' ? '127.0.0.1' : address.address
  return `http://${host}:${address.port}`
}

/** Twilio's REST subset and the control API on this server, talking back to PUBLIC_BASE_URL. */
export async function registerEmulator(app: FastifyInstance, emu: Emulator) {
  await app.register(async (scope) => {
    acceptForms(scope)
    scope.setErrorHandler((err, _request, reply) => {
      if (err instanceof TwilioRestError) return sendTwilioError(reply, err)
      throw err
    })
    scope.addHook('onRequest', async (request) => {
      if (request.url.startsWith('/2010-04-01/')) checkAuth(request, emu.opts.accountSid, emu.opts.authToken)
    })
    callRoutes(scope, emu)
    conferenceRoutes(scope, emu)
    queueRoutes(scope, emu)
    await scope.register(controlRoutes, { emu })
  })
}

export default fp(
  async (app) => {
    const { config } = app
    const base = config.PUBLIC_BASE_URL
    const emu = new Emulator({
      accountSid: config.TWILIO_ACCOUNT_SID,
      authToken: config.TWILIO_AUTH_TOKEN,
      inboundVoiceUrl: `${base}/twilio/voice/inbound`,
      inboundStatusCallback: `${base}/twilio/voice/status`,
      // Webhooks for this server's public URL come back over loopback to the port it listens on.
      deliverTo: (url) => (url.startsWith(base) ? listeningOrigin(app) + url.slice(base.length) : url),
      onError: (message, call) => app.log.warn({ callSid: call.sid, message }, 'emulator: call failed'),
    })
    emu.settings.cps = config.TWILIO_CPS
    app.decorate('emulator', emu)
    await registerEmulator(app, emu)
    app.addHook('onClose', async () => emu.shutdown())
  },
  { name: 'emulator', dependencies: ['config'] },
)
