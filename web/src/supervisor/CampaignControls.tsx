// Per-campaign controls (audited on the server): pause/resume, dial mode, abandon target,
// calling windows.
import { useState } from 'preact/hooks'
import type { CampaignBoard } from '../../../server/realtime/events.ts'
import { ask, type PageSocket } from '../common/socket.ts'
import type { T } from './i18n.ts'

const MODES = ['preview', 'progressive', 'ratio', 'predictive'] as const

const parseWindows = (text: string) =>
  text.split(/[,，\s]+/).filter(Boolean).map((w) => {
    const [from = '', to = ''] = w.split('-')
    return { from, to }
  })

export function CampaignControls({ campaign, socket, onResult, t }: { campaign: CampaignBoard; socket: PageSocket; onResult: (ok: boolean, message: string) => void; t: T }) {
  const [mode, setMode] = useState(campaign.dialMode)
  const [target, setTarget] = useState(String(+(campaign.abandonTarget * 100).toFixed(2)))
  const [windows, setWindows] = useState(campaign.schedule.map((w) => `${w.from}-${w.to}`).join(', '))
  const send = (body: Record<string, unknown>) =>
    ask(socket, 'campaign:control', { campaignId: campaign.id, ...body } as never).then(() => onResult(true, t('saved')), (err: Error) => onResult(false, err.message))
  const id = (k: string) => `c${campaign.id}-${k}`
  return (
    <div class="row" role="group" aria-label={`${t('controls')} ${campaign.name}`}>
      <button type="button" onClick={() => send({ status: campaign.status === 'running' ? 'paused' : 'running' })}>
        {campaign.status === 'running' ? t('pause') : t('resume')}
      </button>
      <span>
        <label for={id('mode')}>{t('mode')}</label>
        <select id={id('mode')} value={mode} onChange={(e) => setMode(e.currentTarget.value)}>
          {MODES.map((m) => <option key={m} value={m}>{t(m)}</option>)}
        </select>
      </span>
      <span>
        <label for={id('target')}>{t('abandonTarget')}</label>
        <input id={id('target')} type="number" min="0" max="10" step="0.1" size={4} value={target} onInput={(e) => setTarget(e.currentTarget.value)} />
      </span>
      <span>
        <label for={id('windows')}>{t('windows')}</label>
        <input id={id('windows')} placeholder={t('windowsHint')} value={windows} onInput={(e) => setWindows(e.currentTarget.value)} />
      </span>
      <button type="button" class="primary" onClick={() => send({ dialMode: mode, abandonTarget: Number(target) / 100, ...(windows.trim() ? { schedule: parseWindows(windows) } : {}) })}>{t('apply')}</button>
    </div>
  )
}
