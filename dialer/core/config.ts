import type { CampaignConfig, DialMode } from './types.ts'

export function campaignConfig(overrides: Partial<CampaignConfig> & Pick<CampaignConfig, 'mode'>): CampaignConfig {
  return {
    abandonTarget: 0.03,
    connectMs: 2000,
    callbackDelayMs: 60_000,
    leaveVoicemail: false,
    maxLinesPerAgent: 8,
    inboundAnswerMs: 15_000,
    inboundRisk: 0.05,
    history: { humanAnswers: 0, abandoned: 0 },
    ...overrides,
  }
}

/** Parses the strategy names of contracts.md section 4: `preview`, `progressive`,
 *  `ratio:X` (X ≥ 1), `predictive`, `oracle`. Returns undefined for anything else. */
export function parseDialMode(name: string): DialMode | undefined {
  if (name === 'preview' || name === 'progressive' || name === 'predictive' || name === 'oracle') return { kind: name }
  const ratio = /^ratio:(\d+(?:\.\d+)?)$/.exec(name)
  if (ratio && Number(ratio[1]) >= 1) return { kind: 'ratio', ratio: Number(ratio[1]) }
  return undefined
}

export function dialModeName(mode: DialMode): string {
  return mode.kind === 'ratio' ? `ratio:${mode.ratio}` : mode.kind
}
