// Our one-HMAC signature check must agree with the twilio package's, for any fields Twilio
// may post (repeated keys, Chinese text, empty values) and any webhook URL.
import { createSecretKey } from 'node:crypto'
import fc from 'fast-check'
import twilio from 'twilio'
import { describe, expect, it } from 'vitest'
import type { FormParams } from '../../../server/common/form-body.ts'
import { expectedSignature } from '../../../server/telephony/signature.ts'

const token = 'emulator-auth-token'
const key = createSecretKey(Buffer.from(token, 'utf8'))

const field = fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' })
const value = fc.string({ maxLength: 20, unit: 'grapheme' })
const params = fc.dictionary(field, fc.oneof(value, fc.array(value, { minLength: 1, maxLength: 4 }))) as fc.Arbitrary<FormParams>
const url = fc.tuple(fc.constantFrom('https://dialer.example.cn', 'http://127.0.0.1:3000'), fc.webPath(), fc.webQueryParameters())
  .map(([base, path, query]) => `${base}${path || '/'}${query ? `?${query}` : ''}`)

describe('webhook signatures', () => {
  it('are what the twilio package computes', () => {
    fc.assert(fc.property(url, params, (u, p) => {
      expect(expectedSignature(key, u, p)).toBe(twilio.getExpectedTwilioSignature(token, u, p))
    }), { numRuns: 500 })
  })
})
