// Answer, hang up, hold, mute, transfer to the account manager, schedule a callback. Each
// goes to the server (which drives Twilio or the emulator); mute also acts on the browser leg.
import { useState } from 'preact/hooks'
import type { ScreenPop } from '../../../server/realtime/events.ts'
import { ask, type PageSocket } from '../common/socket.ts'
import type { T } from './i18n.ts'
import type { Voice } from './voice.ts'

const CALL_STATES = ['ringing', 'in-progress', 'completed', 'queued', 'initiated']

export function CallControls({ pop, status, socket, voice, onError, onAnswered, t }: {
  pop: ScreenPop; status: string; socket: PageSocket; voice: Voice | null; onError: (m: string | null) => void; onAnswered: () => void; t: T
}) {
  const [held, setHeld] = useState(false)
  const [muted, setMuted] = useState(false)
  const [callbackAt, setCallbackAt] = useState('')
  const live = status !== 'completed'
  const run = async (action: () => Promise<unknown>) => {
    onError(null)
    try {
      await action()
    } catch (err) {
      onError((err as Error).message)
    }
  }
  const callSid = pop.callSid
  return (
    <div class="panel" role="group" aria-labelledby="call-h">
      <h2 id="call-h">{t('call')}: {t(pop.direction)} · <span data-testid="call-status">{CALL_STATES.includes(status) ? t(status as 'ringing') : status}</span></h2>
      <div class="row">
        <button type="button" class="primary" disabled={status !== 'ringing'} onClick={() => run(async () => {
          voice?.accept()
          await ask(socket, 'call:answer', { callSid })
          // An inbound leg already in the agent's room reports no new status: answering connects it.
          onAnswered()
        })}>{t('answer')}</button>
        <button type="button" class="danger" disabled={!live} onClick={() => run(() => ask(socket, 'call:hangup', { callSid }))}>{t('hangup')}</button>
        <button type="button" aria-pressed={held} disabled={!live} onClick={() => run(async () => {
          await ask(socket, 'call:hold', { callSid, on: !held })
          setHeld(!held)
        })}>{t('hold')}</button>
        <button type="button" aria-pressed={muted} disabled={!live} onClick={() => run(async () => {
          if (!voice?.mute(!muted)) await ask(socket, 'call:mute', { callSid, on: !muted })
          setMuted(!muted)
        })}>{t('mute')}</button>
        <button type="button" disabled={!live} onClick={() => run(() => ask(socket, 'call:transfer', { callSid }))}>{t('transfer')}</button>
      </div>
      {pop.queueEntryId !== null && (
        <div class="row" style="margin-top: 8px">
          <label for="cb-at" style="margin: 0">{t('callbackAt')}</label>
          <input id="cb-at" type="datetime-local" value={callbackAt} onInput={(e) => setCallbackAt(e.currentTarget.value)} />
          <button type="button" disabled={!callbackAt} onClick={() => run(() => ask(socket, 'callback:schedule', { queueEntryId: pop.queueEntryId!, at: new Date(callbackAt).toISOString() }))}>{t('callback')}</button>
        </div>
      )}
    </div>
  )
}
