// Warning rules (GET/PATCH /api/rules): enable, weight, campaign, thresholds, validity.
import { useState } from 'preact/hooks'
import { api } from '../common/api.ts'
import { Notice } from '../common/ui.tsx'
import type { T } from './i18n.ts'
import { parseJson, useResource } from './useResource.ts'

interface Rule { code: string; name: string; enabled: boolean; weight: number; campaign: string; thresholds: Record<string, unknown>; validFrom: string | null; validTo: string | null }

function RuleRow({ rule, t }: { rule: Rule; t: T }) {
  const [enabled, setEnabled] = useState(rule.enabled)
  const [weight, setWeight] = useState(String(rule.weight))
  const [campaign, setCampaign] = useState(rule.campaign)
  const [thresholds, setThresholds] = useState(JSON.stringify(rule.thresholds))
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null)
  const id = (k: string) => `rule-${rule.code}-${k}`
  const save = async () => {
    try {
      await api('PATCH', `/api/rules/${rule.code}`, { enabled, weight: Number(weight), campaign, thresholds: parseJson(thresholds, t('thresholds'), t) })
      setResult({ ok: true, message: t('saved') })
    } catch (err) {
      setResult({ ok: false, message: (err as Error).message })
    }
  }
  return (
    <tr>
      <th scope="row">{rule.code}<br /><small>{rule.name}</small></th>
      <td><input id={id('enabled')} type="checkbox" aria-label={`${t('enabled')} ${rule.code}`} checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} /></td>
      <td><input id={id('weight')} aria-label={`${t('weight')} ${rule.code}`} type="number" step="0.1" size={5} value={weight} onInput={(e) => setWeight(e.currentTarget.value)} /></td>
      <td><input id={id('campaign')} aria-label={`${t('campaign')} ${rule.code}`} size={12} value={campaign} onInput={(e) => setCampaign(e.currentTarget.value)} /></td>
      <td><textarea id={id('thresholds')} aria-label={`${t('thresholds')} ${rule.code}`} rows={2} cols={40} value={thresholds} onInput={(e) => setThresholds(e.currentTarget.value)} /></td>
      <td>{rule.validFrom ?? '…'} – {rule.validTo ?? '…'}</td>
      <td><button type="button" onClick={save}>{t('save')}</button><Notice kind={result?.ok === false ? 'error' : 'info'} message={result?.message ?? null} /></td>
    </tr>
  )
}

export function RulesTab({ t }: { t: T }) {
  const { data, missing, error } = useResource<{ items: Rule[] }>('/api/rules')
  if (missing) return <p>{t('unavailable')}</p>
  return (
    <>
      <Notice kind="error" message={error} />
      <table>
        <thead><tr><th>{t('code')}</th><th>{t('enabled')}</th><th>{t('weight')}</th><th>{t('campaign')}</th><th>{t('thresholds')}</th><th>{t('validity')}</th><th /></tr></thead>
        <tbody>{data?.items.map((r) => <RuleRow key={r.code} rule={r} t={t} />)}</tbody>
      </table>
    </>
  )
}
