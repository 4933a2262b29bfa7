// `npm run bench dialer`: every scenario in dialer/sim/scenarios × seeds, for progressive,
// the best fixed ratio in hindsight, predictive and the oracle. Writes
// test/bench/results/dialer.json and docs/pacing.svg; returns the table for the README.
// Done when, on every scenario and seed, predictive keeps abandons within the target and its
// mean occupancy is at least the hindsight ratio's (issue 5).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseScenario, type Scenario } from '../../../dialer/sim/scenario.ts'
import { markdownTable, writeResults } from '../results.ts'
import { pacingChart } from '../dialer/pacing-chart.ts'
import { bestFixedRatio } from '../dialer/ratio-search.ts'
import { summarize, type Runs } from '../dialer/runs.ts'
import { SimPool } from '../dialer/sim-pool.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..')
const SEEDS = [1, 2, 3]

interface ScenarioRuns {
  name: string
  scenario: Scenario
  progressive: Runs
  bestRatio: Runs & { ratio: number }
  predictive: Runs
  oracle: Runs
  predictiveWithinTarget: boolean
  predictiveBeatsRatio: boolean
}

async function measure(pool: SimPool, name: string, scenario: Scenario): Promise<ScenarioRuns> {
  const [progressive, predictive, oracle, bestRatio] = await Promise.all([
    pool.seeds(scenario, 'progressive', SEEDS).then(summarize),
    pool.seeds(scenario, 'predictive', SEEDS).then(summarize),
    pool.seeds(scenario, 'oracle', SEEDS).then(summarize),
    bestFixedRatio(pool, scenario, SEEDS),
  ])
  return {
    name, scenario, progressive, bestRatio, predictive, oracle,
    predictiveWithinTarget: predictive.maxAbandonRate <= scenario.abandonTarget,
    predictiveBeatsRatio: predictive.occupancy >= bestRatio.occupancy,
  }
}

function rows(s: ScenarioRuns): Record<string, string>[] {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`
  return [s.progressive, s.bestRatio, s.predictive, s.oracle].map((runs) => ({
    scenario: s.name,
    strategy: runs === s.bestRatio ? `best fixed ratio (${s.bestRatio.ratio})` : runs.strategy,
    occupancy: pct(runs.occupancy),
    'abandon rate (worst seed)': pct(runs.maxAbandonRate),
    'talk min / agent-hour': runs.talkMinutesPerAgentHour.toFixed(1),
    'meets issue 5': runs === s.predictive ? (s.predictiveWithinTarget && s.predictiveBeatsRatio ? 'yes' : 'NO') : '',
  }))
}

export default {
  async run(): Promise<string> {
    const dir = join(root, 'dialer/sim/scenarios')
    const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    const pool = new SimPool()
    const started = Date.now()
    const results = await Promise.all(
      files.map((f) => measure(pool, basename(f, '.json'), parseScenario(JSON.parse(readFileSync(join(dir, f), 'utf8'))))),
    )
    await pool.close()
    const seconds = (Date.now() - started) / 1000
    const ok = results.every((r) => r.predictiveWithinTarget && r.predictiveBeatsRatio)
    const largest = results.reduce((a, b) => (b.scenario.agents * b.scenario.hours > a.scenario.agents * a.scenario.hours ? b : a))
    const load = loadavg()[0]!.toFixed(1)
    writeResults('dialer', { seeds: SEEDS, seconds, load, ok, scenarios: results })
    mkdirSync(join(root, 'docs'), { recursive: true })
    const chart = pacingChart(
      'Agent occupancy by pacing strategy (abandons within 3 % of live answers)',
      ['progressive', 'best fixed ratio in hindsight', 'predictive', 'oracle (bound)'],
      results.map((r) => ({ label: r.name, values: [r.progressive, r.bestRatio, r.predictive, r.oracle].map((x) => x.occupancy) })),
    )
    writeFileSync(join(root, 'docs/pacing.svg'), chart)
    return [
      markdownTable(results.flatMap(rows)),
      '',
      `Seeds ${SEEDS.join(', ')}; occupancy is the mean over seeds. ${ok ? 'Predictive meets issue 5 on every scenario and seed.' : 'Predictive MISSES issue 5 somewhere (see the last column).'}`,
      `Suite ${seconds.toFixed(0)} s; slowest predictive run (${largest.name}, ${largest.scenario.agents} agents × ${largest.scenario.hours} h) ${largest.predictive.slowestSeconds.toFixed(1)} s; load average ${load}.`,
    ].join('\n')
  },
}
