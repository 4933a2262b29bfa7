import { stringFlag, UsageError } from './command.ts'

/** --as-of YYYY-MM-DD, checked to be a real calendar date. */
export function asOfFlag(flags: Record<string, string | true>): string {
  const asOf = stringFlag(flags, 'as-of')
  if (!asOf) throw new UsageError('--as-of YYYY-MM-DD is required')
  const d = new Date(`${asOf}T00:00:00Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== asOf) {
    throw new UsageError(`--as-of must be a date YYYY-MM-DD, got ${asOf}`)
  }
  return asOf
}
