// The agent's softphone line: while available, the server keeps a leg open to the agent's
// own conference so customers are put through without ringing. That leg rings on the
// softphone first; answering it connects the line (the Voice SDK's incoming call with real
// Twilio, the emulator's client leg otherwise).
import { api } from '../common/api.ts'
import type { PageSocket } from '../common/socket.ts'
import { ask } from '../common/socket.ts'
import type { T } from './i18n.ts'
import type { Voice } from './voice.ts'

export interface Line { callSid: string; status: string }

export function SoftphoneLine({ line, available, socket, voice, onError, t }: { line: Line | null; available: boolean; socket: PageSocket; voice: Voice | null; onError: (m: string | null) => void; t: T }) {
  // A line that rang out unanswered is gone: the agent opens it again.
  if (!line) {
    return available ? (
      <span class="row" data-testid="softphone-line">
        <button type="button" onClick={() => api('POST', '/api/telephony/leg').then(() => onError(null), (err: Error) => onError(err.message))}>{t('lineOpen')}</button>
      </span>
    ) : null
  }
  const ringing = line.status === 'ringing' || line.status === 'initiated'
  const answer = async () => {
    onError(null)
    try {
      if (!voice?.accept()) await ask(socket, 'call:answer', { callSid: line.callSid })
    } catch (err) {
      onError((err as Error).message)
    }
  }
  return (
    <span class="row" data-testid="softphone-line">
      <span class={`state ${ringing ? 'state-wrap_up' : 'state-available'}`}>{ringing ? t('lineRinging') : t('lineUp')}</span>
      {ringing && <button type="button" class="primary" onClick={answer}>{t('answer')}</button>}
    </span>
  )
}
