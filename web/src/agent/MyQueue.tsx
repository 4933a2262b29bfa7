// The agent's own entries for today (GET /api/queues/mine), with preview dial and skip.
// Blocked entries are listed too, with why (a supervisor and the agent see why nobody calls).
import { useEffect, useState } from 'preact/hooks'
import { api } from '../common/api.ts'
import { ask, type PageSocket } from '../common/socket.ts'
import type { MyEntry } from '../../../server/queues/schemas.ts'
import { reasonLabel } from '../../../server/realtime/reasons.ts'
import { errorText } from './errors.ts'
import type { T } from './i18n.ts'

export function MyQueue({ socket, idle, refreshKey, onError, t }: { socket: PageSocket; idle: boolean; refreshKey: number; onError: (m: string | null) => void; t: T }) {
  const [entries, setEntries] = useState<MyEntry[] | null>(null)
  const [unavailable, setUnavailable] = useState(false)
  const load = () => api<{ items: MyEntry[] }>('GET', '/api/queues/mine').then((b) => { setEntries(b.items); setUnavailable(false) }, () => setUnavailable(true))
  useEffect(() => void load(), [refreshKey])
  const act = (fn: () => Promise<unknown>) => fn().then(() => { onError(null); return load() }, (err: Error) => onError(errorText(err, t)))
  return (
    <section class="panel queue" aria-labelledby="queue-h">
      <h2 id="queue-h">{t('myQueue')}</h2>
      {unavailable ? <p>{t('queueUnavailable')}</p> : entries && entries.length === 0 ? <p>{t('queueEmpty')}</p> : (
        <table>
          <thead><tr><th>{t('name')}</th><th>{t('reasons')}</th><th class="num">{t('priority')}</th><th><span class="skip">{t('dial')}</span></th></tr></thead>
          <tbody>
            {(entries ?? []).map((e) => (
              <tr key={e.entryId}>
                <td>{e.customerName}<br /><small>{e.campaignName}{e.blockedBy ? ` · ${e.blockedBy}` : ''}</small></td>
                <td>{e.reasons.map((r) => <span class="tag" key={r} title={r}>{reasonLabel(r)}</span>)}</td>
                <td class="num">{e.priority.toFixed(1)}</td>
                <td><div class="row nowrap">
                  <button type="button" disabled={!idle || e.status === 'blocked'} aria-label={`${t('dial')} ${e.customerName}`} onClick={() => act(() => ask(socket, 'preview:dial', { queueEntryId: e.entryId }))}>{t('dial')}</button>
                  <button type="button" disabled={!idle || e.status === 'blocked'} aria-label={`${t('skip')} ${e.customerName}`} onClick={() => act(() => ask(socket, 'preview:skip', { queueEntryId: e.entryId }))}>{t('skip')}</button>
                </div></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
