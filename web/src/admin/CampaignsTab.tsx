// Campaigns with their script and disposition form (GET/PATCH /api/campaigns), edited as
// JSON with a live preview of what the agent will see.
import { useEffect, useState } from 'preact/hooks'
import { readForm, readScript } from '../../../server/realtime/script.ts'
import { api } from '../common/api.ts'
import { Notice } from '../common/ui.tsx'
import type { T } from './i18n.ts'
import { parseJson, useResource } from './useResource.ts'

interface Campaign { id: number; code: string; name: string; status: string; dialMode: string; wrapSeconds: number; script: unknown; dispositionForm: unknown }

const safe = <R,>(text: string, read: (j: unknown) => R, fallback: R): R => {
  try {
    return read(JSON.parse(text))
  } catch {
    return fallback
  }
}

export function CampaignsTab({ t }: { t: T }) {
  const { data, missing, error, reload } = useResource<{ items: Campaign[] }>('/api/campaigns')
  const [selected, setSelected] = useState<number | null>(null)
  const campaign = data?.items.find((c) => c.id === selected) ?? data?.items[0]
  const [name, setName] = useState('')
  const [wrap, setWrap] = useState('30')
  const [script, setScript] = useState('')
  const [form, setForm] = useState('')
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null)
  useEffect(() => {
    if (!campaign) return
    setName(campaign.name)
    setWrap(String(campaign.wrapSeconds))
    setScript(JSON.stringify(campaign.script, null, 2))
    setForm(JSON.stringify(campaign.dispositionForm, null, 2))
  }, [campaign?.id])
  if (missing) return <p>{t('unavailable')}</p>
  if (!campaign) return <Notice kind="error" message={error} />

  const save = async () => {
    try {
      await api('PATCH', `/api/campaigns/${campaign.id}`, { name, wrapSeconds: Number(wrap), script: parseJson(script, t('script'), t), dispositionForm: parseJson(form, t('form'), t) })
      setResult({ ok: true, message: t('saved') })
      await reload()
    } catch (err) {
      setResult({ ok: false, message: (err as Error).message })
    }
  }
  const steps = safe(script, readScript, [])
  const fields = safe(form, readForm, [])
  return (
    <div class="grid" style="grid-template-columns: 1fr 1fr">
      <div>
        <label for="camp-pick">{t('chooseCampaign')}</label>
        <select id="camp-pick" value={campaign.id} onChange={(e) => setSelected(Number(e.currentTarget.value))}>
          {data!.items.map((c) => <option key={c.id} value={c.id}>{c.code} · {c.name}</option>)}
        </select>
        <div class="form-field"><label for="camp-name">{t('name')}</label><input id="camp-name" value={name} onInput={(e) => setName(e.currentTarget.value)} /></div>
        <div class="form-field"><label for="camp-wrap">{t('wrapSeconds')}</label><input id="camp-wrap" type="number" min="0" max="600" value={wrap} onInput={(e) => setWrap(e.currentTarget.value)} /></div>
        <div class="form-field"><label for="camp-script">{t('script')}</label><textarea id="camp-script" rows={14} style="width: 100%; font-family: monospace" value={script} onInput={(e) => setScript(e.currentTarget.value)} /></div>
        <div class="form-field"><label for="camp-form">{t('form')}</label><textarea id="camp-form" rows={14} style="width: 100%; font-family: monospace" value={form} onInput={(e) => setForm(e.currentTarget.value)} /></div>
        <button type="button" class="primary" onClick={save}>{t('save')}</button>
        <Notice kind={result?.ok === false ? 'error' : 'info'} message={result?.message ?? error} />
      </div>
      <section class="panel" aria-label={t('preview')}>
        <h3>{t('steps')}</h3>
        <ol>{steps.map((s) => <li key={s.id}><b>{s.id}</b>: {s.text} {s.branches.map((b) => <span class="tag" key={b.label}>{b.label} → {b.next}</span>)}</li>)}</ol>
        <h3>{t('fields')}</h3>
        <ul>{fields.map((f) => <li key={f.name}>{f.label} <small>({f.name}, {f.type}{f.required ? ', *' : ''}{f.requiredWhen ? `, * ${f.requiredWhen.field}=${f.requiredWhen.values.join('/')}` : ''})</small></li>)}</ul>
      </section>
    </div>
  )
}
