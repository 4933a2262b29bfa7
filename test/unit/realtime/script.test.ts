import { describe, expect, it } from 'vitest'
import { fillScript, fillVariables, inboundGreeting, isRequired, readForm, readScript } from '../../../server/realtime/script.ts'

describe('campaign scripts and forms', () => {
  it('fills known variables and leaves unknown or empty ones visible', () => {
    expect(fillVariables('{客户姓名}您好，{套餐}于{到期日}到期{未知}', { 客户姓名: '张伟', 套餐: '畅享199', 到期日: null })).toBe('张伟您好，畅享199于{到期日}到期{未知}')
    expect(fillVariables('余额{余额}元', { 余额: 0 })).toBe('余额0元')
  })

  it('reads a script as steps with branches, from either shape', () => {
    const steps = [{ id: 'a', text: '{客户姓名}您好', branches: [{ label: '好', next: 'b' }] }, { id: 'b', text: '再见', branches: [] }]
    expect(readScript({ steps })).toEqual(steps)
    expect(readScript(steps)).toEqual(steps)
    expect(readScript(null)).toEqual([])
    expect(fillScript({ steps }, { 客户姓名: '李娜' })[0]!.text).toBe('李娜您好')
  })

  it('greets as the manager, by their surname', () => {
    expect(inboundGreeting('王芳')).toBe('您好！电话经理小王很高兴为您服务')
  })

  it('reads string options and requiredWhen; a field is required by flag or by another value', () => {
    const [outcome, callbackAt] = readForm({ fields: [
      { name: 'outcome', label: '结果', type: 'select', required: true, options: ['挽留成功', '预约回访'] },
      { name: 'callbackAt', label: '回访时间', type: 'datetime', requiredWhen: { field: 'outcome', values: ['预约回访'] } },
    ] })
    expect(outcome!.options).toEqual([{ value: '挽留成功', label: '挽留成功' }, { value: '预约回访', label: '预约回访' }])
    expect(isRequired(outcome!, {})).toBe(true)
    expect(isRequired(callbackAt!, { outcome: '挽留成功' })).toBe(false)
    expect(isRequired(callbackAt!, { outcome: '预约回访' })).toBe(true)
    expect(isRequired({ ...callbackAt!, requiredWhen: { field: 'createWorkOrder', values: ['true'] } }, { createWorkOrder: true })).toBe(true)
  })
})
