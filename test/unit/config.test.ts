import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../server/config.ts'

describe('configuration', () => {
  it('defaults to the emulator without Twilio credentials', () => {
    const c = loadConfig({})
    expect(c.TELEPHONY).toBe('emulator')
    expect(c.PORT).toBe(3000)
    expect(c.TZ).toBe('Asia/Shanghai')
  })
  it('uses Twilio when credentials are set', () => {
    expect(loadConfig({ TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32), TWILIO_AUTH_TOKEN: 'x'.repeat(32) }).TELEPHONY).toBe('twilio')
  })
  it('a malformed setting stops start-up with one line naming it', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrowError(ConfigError)
    expect(() => loadConfig({ PORT: 'eighty' })).toThrowError(/^invalid setting PORT: /)
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrowError(/invalid setting DATABASE_URL/)
    expect(() => loadConfig({ TELEPHONY: 'sip' })).toThrowError(/invalid setting TELEPHONY/)
  })
})
