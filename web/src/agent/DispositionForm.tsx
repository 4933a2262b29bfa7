// The campaign's disposition form (admin-defined fields). Required fields are checked here
// with the same rule the server applies (isRequired), then again by the server.
import { useEffect, useState } from 'preact/hooks'
import type { FormField, ScreenPop } from '../../../server/realtime/events.ts'
import { isRequired } from '../../../server/realtime/script.ts'
import type { T } from './i18n.ts'

type Values = Record<string, string | boolean>
const FREE_FIELD = /^[A-Za-z0-9_]{1,40}$/

/** Form values → the disposition:submit message (outcome, notes, callbackAt, profile.*, workOrder, fields). */
export function toSubmission(pop: ScreenPop, values: Values) {
  const text = (k: string) => (typeof values[k] === 'string' && values[k] !== '' ? (values[k] as string) : undefined)
  const profile: Record<string, string> = {}
  const fields: Record<string, string | boolean> = {}
  for (const [k, v] of Object.entries(values)) {
    // An 11-digit mainland mobile becomes E.164, as the profile stores it.
    if (k.startsWith('profile.') && v !== '') profile[k.slice(8)] = k === 'profile.altPhone' && /^1\d{10}$/.test(v as string) ? `+86${v}` : (v as string)
    else if (!['outcome', 'notes', 'callbackAt', 'workOrder'].includes(k) && FREE_FIELD.test(k) && v !== '') fields[k] = v
  }
  const callbackAt = text('callbackAt')
  const workOrder = text('workOrder')
  return {
    callSid: pop.callSid,
    customerId: pop.customer!.id,
    campaignId: pop.campaign?.id ?? null,
    queueEntryId: pop.queueEntryId,
    outcome: text('outcome') ?? '',
    ...(text('notes') ? { notes: text('notes') } : {}),
    ...(callbackAt ? { callbackAt: new Date(callbackAt).toISOString() } : {}),
    ...(Object.keys(profile).length ? { profile } : {}),
    ...(workOrder ? { workOrder: { description: workOrder } } : {}),
    fields,
  }
}

const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`

function Input({ field, value, required, onChange }: { field: FormField; value: string | boolean | undefined; required: boolean; onChange: (v: string | boolean) => void }) {
  const common = { id: fieldId(field.name), name: field.name, 'aria-required': required }
  switch (field.type) {
    case 'select':
      return (
        <select {...common} value={(value as string) ?? ''} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">—</option>
          {field.options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      )
    case 'textarea':
      return <textarea {...common} rows={2} value={(value as string) ?? ''} onInput={(e) => onChange(e.currentTarget.value)} />
    case 'checkbox':
      return <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />
    case 'datetime':
      return <input {...common} type="datetime-local" value={(value as string) ?? ''} onInput={(e) => onChange(e.currentTarget.value)} />
    default:
      return <input {...common} type="text" value={(value as string) ?? ''} onInput={(e) => onChange(e.currentTarget.value)} />
  }
}

export function DispositionForm({ pop, onSubmit, t }: { pop: ScreenPop; onSubmit: (payload: ReturnType<typeof toSubmission>) => Promise<void>; t: T }) {
  const [values, setValues] = useState<Values>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => setValues({}), [pop.callSid])

  async function submit(e: Event) {
    e.preventDefault()
    const missing = pop.form.find((f) => isRequired(f, values) && (values[f.name] === undefined || values[f.name] === '' || values[f.name] === false))
    if (missing) {
      setError(t('fieldRequired', { field: missing.label }))
      document.getElementById(fieldId(missing.name))?.focus()
      return
    }
    setBusy(true)
    setError(null)
    try {
      await onSubmit(toSubmission(pop, values))
    } catch (err) {
      setError((err as Error).message)
      const field = (err as { field?: string }).field
      if (field) document.getElementById(fieldId(field))?.focus()
    } finally {
      setBusy(false)
    }
  }

  if (!pop.customer) return <section class="panel"><h2>{t('disposition')}</h2><p>{t('noCustomer')}</p></section>
  return (
    <section class="panel" aria-labelledby="disp-h">
      <h2 id="disp-h">{t('disposition')}</h2>
      <form onSubmit={submit} noValidate>
        {pop.form.map((f) => {
          const required = isRequired(f, values)
          return (
            <div class="form-field" key={f.name}>
              <label for={fieldId(f.name)}>{f.label}{required && <span class="req" aria-hidden="true"> *</span>}</label>
              <Input field={f} value={values[f.name]} required={required} onChange={(v) => setValues({ ...values, [f.name]: v })} />
            </div>
          )
        })}
        <button class="primary" type="submit" disabled={busy}>{t('submit')}</button>
        <p class="notice error" role="alert">{error ?? ''}</p>
      </form>
    </section>
  )
}
