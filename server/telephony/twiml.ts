// The TwiML this server answers with, built by the twilio package's VoiceResponse. The same
// few documents answer most webhooks (an agent's room, the hold, the prompt), and building
// one with VoiceResponse costs more than the rest of a decision, so each is built once.
import twilio from 'twilio'

const built = new Map<string, string>()

/** `build`, remembered by its arguments (a bounded cache: agents x roles x pools). */
export function memoTwiml<A extends unknown[]>(name: string, build: (...args: A) => string): (...args: A) => string {
  return (...args) => {
    const key = name + JSON.stringify(args)
    let xml = built.get(key)
    if (xml === undefined) {
      if (built.size >= 10_000) built.clear()
      xml = build(...args)
      built.set(key, xml)
    }
    return xml
  }
}

/** Each agent sits in a conference of their own; a customer put through joins it. */
export const agentRoom = (username: string) => `agent-${username}`

const ZH = { language: 'zh-CN' } as const

/** Holds an answered call while the dialer decides (bridge, abandon or drop arrive by REST update). */
export const holdTwiml = memoTwiml('hold', (maxSeconds: number = 60): string => {
  const r = new twilio.twiml.VoiceResponse()
  r.pause({ length: maxSeconds })
  r.hangup()
  return r.toString()
})

/** Puts the caller into the agent's conference: instant when the agent's leg is already there. */
export const conferenceTwiml = memoTwiml('conference', (username: string, opts: { action?: string } = {}): string => {
  const r = new twilio.twiml.VoiceResponse()
  const dial = r.dial(opts.action ? { action: opts.action } : {})
  dial.conference({ startConferenceOnEnter: true, endConferenceOnExit: false, beep: 'false', waitUrl: '' }, agentRoom(username))
  return r.toString()
})

/** Rings the agent's softphone for at most `timeoutSec`; the action decides what follows. */
export const ringClientTwiml = memoTwiml('ring', (username: string, timeoutSec: number, action: string): string => {
  const r = new twilio.twiml.VoiceResponse()
  r.dial({ timeout: timeoutSec, action }).client(username)
  return r.toString()
})

/** A spoken message, then hang up (abandon message, voicemail, goodbye). */
export const sayAndHangup = memoTwiml('say', (text: string | null | undefined): string => {
  const r = new twilio.twiml.VoiceResponse()
  if (text) r.say(ZH, text)
  r.hangup()
  return r.toString()
})

export function transferTwiml(to: string, callerId: string): string {
  const r = new twilio.twiml.VoiceResponse()
  const dial = r.dial({ callerId })
  if (to.startsWith('client:')) dial.client(to.slice('client:'.length))
  else dial.number(to)
  return r.toString()
}
