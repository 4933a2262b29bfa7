// The TwiML this server answers with, built by the twilio package's VoiceResponse.
import twilio from 'twilio'

/** Each agent sits in a conference of their own; a customer put through joins it. */
export const agentRoom = (username: string) => `agent-${username}`

const ZH = { language: 'zh-CN' } as const

/** Holds an answered call while the dialer decides (bridge, abandon or drop arrive by REST update). */
export function holdTwiml(maxSeconds = 60): string {
  const r = new twilio.twiml.VoiceResponse()
  r.pause({ length: maxSeconds })
  r.hangup()
  return r.toString()
}

/** Puts the caller into the agent's conference: instant when the agent's leg is already there. */
export function conferenceTwiml(username: string, opts: { action?: string } = {}): string {
  const r = new twilio.twiml.VoiceResponse()
  const dial = r.dial(opts.action ? { action: opts.action } : {})
  dial.conference({ startConferenceOnEnter: true, endConferenceOnExit: false, beep: 'false', waitUrl: '' }, agentRoom(username))
  return r.toString()
}

/** Rings the agent's softphone for at most `timeoutSec`; the action decides what follows. */
export function ringClientTwiml(username: string, timeoutSec: number, action: string): string {
  const r = new twilio.twiml.VoiceResponse()
  r.dial({ timeout: timeoutSec, action }).client(username)
  return r.toString()
}

/** A spoken message, then hang up (abandon message, voicemail, goodbye). */
export function sayAndHangup(text: string | null | undefined): string {
  const r = new twilio.twiml.VoiceResponse()
  if (text) r.say(ZH, text)
  r.hangup()
  return r.toString()
}

export function transferTwiml(to: string, callerId: string): string {
  const r = new twilio.twiml.VoiceResponse()
  const dial = r.dial({ callerId })
  if (to.startsWith('client:')) dial.client(to.slice('client:'.length))
  else dial.number(to)
  return r.toString()
}
