// What the pacing node keeps beside the dialer's own state, persisted with it: the Twilio
// CallSid of each dialer call, what it needs to dial each entry, and what the dialer was
// told about its agents. `runId` tells this dialer's calls from an earlier one's.
import { randomUUID } from 'node:crypto'
import { emptyFeed, type AgentFeedState } from './presence-feed.ts'

export interface Book {
  runId: string
  calls: Record<string, { entryId: number; callSid?: string }>
  entries: Record<string, { customerId: number; dialNumber: string; claimedAt: number }>
  agents: AgentFeedState
}

export const newBook = (): Book => ({ runId: randomUUID().slice(0, 8), calls: {}, entries: {}, agents: emptyFeed() })

const DAY = 24 * 3600 * 1000

/** Forgets entries claimed more than a day ago (their calls ended long since). */
export function pruneBook(book: Book, now: number) {
  const live = new Set(Object.values(book.calls).map((c) => String(c.entryId)))
  for (const [id, e] of Object.entries(book.entries)) if (now - e.claimedAt > DAY && !live.has(id)) delete book.entries[id]
}
