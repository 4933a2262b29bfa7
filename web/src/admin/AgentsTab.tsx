// The roster with A/B partners (GET/PATCH /api/agents); pairing is mutual on the server.
import { useState } from 'preact/hooks'
import { api } from '../common/api.ts'
import { Notice } from '../common/ui.tsx'
import type { T } from './i18n.ts'
import { useResource } from './useResource.ts'

interface Member { id: number; username: string; name: string; role: string; active: boolean; branch: string | null; team: string | null; partner: { id: number; name: string } | null }

export function AgentsTab({ t }: { t: T }) {
  const { data, missing, error, reload } = useResource<Member[]>('/api/agents')
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null)
  if (missing) return <p>{t('unavailable')}</p>
  const change = (id: number, body: Record<string, unknown>) =>
    api('PATCH', `/api/agents/${id}`, body).then(() => { setResult({ ok: true, message: t('saved') }); return reload() }, (err: Error) => setResult({ ok: false, message: err.message }))
  return (
    <>
      <Notice kind={result?.ok === false || error ? 'error' : 'info'} message={result?.message ?? error} />
      <table>
        <thead><tr><th>{t('name')}</th><th>{t('username')}</th><th>{t('role')}</th><th>{t('branch')}</th><th>{t('team')}</th><th>{t('partner')}</th><th>{t('active')}</th></tr></thead>
        <tbody>
          {data?.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.name}</th><td>{m.username}</td><td>{m.role}</td><td>{m.branch ?? '–'}</td><td>{m.team ?? '–'}</td>
              <td>
                <select aria-label={`${t('partner')} ${m.name}`} value={m.partner?.id ?? ''} onChange={(e) => change(m.id, { partnerId: e.currentTarget.value ? Number(e.currentTarget.value) : null })}>
                  <option value="">{t('none')}</option>
                  {data.filter((o) => o.id !== m.id && o.role === m.role && o.branch === m.branch).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
                </select>
              </td>
              <td><input type="checkbox" aria-label={`${t('active')} ${m.name}`} checked={m.active} onChange={(e) => change(m.id, { active: e.currentTarget.checked })} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
