// A dialer on a hand-driven clock, for tests: send events, read the commands.
import { Dialer } from '../dialer.ts'
import { campaignConfig } from '../config.ts'
import type { CampaignConfig, DialMode, DialerCommand, DialerEvent, Entry, ForeseenCall } from '../types.ts'

export class Harness {
  dialer: Dialer
  now = 0

  constructor(mode: DialMode, config: Partial<CampaignConfig> = {}, private foresee?: (id: string, at: number) => ForeseenCall) {
    this.dialer = Dialer.create(campaignConfig({ mode, ...config }))
  }

  send(event: DialerEvent): DialerCommand[] {
    return this.dialer.handle(event, { now: this.now, foresee: this.foresee })
  }

  /** Moves the clock and sends a tick. */
  at(ms: number): DialerCommand[] {
    this.now = ms
    return this.send({ type: 'tick' })
  }

  login(...agentIds: string[]): DialerCommand[] {
    return agentIds.flatMap((agentId) => this.send({ type: 'agent_logged_in', agentId }))
  }

  entries(...ids: (string | Entry)[]): DialerCommand[] {
    return this.send({ type: 'entries_added', entries: ids.map((e) => (typeof e === 'string' ? { id: e } : e)) })
  }
}

export function ofType<T extends DialerCommand['type']>(commands: DialerCommand[], type: T): Extract<DialerCommand, { type: T }>[] {
  return commands.filter((c): c is Extract<DialerCommand, { type: T }> => c.type === type)
}

export const entryIds = (n: number, prefix = 'e'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`)
