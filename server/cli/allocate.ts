// `npm run cli -- allocate [--as-of DATE] [--json]`: the second allocation (server/allocation).
import { IsDate } from 'typebox/format'
import { allocate } from '../allocation/allocate.ts'
import { loadConfig } from '../config.ts'
import { createDb } from '../db/client.ts'
import { parseFlags, stringFlag, UsageError, type Command } from './command.ts'
import { localDate } from '../queues/compliance.ts'

const command: Command = {
  name: 'allocate',
  summary: 'Assigns target customers without a service manager to the active service managers of their city, balancing every ARPU band (average bill over M1–M3 as of DATE) to within one customer per manager.',
  usage: 'npm run cli -- allocate [--as-of YYYY-MM-DD] [--json]',
  async run(args) {
    const { flags } = parseFlags(args)
    const config = loadConfig()
    const asOf = stringFlag(flags, 'as-of') ?? localDate(new Date(), config.TZ)
    if (!IsDate(asOf)) throw new UsageError(`--as-of must be a date YYYY-MM-DD, got ${asOf}`)
    const db = createDb(config.DATABASE_URL, 2)
    try {
      const result = await allocate(db, asOf)
      if (result.unassigned) process.stderr.write(`${result.unassigned} target customers stay unassigned: their city has no active service manager\n`)
      if (flags.json) process.stdout.write(`${JSON.stringify({ assigned: result.assigned, managers: result.managers })}\n`)
      else {
        process.stdout.write(`assigned ${result.assigned} customers as of ${asOf}\n`)
        for (const [username, bands] of Object.entries(result.managers)) {
          process.stdout.write(`  ${username.padEnd(14)} ${Object.entries(bands).map(([b, n]) => `${b}: ${n}`).join('  ')}\n`)
        }
      }
      return 0
    } finally {
      await db.$disconnect()
    }
  },
}

export default command
