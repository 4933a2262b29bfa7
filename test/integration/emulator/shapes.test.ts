// The emulator's REST responses against Twilio's own API description: the OpenAPI document
// twilio_api_v2010 of github.com/twilio/twilio-oai (Apache-2.0), as shipped in the
// @twilio-alpha/mcp dev dependency. Every Call, Conference, Participant, Queue and Queue
// Member the emulator returns, alone and in list pages, must have exactly the spec's fields
// with the spec's types, enums and formats. The requests come from the official twilio
// client, whose parameter names are generated from the same description.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import twilio from 'twilio'
import { startStandaloneEmulator } from '../../../server/emulator/standalone.ts'
import type { Emulator } from '../../../server/emulator/engine.ts'
import { OriginRequestClient } from '../../../server/telephony/client.ts'

const SPEC_PATH = createRequire(import.meta.url).resolve('@twilio-alpha/mcp/twilio-oai/spec/json/twilio_api_v2010.json')
type Schema = { $ref?: string; description?: string; properties?: Record<string, Schema> }
const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as { components: { schemas: Record<string, Schema & { properties: Record<string, Schema> }> } }
// OpenAPI 3.0 cannot mark a $ref nullable, so the spec's enum fields that its own text says
// are `null` for a while (a conference's reason_conference_ended while it runs) are given
// that null here, as Twilio sends it.
for (const resource of Object.values(spec.components.schemas)) {
  for (const [name, prop] of Object.entries(resource.properties ?? {})) {
    const target = prop.$ref && spec.components.schemas[prop.$ref.split('/').pop()!]
    if (target && /`null`/.test(target.description ?? '')) resource.properties[name] = { anyOf: [prop, { type: 'null' }] } as Schema
  }
}
const ACCOUNT = 'AC' + 'c'.repeat(32)
const TOKEN = 'shape-test-token'
const BASE = `/2010-04-01/Accounts/${ACCOUNT}`

const RFC_2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/
const ajv = new Ajv({ strict: false, allErrors: true })
addFormats.default(ajv)
ajv.addFormat('date-time-rfc-2822', RFC_2822)
// Twilio's "uri" values are paths relative to api.twilio.com, as the real API returns them.
ajv.addFormat('uri', /^\/2010-04-01\/\S+$/)
for (const f of ['uri-map', 'phone-number', 'currency', 'http-method', 'endpoint', 'twiml', 'iso-country-code', 'phone-number-capabilities', 'ice-server']) ajv.addFormat(f, true)
ajv.addSchema({ ...spec, $id: 'twilio_api_v2010' })

