// `/agent`: the softphone. State comes from the server over the socket (presence, screen
// pop, call status, call end); the page sends the agent's actions back as socket messages.
import { render } from 'preact'
import { useEffect, useMemo, useState } from 'preact/hooks'
import type { AgentState, ScreenPop } from '../../../server/realtime/events.ts'
import '../common/styles.css'
import { useT } from '../common/i18n.ts'
import { requireRole, type User } from '../common/session.ts'
import { ask, connectSocket, type PageSocket } from '../common/socket.ts'
import { duration, Header, Notice, useNow } from '../common/ui.tsx'
import { CallControls } from './CallControls.tsx'
import { CustomerPanel } from './CustomerPanel.tsx'
import { DispositionForm } from './DispositionForm.tsx'
import { dict } from './i18n.ts'
import { MyQueue } from './MyQueue.tsx'
import { ScriptPanel } from './ScriptPanel.tsx'
import { SoftphoneLine, type Line } from './SoftphoneLine.tsx'
import { StatusControl } from './StatusControl.tsx'
import { startVoice, type Voice } from './voice.ts'

function App({ user, token }: { user: User; token: string }) {
  const t = useT(dict)
  const socket: PageSocket = useMemo(() => connectSocket(token), [token])
  const [presence, setPresence] = useState<{ state: AgentState; since: number }>({ state: 'offline', since: Date.now() })
  const [pop, setPop] = useState<ScreenPop | null>(null)
  const [callStatus, setCallStatus] = useState('ringing')
  const [wrapEndsAt, setWrapEndsAt] = useState<number | null>(null)
  const [voice, setVoice] = useState<Voice | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [queueKey, setQueueKey] = useState(0)
  const [line, setLine] = useState<Line | null>(null)
  const now = useNow(500)

  useEffect(() => {
    socket.on('agent:presence', (p) => {
      if (p.agentId !== user.id) return
      setPresence({ state: p.state, since: p.since })
      if (p.state !== 'wrap_up') setWrapEndsAt(null)
    })
    socket.on('call:offered', (p) => {
      setPop(p)
      setCallStatus(p.ringing ? 'ringing' : 'in-progress')
      setNotice(null)
    })
    // Statuses of the customer's call update the call panel; any other call of this agent is
    // their softphone line.
    socket.on('call:status', (s) => setPop((cur) => {
      if (cur?.callSid === s.callSid) setCallStatus(s.status)
      else setLine(['completed', 'canceled', 'failed', 'busy', 'no-answer'].includes(s.status) ? null : { callSid: s.callSid, status: s.status })
      return cur
    }))
    socket.on('call:ended', (e) => {
      setCallStatus('completed')
      setWrapEndsAt(Date.now() + e.wrapSeconds * 1000)
      setQueueKey((k) => k + 1)
    })
    socket.on('connect_error', (err) => setError(err.message))
    socket.on('connect', () => setError(null))
    let stopped = false
    startVoice(() => setCallStatus('ringing')).then((v) => (stopped ? v?.destroy() : setVoice(v)))
    return () => {
      stopped = true
      socket.disconnect()
    }
  }, [socket])

  // The page ends its own wrap-up when the countdown runs out (the server does too).
  const wrapLeft = wrapEndsAt === null ? null : Math.max(0, Math.ceil((wrapEndsAt - now) / 1000))
  useEffect(() => {
    if (wrapLeft === 0 && presence.state === 'wrap_up') ask(socket, 'wrap:ready', {}).catch(() => {})
  }, [wrapLeft === 0])

  async function submitDisposition(payload: Parameters<Parameters<typeof DispositionForm>[0]['onSubmit']>[0]) {
    await ask(socket, 'disposition:submit', payload)
    setPop(null)
    setNotice(t('saved'))
    setQueueKey((k) => k + 1)
  }

  return (
    <>
      <Header title={t('title')} user={user}>
        <SoftphoneLine line={line} available={presence.state === 'available'} socket={socket} voice={voice} onError={setError} t={t} />
        <StatusControl presence={presence} now={now} t={t} onChange={(status) => ask(socket, 'status:set', { status }).then((p) => setPresence(p), (err: Error) => setError(err.message))} />
        {presence.state === 'wrap_up' && (
          <span class="row" role="timer" aria-live="off">
            {wrapLeft !== null && <span>{t('wrapLeft', { s: wrapLeft })}</span>}
            <button type="button" class="primary" onClick={() => ask(socket, 'wrap:ready', {}).catch((err: Error) => setError(err.message))}>{t('ready')}</button>
          </span>
        )}
      </Header>
      <main id="main">
        <Notice kind="error" message={error} />
        <Notice message={notice ?? (voice ? t('audio') : t('noAudio'))} />
        <div class="grid agent-grid">
          <div class="grid">
            {pop ? <CallControls pop={pop} status={callStatus} socket={socket} voice={voice} onError={setError} onAnswered={() => setCallStatus((s) => (s === 'completed' ? s : 'in-progress'))} t={t} /> : <section class="panel"><p>{t('noCall')}</p></section>}
            {pop?.customer && <CustomerPanel customer={pop.customer} t={t} />}
          </div>
          <div class="grid">
            {pop && <ScriptPanel steps={pop.script} callSid={pop.callSid} t={t} />}
            {pop && <DispositionForm pop={pop} onSubmit={submitDisposition} t={t} />}
          </div>
          <MyQueue socket={socket} idle={!pop && presence.state !== 'on_call'} refreshKey={queueKey} onError={setError} t={t} />
        </div>
      </main>
    </>
  )
}

const session = requireRole('agent')
if (session) render(<App user={session.user} token={session.token} />, document.getElementById('app')!)
