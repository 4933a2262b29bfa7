// `npm run cli -- sim`: the simulator from the operator CLI (contracts.md sections 1 and 4).
// The only file in dialer/ that touches I/O: it reads the scenario and prints the result.
import { readFile } from 'node:fs/promises'
import { parseFlags, stringFlag, UsageError, type Command } from '../../server/cli/command.ts'
import { parseDialMode } from '../core/config.ts'
import { parseScenario } from './scenario.ts'
import { simulate, type SimResult } from './simulate.ts'

const FLAGS = ['scenario', 'strategy', 'seed', 'json', 'help']

const sim: Command = {
  name: 'sim',
  summary: [
    'Runs the dialer core in the discrete-event simulator on a scenario file (contracts.md section 4).',
    'Strategies: progressive, ratio:X (X lines per free agent, X >= 1), predictive (default), oracle.',
    '--seed overrides the scenario seed. Exit 0 ok, 1 failed (unreadable or invalid scenario), 2 bad usage.',
  ].join('\n'),
  usage: 'sim --scenario FILE [--strategy NAME] [--seed N] --json',

  async run(args) {
    const { flags, positional } = parseFlags(args)
    const unknown = [...positional, ...Object.keys(flags).filter((f) => !FLAGS.includes(f)).map((f) => `--${f}`)]
    if (unknown.length) throw new UsageError(`unknown argument: ${unknown[0]}`)
    const file = stringFlag(flags, 'scenario')
    if (!file) throw new UsageError('--scenario FILE is required')
    const strategy = stringFlag(flags, 'strategy') ?? 'predictive'
    const mode = parseDialMode(strategy)
    if (!mode || mode.kind === 'preview') throw new UsageError(`--strategy ${strategy}: use progressive, ratio:X (X >= 1), predictive or oracle`)
    const seedText = stringFlag(flags, 'seed')
    if (seedText !== undefined && !/^-?\d+$/.test(seedText)) throw new UsageError(`--seed ${seedText}: must be an integer`)

    const scenario = parseScenario(parseJson(file, await readFile(file, 'utf8')))
    const result = simulate(scenario, mode, seedText === undefined ? scenario.seed : Number(seedText))
    process.stdout.write(flags.json ? JSON.stringify(result) + '\n' : describe(result))
    return 0
  },
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new Error(`${file} is not JSON: ${(err as Error).message}`)
  }
}

function describe(r: SimResult): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`
  return [
    `${r.strategy}: ${r.agents} agents, ${r.hours} h`,
    `  placed ${r.placed}, live answers ${r.humanAnswers}, machines ${r.machineAnswers}, abandoned ${r.abandoned} (${pct(r.abandonRate)})`,
    `  occupancy ${pct(r.occupancy)}, talk ${r.talkMinutesPerAgentHour.toFixed(1)} min per agent-hour, agents wait ${r.meanWaitSeconds.toFixed(1)} s per call`,
    '',
  ].join('\n')
}

export default sim
