// GET /api/telephony/token: with real Twilio (TELEPHONY=twilio) a Voice SDK access token,
// signed with the API key's secret, whose identity is the agent's username and whose voice
// grant names the TwiML App and accepts incoming calls; under the emulator no token.
import { createHmac } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import * as fx from '../../fixtures.ts'
import { build, loginAs, resetState, testDb } from '../../helper.ts'

const TWILIO = {
  TELEPHONY: 'twilio',
  TWILIO_ACCOUNT_SID: 'AC' + '1'.repeat(32),
  TWILIO_AUTH_TOKEN: 'a-real-looking-auth-token',
  TWILIO_API_KEY: 'SK' + '2'.repeat(32),
  TWILIO_API_SECRET: 'the-api-key-secret',
  TWILIO_TWIML_APP_SID: 'AP' + '3'.repeat(32),
  DIALER: 'off',
}

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))

describe('GET /api/telephony/token', () => {
  let app: FastifyInstance
  let db: Db

  beforeAll(async () => {
    app = await build(TWILIO)
    db = testDb()
    await resetState(db, app)
    const branch = await fx.branch(db, '太原')
    await fx.user(db, { username: 'wang_fang', role: 'agent', branchId: branch.id })
    await fx.user(db, { username: 'admin', role: 'admin' })
  })

  afterAll(async () => {
    await app.close()
    await db.$disconnect()
  })

  it("issues a Voice SDK token for the agent's username, signed with the API key", async () => {
    const token = await loginAs(app, 'wang_fang')
    const res = await app.inject({ method: 'GET', url: '/api/telephony/token', headers: { authorization: `Bearer ${token}` } })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ telephony: 'twilio', identity: 'wang_fang', ttlSeconds: 3600 })
    const [header, payload, signature] = (body.token as string).split('.')
    expect(decode(header!)).toMatchObject({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' })
    expect(createHmac('sha256', TWILIO.TWILIO_API_SECRET).update(`${header}.${payload}`).digest('base64url')).toBe(signature)
    const claims = decode(payload!)
    expect(claims.iss).toBe(TWILIO.TWILIO_API_KEY)
    expect(claims.sub).toBe(TWILIO.TWILIO_ACCOUNT_SID)
    expect(claims.exp - claims.iat).toBe(3600)
    expect(claims.grants).toEqual({ identity: 'wang_fang', voice: { incoming: { allow: true }, outgoing: { application_sid: TWILIO.TWILIO_TWIML_APP_SID } } })
  })

  it('is for people who take calls', async () => {
    const token = await loginAs(app, 'admin')
    const res = await app.inject({ method: 'GET', url: '/api/telephony/token', headers: { authorization: `Bearer ${token}` } })
    expect(res.statusCode).toBe(403)
  })
})

describe('GET /api/telephony/token under the emulator', () => {
  it('gives no token: the softphone follows call states over the socket', async () => {
    const app = await build({ DIALER: 'off' })
    const db = testDb()
    try {
      await resetState(db, app)
      const branch = await fx.branch(db, '太原')
      await fx.user(db, { username: 'li_na', role: 'agent', branchId: branch.id })
      const token = await loginAs(app, 'li_na')
      const res = await app.inject({ method: 'GET', url: '/api/telephony/token', headers: { authorization: `Bearer ${token}` } })
      expect(res.json()).toEqual({ telephony: 'emulator', identity: 'li_na', token: null, ttlSeconds: 0 })
    } finally {
      await app.close()
      await db.$disconnect()
    }
  })
})
