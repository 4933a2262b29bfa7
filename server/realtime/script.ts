// Campaign scripts and disposition forms are admin-edited JSON (campaigns.script and
// campaigns.disposition_form). This file reads them tolerantly into the shapes the page
// renders, fills the {变量} placeholders from the customer, and supplies the inbound
// greeting script. The pages import it too, so it must stay free of server dependencies.
import type { FormField, FormFieldType, ScriptStep } from './events.ts'

type Json = unknown
const asArray = (v: Json): Record<string, unknown>[] =>
  (Array.isArray(v) ? v : []).filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null)
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined)

/** Accepts `{ steps: [...] }` or a bare array; a step is `{ id, text, branches: [{ label, next }] }`. */
export function readScript(json: Json): { id: string; text: string; branches: { label: string; next: string }[] }[] {
  const list = asArray(Array.isArray(json) ? json : (json as { steps?: Json } | null)?.steps)
  return list.map((step, i) => ({
    id: str(step.id) ?? `s${i + 1}`,
    text: str(step.text) ?? str(step.say) ?? '',
    branches: asArray(step.branches ?? step.options).map((b) => ({
      label: str(b.label) ?? '',
      next: str(b.next) ?? str(b.goto) ?? '',
    })),
  }))
}

export type ScriptVariables = Record<string, string | number | null | undefined>

/** Replaces {名字} placeholders; an unknown or empty variable stays visible as written. */
export function fillVariables(text: string, vars: ScriptVariables): string {
  return text.replace(/\{([^{}]{1,20})\}/g, (whole, name: string) => {
    const v = vars[name]
    return v === undefined || v === null || v === '' ? whole : String(v)
  })
}

export function fillScript(json: Json, vars: ScriptVariables): ScriptStep[] {
  return readScript(json).map((s) => ({ ...s, text: fillVariables(s.text, vars) }))
}

/** domain.md, "Inbound": the manager answers as 您好！电话经理小X很高兴为您服务. */
export function inboundGreeting(managerName: string): string {
  return `您好！电话经理小${managerName.slice(0, 1)}很高兴为您服务`
}

/** What follows the greeting on an inbound VIP call that has no campaign script. */
export const INBOUND_SCRIPT = {
  steps: [
    { id: 'verify', text: '{客户姓名}您好，请问有什么可以帮您？', branches: [
      { label: '咨询', next: 'consult' }, { label: '投诉', next: 'complaint' }, { label: '办理业务', next: 'business' },
    ] },
    { id: 'consult', text: '好的，我来为您查询。您目前的套餐是{套餐}，合约到期日{到期日}。', branches: [{ label: '结束', next: 'close' }] },
    { id: 'complaint', text: '非常抱歉给您带来不便，我已记录，会在8小时内为您处理并回复。', branches: [{ label: '结束', next: 'close' }] },
    { id: 'business', text: '好的，业务办理后3小时内完成，并在30分钟内通知您。', branches: [{ label: '结束', next: 'close' }] },
    { id: 'close', text: '感谢您的来电，祝您生活愉快，再见！', branches: [] },
  ],
}

const TYPES: FormFieldType[] = ['select', 'text', 'textarea', 'datetime', 'checkbox']

/** Accepts `{ fields: [...] }` or a bare array; options may be strings or `{ value, label }`. */
export function readForm(json: Json): FormField[] {
  const list = asArray(Array.isArray(json) ? json : (json as { fields?: Json } | null)?.fields)
  return list.map((f) => {
    const name = str(f.name) ?? str(f.key) ?? ''
    const type = TYPES.includes(f.type as FormFieldType) ? (f.type as FormFieldType) : 'text'
    const field: FormField = { name, label: str(f.label) ?? name, type, required: f.required === true }
    const options = Array.isArray(f.options)
      ? f.options.map((o) => (typeof o === 'string' ? { value: o, label: o } : { value: str((o as Record<string, unknown>).value) ?? '', label: str((o as Record<string, unknown>).label) ?? str((o as Record<string, unknown>).value) ?? '' }))
      : undefined
    if (options) field.options = options
    const when = f.requiredWhen as { field?: unknown; values?: unknown; equals?: unknown } | undefined
    if (when && typeof when.field === 'string') {
      const values = Array.isArray(when.values) ? when.values : Array.isArray(when.equals) ? when.equals : [when.equals]
      field.requiredWhen = { field: when.field, values: values.map(String) }
    }
    return field
  })
}

/** Whether a field must be filled given the other values (both the page and the server use this). */
export function isRequired(field: FormField, values: Record<string, unknown>): boolean {
  if (field.required) return true
  const when = field.requiredWhen
  return Boolean(when && when.values.includes(String(values[when.field] ?? '')))
}
