// Audio with real Twilio: the Voice JS SDK, loaded only when the server issues a token
// (TELEPHONY=twilio). Under the emulator there is no token and the page shows call states
// from the server alone.
import { api } from '../common/api.ts'

export interface Voice {
  /** Accepts the ringing browser leg, if any. */
  accept(): boolean
  mute(on: boolean): boolean
  destroy(): void
}

export async function startVoice(onIncoming: () => void): Promise<Voice | null> {
  let token: string | null
  try {
    token = (await api<{ token: string | null }>('GET', '/api/telephony/token')).token
  } catch {
    return null
  }
  if (!token) return null // the emulator: call states only, no audio
  const { Device } = await import('@twilio/voice-sdk')
  const device = new Device(token, { closeProtection: true })
  type VoiceCall = { accept(): void; mute(on: boolean): void; on(e: string, f: () => void): void }
  let current: VoiceCall | null = null
  device.on('incoming', (call: VoiceCall) => {
    current = call
    call.on('disconnect', () => (current = null))
    onIncoming()
  })
  device.on('tokenWillExpire', async () => {
    const fresh = (await api<{ token: string | null }>('GET', '/api/telephony/token')).token
    if (fresh) device.updateToken(fresh)
  })
  await device.register()
  return {
    accept: () => (current ? (current.accept(), true) : false),
    mute: (on) => (current ? (current.mute(on), true) : false),
    destroy: () => device.destroy(),
  }
}
