// The agent's own entries for today (GET /api/queues/mine), with preview dial and skip.
import { useEffect, useState } from 'preact/hooks'
import { api } from '../common/api.ts'
import { ask, type PageSocket } from '../common/socket.ts'
import type { T } from './i18n.ts'

interface Entry { id: number; name: string; campaign: string; reasons: string[]; priority: number; status: string }

/** Reads the rules module's entries whatever their exact nesting (customer.name or customerName, ...). */
function readEntries(body: unknown): Entry[] {
  const list = Array.isArray(body) ? body : ((body as { items?: unknown[]; entries?: unknown[] })?.items ?? (body as { entries?: unknown[] })?.entries ?? [])
  return (list as Record<string, unknown>[]).map((e) => {
    const customer = e.customer as { name?: string } | undefined
    const campaign = e.campaign as { name?: string; code?: string } | string | undefined
    return {
      id: Number(e.id ?? e.queueEntryId),
      name: String(customer?.name ?? e.customerName ?? e.msisdn ?? ''),
      campaign: typeof campaign === 'string' ? campaign : String(campaign?.name ?? campaign?.code ?? e.campaignCode ?? ''),
      reasons: ((e.reasons ?? []) as unknown[]).map((r) => (typeof r === 'string' ? r : String((r as { label?: string; code?: string }).label ?? (r as { code?: string }).code))),
      priority: Number(e.priority ?? 0),
      status: String(e.status ?? ''),
    }
  })
}

export function MyQueue({ socket, idle, refreshKey, onError, t }: { socket: PageSocket; idle: boolean; refreshKey: number; onError: (m: string | null) => void; t: T }) {
  const [entries, setEntries] = useState<Entry[] | null>(null)
  const [unavailable, setUnavailable] = useState(false)
  const load = () => api<unknown>('GET', '/api/queues/mine').then((b) => { setEntries(readEntries(b)); setUnavailable(false) }, () => setUnavailable(true))
  useEffect(() => void load(), [refreshKey])
  const act = (fn: () => Promise<unknown>) => fn().then(() => { onError(null); return load() }, (err: Error) => onError(err.message))
  return (
    <section class="panel" aria-labelledby="queue-h">
      <h2 id="queue-h">{t('myQueue')}</h2>
      {unavailable ? <p>{t('queueUnavailable')}</p> : entries && entries.length === 0 ? <p>{t('queueEmpty')}</p> : (
        <table>
          <thead><tr><th>{t('name')}</th><th>{t('reasons')}</th><th class="num">{t('priority')}</th><th><span class="skip">{t('dial')}</span></th></tr></thead>
          <tbody>
            {(entries ?? []).map((e) => (
              <tr key={e.id}>
                <td>{e.name}<br /><small>{e.campaign}</small></td>
                <td>{e.reasons.map((r) => <span class="tag" key={r}>{r}</span>)}</td>
                <td class="num">{e.priority.toFixed(1)}</td>
                <td class="row">
                  <button type="button" disabled={!idle} aria-label={`${t('dial')} ${e.name}`} onClick={() => act(() => ask(socket, 'preview:dial', { queueEntryId: e.id }))}>{t('dial')}</button>
                  <button type="button" disabled={!idle} aria-label={`${t('skip')} ${e.name}`} onClick={() => act(() => ask(socket, 'preview:skip', { queueEntryId: e.id }))}>{t('skip')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
