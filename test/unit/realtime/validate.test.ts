import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../../server/common/errors.ts'
import { CallbackSchedule, CampaignControl, DispositionSubmit, StatusSet } from '../../../server/realtime/schemas.ts'
import { validateMessage } from '../../../server/realtime/validate.ts'

const fieldOf = (schema: Parameters<typeof validateMessage>[0], input: unknown) => {
  try {
    validateMessage(schema, input)
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError)
    return (err as ValidationError).field
  }
  throw new Error('accepted')
}

describe('socket message validation', () => {
  it('names the missing, the wrong and the unexpected field', () => {
    expect(fieldOf(StatusSet, {})).toBe('status')
    expect(fieldOf(StatusSet, { status: 'lunch' })).toBe('status')
    expect(fieldOf(StatusSet, { status: 'break', extra: 1 })).toBe('extra')
    expect(fieldOf(CallbackSchedule, { queueEntryId: 1, at: 'tomorrow' })).toBe('at')
    expect(fieldOf(CampaignControl, { campaignId: 1, abandonTarget: 0.5 })).toBe('abandonTarget')
    expect(fieldOf(DispositionSubmit, { customerId: 1, outcome: '拒绝', profile: { altPhone: '12345' } })).toBe('profile.altPhone')
    expect(fieldOf(DispositionSubmit, { outcome: '拒绝' })).toBe('customerId')
  })

  it('returns the message with defaults applied', () => {
    expect(validateMessage(DispositionSubmit, { customerId: 3, outcome: '拒绝' })).toEqual({ customerId: 3, outcome: '拒绝', fields: {} })
    expect(validateMessage(StatusSet, { status: 'available' })).toEqual({ status: 'available' })
  })
})
