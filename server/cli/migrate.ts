// `npm run cli -- migrate [--json]` (also `npm run db:migrate`): applies pending migrations.
import { loadConfig } from '../config.ts'
import { migrate } from '../db/migrate.ts'
import { parseFlags, type Command } from './command.ts'

const command: Command = {
  name: 'migrate',
  summary: 'Applies pending migrations (prisma/migrations) to DATABASE_URL and records them like Prisma Migrate does.',
  usage: 'npm run cli -- migrate [--json]',
  async run(args) {
    const { flags } = parseFlags(args)
    const config = loadConfig()
    const result = await migrate(config.DATABASE_URL, (line) => process.stderr.write(`${line}\n`))
    process.stdout.write(flags.json
      ? `${JSON.stringify(result)}\n`
      : `${result.applied.length} migration(s) applied, ${result.alreadyApplied} already in place\n`)
    return 0
  },
}

export default command
