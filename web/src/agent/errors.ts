// Server errors carry an English message and, where a page should word it itself, a stable
// `reason`; the agent page shows its own words for the reasons it knows.
import { ApiError } from '../common/api.ts'
import type { T } from './i18n.ts'

const REASONS = {
  NOT_DIALABLE_NOW: 'notDialableNow',
  CAMPAIGN_NOT_RUNNING: 'campaignNotRunning',
  LINE_NOT_CONNECTED: 'lineNotConnected',
  AGENT_NOT_AVAILABLE: 'agentNotAvailable',
} as const

export function errorText(err: Error, t: T): string {
  const key = err instanceof ApiError && err.reason ? REASONS[err.reason as keyof typeof REASONS] : undefined
  return key ? t(key) : err.message
}
