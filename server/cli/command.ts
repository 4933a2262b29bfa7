/**
 * One operator command (`npm run cli -- <name> ...`). Exit codes follow contracts.md:
 * 0 ok, 1 failed, 2 bad usage. `--json` output goes to stdout; progress and logs to stderr.
 */
export interface Command {
  name: string
  summary: string
  usage: string
  run(args: string[]): Promise<number>
}

export class UsageError extends Error {}

/** Parses `--flag value`, `--flag=value` and boolean `--flag`; positional words are kept in order. */
export function parseFlags(args: string[], booleans: readonly string[] = ['json', 'help']) {
  const flags: Record<string, string | true> = {}
  const positional: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (!arg.startsWith('--')) { positional.push(arg); continue }
    const [key, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined]
    if (inline !== undefined) flags[key] = inline
    else if (booleans.includes(key)) flags[key] = true
    else {
      const value = args[i + 1]
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${key} needs a value`)
      flags[key] = value
      i++
    }
  }
  return { flags, positional }
}

export function stringFlag(flags: Record<string, string | true>, name: string): string | undefined {
  const v = flags[name]
  if (v === true) throw new UsageError(`--${name} needs a value`)
  return v
}