const pointer = (...parts: string[]) => parts.map((p) => encodeURIComponent(p.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/')
const resource = (name: string) => ajv.getSchema(`twilio_api_v2010#/${pointer('components', 'schemas', name)}`) as ValidateFunction
const listPage = (path: string) => ajv.getSchema(`twilio_api_v2010#/${pointer('paths', path, 'get', 'responses', '200', 'content', 'application/json', 'schema')}`) as ValidateFunction

/** Valid against the schema, and exactly the spec's fields (none missing, none invented). */
function expectShape(json: Record<string, unknown>, name: string) {
  const validate = resource(name)
  expect(validate(json), `${name}: ${ajv.errorsText(validate.errors)}`).toBe(true)
  expect(Object.keys(json).sort(), name).toEqual(Object.keys(spec.components.schemas[name]!.properties).sort())
}

function expectPage(json: Record<string, unknown>, path: string, key: string, name: string) {
  const validate = listPage(`/2010-04-01/Accounts/{AccountSid}/${path}`)
  expect(validate(json), `${path}: ${ajv.errorsText(validate.errors)}`).toBe(true)
  const items = json[key] as Record<string, unknown>[]
  expect(items.length, `${path} lists something`).toBeGreaterThan(0)
  for (const item of items) expectShape(item, name)
}

describe("the emulator's REST resources have Twilio's published shapes", () => {
  let app: FastifyInstance
  let emu: Emulator
  let client: twilio.Twilio
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url, headers: { authorization: 'Basic ' + Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64') } })
    expect(res.statusCode, url).toBe(200)
    return res.json() as Record<string, unknown>
  }

  beforeAll(async () => {
    // No application behind it: these calls run inline TwiML only.
    const started = await startStandaloneEmulator({ accountSid: ACCOUNT, authToken: TOKEN, publicBaseUrl: 'http://127.0.0.1:9' })
    app = started.app
    emu = started.emulator
    emu.settings = { ...emu.settings, cps: 100, mediaScale: 0.01 }
    client = twilio(ACCOUNT, TOKEN, { httpClient: new OriginRequestClient(() => started.origin) })
  })
  afterAll(() => app.close())

  it('Calls: created, fetched, listed, in progress and completed', async () => {
    emu.model.script('+8613900000001', { outcome: 'human', ringMs: 0, talkMs: 60_000, amdMs: 0 })
    const created = await client.calls.create({ to: '+8613900000001', from: '+8610000000000', twiml: '<Response><Pause length="30"/></Response>', machineDetection: 'Enable', asyncAmd: 'true' })
    const sid = created.sid
    // Queued as created, then with start_time, answered_by and a duration once it ran.
    expectShape(await get(`${BASE}/Calls/${sid}.json`), 'api.v2010.account.call')
    await waitUntil(() => emu.calls.get(sid)!.status === 'in-progress')
    expectShape(await get(`${BASE}/Calls/${sid}.json`), 'api.v2010.account.call')
    await client.calls(sid).update({ status: 'completed' })
    const done = await get(`${BASE}/Calls/${sid}.json`)
    expectShape(done, 'api.v2010.account.call')
    expect(done.status).toBe('completed')
    expectPage(await get(`${BASE}/Calls.json?PageSize=20`), 'Calls.json', 'calls', 'api.v2010.account.call')
  })

  it('Conferences and Participants', async () => {
    emu.model.script('+8613900000002', { outcome: 'human', ringMs: 0, talkMs: 60_000, amdMs: 0 })
    const p = await client.conferences('agent-shapes').participants.create({ from: '+8610000000000', to: '+8613900000002', startConferenceOnEnter: true, beep: 'false', label: 'customer' })
    await waitUntil(() => [...emu.rooms.conferences.values()].some((c) => c.participants.get(p.callSid)?.status === 'connected'))
    const conferences = await get(`${BASE}/Conferences.json`)
    expectPage(conferences, 'Conferences.json', 'conferences', 'api.v2010.account.conference')
    const confSid = (conferences.conferences as { sid: string }[])[0]!.sid
    expectShape(await get(`${BASE}/Conferences/${confSid}.json`), 'api.v2010.account.conference')
    expectShape(await get(`${BASE}/Conferences/${confSid}/Participants/${p.callSid}.json`), 'api.v2010.account.conference.participant')
    expectPage(await get(`${BASE}/Conferences/${confSid}/Participants.json`), 'Conferences/{ConferenceSid}/Participants.json', 'participants', 'api.v2010.account.conference.participant')
    await client.conferences(confSid).participants(p.callSid).update({ hold: true })
    expectShape(await get(`${BASE}/Conferences/${confSid}/Participants/${p.callSid}.json`), 'api.v2010.account.conference.participant')
  })

  it('Queues and their Members', async () => {
    emu.model.script('+8613900000003', { outcome: 'human', ringMs: 0, talkMs: 60_000, amdMs: 0 })
    const call = await client.calls.create({ to: '+8613900000003', from: '+8610000000000', twiml: '<Response><Enqueue>pool-shapes</Enqueue></Response>' })
    await waitUntil(() => [...emu.rooms.queues.values()].some((q) => q.members.some((m) => m.callSid === call.sid)))
    const queues = await get(`${BASE}/Queues.json`)
    expectPage(queues, 'Queues.json', 'queues', 'api.v2010.account.queue')
    const queueSid = (queues.queues as { sid: string; friendly_name: string }[]).find((q) => q.friendly_name === 'pool-shapes')!.sid
    expectShape(await get(`${BASE}/Queues/${queueSid}.json`), 'api.v2010.account.queue')
    expectShape(await get(`${BASE}/Queues/${queueSid}/Members/${call.sid}.json`), 'api.v2010.account.queue.member')
    expectPage(await get(`${BASE}/Queues/${queueSid}/Members.json`), 'Queues/{QueueSid}/Members.json', 'queue_members', 'api.v2010.account.queue.member')
  })
})

async function waitUntil(check: () => boolean, ms = 5000) {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}
