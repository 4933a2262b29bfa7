// The softphone's REST side: a Voice SDK access token (real Twilio only) and (re)opening the
// agent's conference leg. Live call controls travel over the socket (server/realtime).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import twilio from 'twilio'
import { Type } from 'typebox'
import { AppError, NotFoundError } from '../common/errors.ts'
import { errorResponses } from '../common/schemas.ts'
import type { Telephony } from './plugin.ts'

const TokenReply = Type.Object({
  telephony: Type.Enum(['emulator', 'twilio']),
  identity: Type.String(),
  /** Null under the emulator: the softphone follows call states over the socket, without audio. */
  token: Type.Union([Type.String(), Type.Null()]),
  ttlSeconds: Type.Integer(),
})

const TOKEN_TTL = 3600

const routes: FastifyPluginAsyncTypebox<{ telephony: Telephony }> = async (app, { telephony }) => {
  const { config } = app

  app.get('/api/telephony/token', {
    config: { roles: ['agent', 'supervisor', 'account_manager'] },
    schema: { tags: ['telephony'], summary: 'Voice SDK access token (identity = username)', response: { 200: TokenReply, ...errorResponses, 503: errorResponses[400] } },
  }, async (request) => {
    const identity = request.user.username
    if (config.TELEPHONY === 'emulator') return { telephony: 'emulator' as const, identity, token: null, ttlSeconds: 0 }
    if (!config.TWILIO_API_KEY || !config.TWILIO_API_SECRET || !config.TWILIO_TWIML_APP_SID) {
      throw new AppError(503, 'NOT_CONFIGURED', 'TWILIO_API_KEY, TWILIO_API_SECRET and TWILIO_TWIML_APP_SID are needed for softphone tokens')
    }
    const token = new twilio.jwt.AccessToken(config.TWILIO_ACCOUNT_SID, config.TWILIO_API_KEY, config.TWILIO_API_SECRET, { identity, ttl: TOKEN_TTL })
    token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ outgoingApplicationSid: config.TWILIO_TWIML_APP_SID, incomingAllow: true }))
    return { telephony: 'twilio' as const, identity, token: token.toJwt(), ttlSeconds: TOKEN_TTL }
  })

  app.post('/api/telephony/leg', {
    config: { roles: ['agent'] },
    schema: { tags: ['telephony'], summary: "Open my softphone's conference leg (when none is up)", response: { 200: Type.Object({ placing: Type.Boolean() }), ...errorResponses } },
  }, async (request) => {
    const agent = await telephony.core.deps.agents.get(request.user.id)
    if (!agent) throw new NotFoundError(`user ${request.user.id}`)
    return { placing: await telephony.legs.ensure(agent) }
  })
}

export default routes
