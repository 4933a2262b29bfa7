// `npm run cli -- queue export --campaign CODE|all [--format csv|json]`: every queue entry
// with its reasons, owner, status and why a blocked one is not dialed (contracts.md).
import { loadConfig } from '../config.ts'
import { createDb } from '../db/client.ts'
import { EXPORT_COLUMNS, exportQueue } from '../queues/export.ts'
import { parseFlags, stringFlag, UsageError, type Command } from './command.ts'
import { formatFlag, tableWriter } from './tabular.ts'

const command: Command = {
  name: 'queue',
  summary: 'queue export: msisdn, campaign, reasons (codes joined by |), priority, agent, status, blocked_by for every entry of a campaign (or all).',
  usage: 'npm run cli -- queue export --campaign CODE|all [--format csv|json]',
  async run(args) {
    const { flags, positional } = parseFlags(args)
    if (positional[0] !== 'export' || positional.length > 1) throw new UsageError('expected: queue export')
    const campaign = stringFlag(flags, 'campaign')
    if (!campaign) throw new UsageError('--campaign CODE|all is required')
    const out = tableWriter(formatFlag(flags), EXPORT_COLUMNS)
    const db = createDb(loadConfig().DATABASE_URL, 2)
    try {
      await out.begin()
      const count = await exportQueue(db, campaign, (rows) => out.rows(rows))
      await out.end()
      process.stderr.write(`${count} entries\n`)
      return 0
    } finally {
      await db.$disconnect()
    }
  },
}

export default command
