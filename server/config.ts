// Configuration comes only from the environment (contracts.md "Environment"), is validated
// once here, and is then passed around as a typed object. Nothing else reads process.env.
import { Type, type Static } from 'typebox'
import { Value } from 'typebox/value'

const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ default: '0.0.0.0' }),
  DATABASE_URL: Type.String({ pattern: '^postgres(ql)?://', default: 'postgresql://postgres@127.0.0.1:5432/dialer' }),
  REDIS_URL: Type.String({ pattern: '^rediss?://', default: 'redis://127.0.0.1:6379' }),
  /** Prefix of every Redis key and BullMQ queue, so that tests and demo never share keys. */
  REDIS_PREFIX: Type.String({ default: 'dialer' }),
  /** The origin Twilio calls back and signs (no trailing slash). */
  PUBLIC_BASE_URL: Type.String({ pattern: '^https?://[^/]+(/.*[^/])?$', default: 'http://127.0.0.1:3000' }),
  JWT_SECRET: Type.String({ minLength: 16, default: 'dev-secret-change-me-please' }),
  TELEPHONY: Type.Optional(Type.Enum(['emulator', 'twilio'])),
  TWILIO_ACCOUNT_SID: Type.String({ pattern: '^AC[0-9a-fA-F]{32}$', default: 'AC00000000000000000000000000000000' }),
  TWILIO_AUTH_TOKEN: Type.String({ minLength: 8, default: 'emulator-auth-token' }),
  TWILIO_CALLER_ID: Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', default: '+8610000000000' }),
  TWILIO_API_KEY: Type.Optional(Type.String()),
  TWILIO_API_SECRET: Type.Optional(Type.String()),
  TWILIO_TWIML_APP_SID: Type.Optional(Type.String()),
  /** Under TELEPHONY=emulator: an emulator elsewhere (e.g. shared by several nodes); unset, this server hosts one. */
  EMULATOR_URL: Type.Optional(Type.String({ pattern: '^https?://[^/]+$' })),
  /** Pace running campaigns on this node (every node also accepts webhooks either way). */
  DIALER: Type.Enum(['on', 'off'], { default: 'on' }),
  /** API-created calls per second across all nodes (Twilio's default account limit is 1). */
  TWILIO_CPS: Type.Number({ exclusiveMinimum: 0, default: 1 }),
  TZ: Type.String({ default: 'Asia/Shanghai' }),
  /** The province branch that imported cities are created under when none exists yet. */
  PROVINCE: Type.String({ minLength: 1, default: '山西省' }),
  /** `off` starts no BullMQ worker or scheduler on this node (tests that need none; API-only nodes). Jobs can still be enqueued. */
  JOBS: Type.Enum(['on', 'off'], { default: 'on' }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
})

export type RawConfig = Static<typeof ConfigSchema>
export type Config = Omit<RawConfig, 'TELEPHONY'> & { TELEPHONY: 'emulator' | 'twilio' }

export class ConfigError extends Error {}

/** Reads and validates the environment; throws ConfigError with one line naming the setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(ConfigSchema.properties)
  const input: Record<string, unknown> = {}
  for (const key of known) {
    const value = env[key]
    if (value !== undefined && value !== '') input[key] = value
  }
  const withDefaults = Value.Default(ConfigSchema, input)
  const converted = Value.Convert(ConfigSchema, withDefaults)
  const first = Value.Errors(ConfigSchema, converted)[0]
  if (first) {
    const name = first.instancePath.replace(/^\//, '') || String((first.params as { requiredProperties?: string[] }).requiredProperties?.[0] ?? '')
    throw new ConfigError(`invalid setting ${name}: ${first.message} (got ${JSON.stringify(input[name] ?? null)})`)
  }
  const raw = converted as RawConfig
  const hasCredentials = env.TWILIO_ACCOUNT_SID !== undefined && env.TWILIO_AUTH_TOKEN !== undefined
  return { ...raw, TELEPHONY: raw.TELEPHONY ?? (hasCredentials ? 'twilio' : 'emulator') }
}
