// `npm run cli -- rules run --as-of D [--json]`: evaluates every enabled warning rule as of D
// and rebuilds the queues (server/rules/run.ts), with a progress bar on stderr.
import cliProgress from 'cli-progress'
import { loadConfig } from '../config.ts'
import { createDb } from '../db/client.ts'
import { runRules } from '../rules/run.ts'
import { asOfFlag } from './as-of.ts'
import { parseFlags, UsageError, type Command } from './command.ts'

const command: Command = {
  name: 'rules',
  summary: 'rules run: evaluates the enabled warning rules as of DATE and rebuilds the call queues; --json prints { asOf, rules: { CODE: count }, entries, ms }.',
  usage: 'npm run cli -- rules run --as-of YYYY-MM-DD [--json]',
  async run(args) {
    const { flags, positional } = parseFlags(args)
    if (positional[0] !== 'run' || positional.length > 1) throw new UsageError('expected: rules run')
    const asOf = asOfFlag(flags)
    const config = loadConfig()
    const db = createDb(config.DATABASE_URL, 2)
    const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'rules {stage} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic)
    bar.start(1, 0, { stage: '' })
    try {
      const result = await runRules(db, {
        asOf, centreTimeZone: config.TZ,
        onProgress: (p) => { bar.setTotal(p.total); bar.update(p.done, { stage: p.stage }) },
      })
      bar.stop()
      const { rules, entries, ms } = result
      if (flags.json) process.stdout.write(`${JSON.stringify({ asOf, rules, entries, ms })}\n`)
      else {
        process.stdout.write(`rules as of ${asOf}: ${entries} queue entries (${result.retired} retired) in ${ms} ms\n`)
        for (const [code, n] of Object.entries(rules)) process.stdout.write(`  ${code.padEnd(18)} ${n}\n`)
      }
      return 0
    } finally {
      bar.stop()
      await db.$disconnect()
    }
  },
}

export default command
