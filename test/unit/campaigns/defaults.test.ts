// The default campaigns must satisfy the same checks as an admin's edit, and their scripts
// may only use the placeholders the agent page fills.
import { Value } from 'typebox/value'
import { describe, expect, it } from 'vitest'
import { checkForm, checkSchedule, checkScript } from '../../../server/campaigns/checks.ts'
import { DEFAULT_CAMPAIGNS } from '../../../server/campaigns/defaults.ts'
import { DispositionForm, Schedule, Script, SCRIPT_VARIABLES } from '../../../server/campaigns/schemas.ts'
import { CAMPAIGN_CODES, RULE_DEFAULTS } from '../../../server/rules/catalog.ts'

describe('default campaigns', () => {
  it.each(DEFAULT_CAMPAIGNS.map((c) => [c.code, c] as const))('%s is valid', (_code, c) => {
    expect(Value.Check(Schedule, c.schedule)).toBe(true)
    expect(Value.Check(Script, c.script)).toBe(true)
    expect(Value.Check(DispositionForm, c.dispositionForm)).toBe(true)
    expect(() => checkSchedule(c.schedule as Schedule)).not.toThrow()
    expect(() => checkScript(c.script as Script)).not.toThrow()
    expect(() => checkForm(c.dispositionForm as DispositionForm)).not.toThrow()
    const used = JSON.stringify(c.script).match(/\{([^{}"]+)\}/g) ?? []
    for (const v of used) expect(SCRIPT_VARIABLES).toContain(v.slice(1, -1))
  })

  it('every rule feeds one of them', () => {
    const codes = new Set(DEFAULT_CAMPAIGNS.map((c) => c.code))
    for (const r of Object.values(RULE_DEFAULTS)) expect(codes.has(r.campaign)).toBe(true)
    expect([...codes].sort()).toEqual(Object.values(CAMPAIGN_CODES).sort())
  })
})
