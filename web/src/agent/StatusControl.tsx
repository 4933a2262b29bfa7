// The status control (contracts.md section 7): labelled 状态, offering 可用 / 小休 / 离线,
// next to the current state and how long the agent has been in it.
import type { AgentState } from '../../../server/realtime/events.ts'
import { duration } from '../common/ui.tsx'
import type { T } from './i18n.ts'

const CHOICES = ['available', 'break', 'offline'] as const

export function StatusControl({ presence, now, onChange, t }: { presence: { state: AgentState; since: number }; now: number; onChange: (s: (typeof CHOICES)[number]) => void; t: T }) {
  const selectable = (CHOICES as readonly string[]).includes(presence.state)
  return (
    <span class="row">
      <label for="agent-status" style="color: #fff; margin: 0">{t('status')}</label>
      <select id="agent-status" value={selectable ? presence.state : ''} disabled={presence.state === 'on_call'} onChange={(e) => onChange(e.currentTarget.value as (typeof CHOICES)[number])}>
        {!selectable && <option value="" disabled hidden>{t(presence.state)}</option>}
        {CHOICES.map((c) => <option key={c} value={c}>{t(c)}</option>)}
      </select>
      <span class={`state state-${presence.state}`} data-testid="agent-state">{t('current', { state: t(presence.state), time: presence.since > 0 ? duration((now - presence.since) / 1000) : '--:--' })}</span>
    </span>
  )
}
