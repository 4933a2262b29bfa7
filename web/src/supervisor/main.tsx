// `/supervisor`: the live wallboard of the supervisor's branch. The server pushes the whole
// board every second; presence changes arrive as they happen and patch the agent rows.
import { render } from 'preact'
import { useEffect, useMemo, useState } from 'preact/hooks'
import type { AgentBoardRow, CampaignBoard, DepthSeries, Rate, Wallboard } from '../../../server/realtime/events.ts'
import '../common/styles.css'
import { useT } from '../common/i18n.ts'
import { requireRole, type User } from '../common/session.ts'
import { ask, connectSocket, type PageSocket } from '../common/socket.ts'
import { duration, Header, Notice, percent, useNow } from '../common/ui.tsx'
import { reasonLabel } from '../../../server/realtime/reasons.ts'
import { CampaignControls } from './CampaignControls.tsx'
import { DepthChart } from './DepthChart.tsx'
import { dict, type T } from './i18n.ts'

function RateCell({ rate, target }: { rate: Rate; target?: number }) {
  const over = target !== undefined && rate.rate !== null && rate.rate > target
  return <td class={`num ${over ? 'over' : ''}`} title={`${rate.numerator}/${rate.denominator}`}>{percent(rate.rate)}</td>
}

function CampaignRows({ c, socket, onResult, t }: { c: CampaignBoard; socket: PageSocket; onResult: (ok: boolean, m: string) => void; t: T }) {
  return (
    <>
      <tr>
        <th scope="row">{c.name}<br /><small>{c.code}</small></th>
        <td>{t(c.status as 'running')}</td>
        <td>{t(c.dialMode as 'preview')}</td>
        <td class="num">{c.queueDepth}</td>
        <td class="num">{c.callsInFlight}</td>
        <td class="num" title={c.dialMode === 'ratio' ? `${t('dialRatio')} ${c.dialRatio}` : undefined}>{c.currentRatio === null ? '–' : c.currentRatio.toFixed(2)}</td>
        <RateCell rate={c.today.answer} />
        <RateCell rate={c.today.machine} />
        <RateCell rate={c.today.abandon} target={c.abandonTarget} />
        <RateCell rate={c.last30Days.abandon} target={c.abandonTarget} />
        <td class="num">{percent(c.abandonTarget)}</td>
      </tr>
      <tr>
        <td colSpan={11}>
          <div>{Object.entries(c.depthByReason).map(([r, n]) => <span class="tag" key={r} title={r}>{reasonLabel(r)} {n}</span>)}</div>
          <CampaignControls campaign={c} socket={socket} onResult={onResult} t={t} />
        </td>
      </tr>
    </>
  )
}

function AgentRow({ a, now, socket, onResult, t }: { a: AgentBoardRow; now: number; socket: PageSocket; onResult: (ok: boolean, m: string) => void; t: T }) {
  const monitor = (mode: 'listen' | 'whisper' | 'barge') =>
    ask(socket, 'monitor:start', { agentId: a.id, mode }).then(() => onResult(true, `${t(mode)} ${a.name}`), (err: Error) => onResult(false, err.message))
  return (
    <tr data-agent={a.username}>
      <th scope="row">{a.name}</th>
      <td>{a.team ?? '–'}</td>
      <td><span class={`state state-${a.state}`} data-testid={`state-${a.username}`}>{t(a.state)}</span></td>
      <td class="num">{a.since ? duration((now - a.since) / 1000) : '–'}</td>
      <td>{a.customer ?? '–'}</td>
      <td><div class="row nowrap">
        {(['listen', 'whisper', 'barge'] as const).map((m) => (
          <button type="button" key={m} disabled={a.state !== 'on_call'} aria-label={`${t(m)} ${a.name}`} onClick={() => monitor(m)}>{t(m)}</button>
        ))}
      </div></td>
    </tr>
  )
}

function App({ user, token }: { user: User; token: string }) {
  const t = useT(dict)
  const socket = useMemo(() => connectSocket(token), [token])
  const [board, setBoard] = useState<Wallboard | null>(null)
  const [series, setSeries] = useState<DepthSeries | null>(null)
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null)
  const now = useNow(1000)
  const onResult = (ok: boolean, message: string) => setResult({ ok, message })

  useEffect(() => {
    socket.on('wallboard:update', setBoard)
    socket.on('wallboard:series', setSeries)
    socket.on('agent:presence', (p) => setBoard((b) => b && { ...b, agents: b.agents.map((a) => (a.id === p.agentId ? { ...a, state: p.state, since: p.since } : a)) }))
    socket.on('connect_error', (err) => onResult(false, err.message))
    return () => void socket.disconnect()
  }, [socket])

  return (
    <>
      <Header title={t('title')} user={user}>
        {board && <span>{t('updated', { time: new Date(board.at).toTimeString().slice(0, 8) })}</span>}
      </Header>
      <main id="main" class="grid">
        <Notice kind={result?.ok === false ? 'error' : 'info'} message={result?.message ?? (board ? null : t('connecting'))} />
        {board && (
          <>
            <section class="panel kpis" aria-label={t('inbound')}>
              <div class="kpi">{t('inbound')}<b>{percent(board.inbound.serviceLevel)}</b><small>{t('inboundDetail', { n: board.inbound.answeredInTarget, total: board.inbound.offered, s: board.inbound.targetSeconds })}</small></div>
              {board.teams.map((team) => (
                <div class="kpi" key={team.id}>{team.name}<b>{team.byState.available}/{Object.values(team.byState).reduce((s, n) => s + n, 0) - team.byState.offline}</b><small>{t('available')} · {t('depth')} {team.queueDepth}</small></div>
              ))}
            </section>
            <section class="panel" aria-labelledby="camp-h">
              <h2 id="camp-h">{t('campaigns')}</h2>
              <table>
                <thead><tr>
                  <th>{t('campaign')}</th><th>{t('status')}</th><th>{t('mode')}</th><th class="num">{t('depth')}</th><th class="num">{t('inFlight')}</th><th class="num">{t('dialRatio')}</th>
                  <th class="num">{t('answerRate')}<br /><small>{t('today')}</small></th><th class="num">{t('machineRate')}<br /><small>{t('today')}</small></th>
                  <th class="num">{t('abandonRate')}<br /><small>{t('today')}</small></th><th class="num">{t('abandonRate')}<br /><small>{t('days30')}</small></th><th class="num">{t('target')}</th>
                </tr></thead>
                <tbody>{board.campaigns.map((c) => <CampaignRows key={c.id} c={c} socket={socket} onResult={onResult} t={t} />)}</tbody>
              </table>
            </section>
            <div class="grid" style="grid-template-columns: 1.4fr 1fr">
              <section class="panel" aria-labelledby="agents-h">
                <h2 id="agents-h">{t('agents')}</h2>
                <table>
                  <thead><tr><th>{t('agent')}</th><th>{t('team')}</th><th>{t('state')}</th><th class="num">{t('timeInState')}</th><th>{t('customer')}</th><th><span class="skip">{t('listen')}</span></th></tr></thead>
                  <tbody>{board.agents.map((a) => <AgentRow key={a.id} a={a} now={now} socket={socket} onResult={onResult} t={t} />)}</tbody>
                </table>
              </section>
              <section class="panel" aria-labelledby="depth-h">
                <h2 id="depth-h">{t('depthChart')}</h2>
                <DepthChart series={series} t={t} />
              </section>
            </div>
          </>
        )}
      </main>
    </>
  )
}

const session = requireRole('supervisor')
if (session) render(<App user={session.user} token={session.token} />, document.getElementById('app')!)
