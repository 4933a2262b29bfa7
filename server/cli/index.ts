// Operator CLI: `npm run cli -- <command> [flags]`. Commands load lazily so that `sim`
// (pure dialer code) never opens a database connection.
import { UsageError, type Command } from './command.ts'

const commands: Record<string, () => Promise<{ default: Command }>> = {
  migrate: () => import('./migrate.ts'),
  import: () => import('./import.ts'),
  sim: () => import('../../dialer/sim/cli.ts'),
  allocate: () => import('./allocate.ts'),
  rules: () => import('./rules.ts'),
  queue: () => import('./queue.ts'),
  churn: () => import('./churn.ts'),
}

function help(): string {
  return [
    'usage: npm run cli -- <command> [flags]   (every command takes --help and --json)',
    '',
    'commands:',
    ...Object.keys(commands).map((name) => `  ${name}`),
  ].join('\n')
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === 'help') {
    process.stdout.write(help() + '\n')
    return name ? 0 : 2
  }
  const load = commands[name]
  if (!load) {
    process.stderr.write(`unknown command: ${name}\n${help()}\n`)
    return 2
  }
  const command = (await load()).default
  if (rest.includes('--help')) {
    process.stdout.write(`${command.usage}\n\n${command.summary}\n`)
    return 0
  }
  try {
    return await command.run(rest)
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n${command.usage}\n`)
      return 2
    }
    process.stderr.write(`${name} failed: ${err instanceof Error ? err.message : String(err)}\n`)
    return 1
  }
}

process.exitCode = await main(process.argv.slice(2))
