// The emulator on its own server, for several nodes sharing one "Twilio" (EMULATOR_URL):
// webhooks go to the URLs the nodes gave, e.g. a load balancer at PUBLIC_BASE_URL.
import Fastify, { type FastifyInstance } from 'fastify'
import { Emulator, type EmulatorOptions } from './engine.ts'
import { listeningOrigin, registerEmulator } from './plugin.ts'

export interface StandaloneOptions {
  accountSid: string
  authToken: string
  /** Where the hotline numbers' webhooks go (the nodes' public origin). */
  publicBaseUrl: string
  host?: string
  port?: number
  /** Where a webhook URL is really delivered (default: the URL itself). */
  deliverTo?: (url: string) => string
  observe?: EmulatorOptions['observe']
}

export async function startStandaloneEmulator(opts: StandaloneOptions): Promise<{ app: FastifyInstance; emulator: Emulator; origin: string }> {
  const app = Fastify()
  const emulator = new Emulator({
    accountSid: opts.accountSid,
    authToken: opts.authToken,
    inboundVoiceUrl: `${opts.publicBaseUrl}/twilio/voice/inbound`,
    inboundStatusCallback: `${opts.publicBaseUrl}/twilio/voice/status`,
    deliverTo: opts.deliverTo ?? ((url) => url),
    observe: opts.observe,
  })
  await registerEmulator(app, emulator)
  app.addHook('onClose', async () => emulator.shutdown())
  await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 })
  return { app, emulator, origin: listeningOrigin(app) }
}
