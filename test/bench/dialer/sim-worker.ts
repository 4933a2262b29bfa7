// One simulation per message, for SimPool.
import { parentPort } from 'node:worker_threads'
import { parseDialMode } from '../../../dialer/core/config.ts'
import { simulate } from '../../../dialer/sim/simulate.ts'
import type { SimJob } from './sim-pool.ts'

parentPort!.on('message', ({ id, scenario, strategy, seed }: SimJob & { id: number }) => {
  const started = performance.now()
  const result = simulate(scenario, parseDialMode(strategy)!, seed)
  parentPort!.postMessage({ id, result: { ...result, seconds: (performance.now() - started) / 1000 } })
})
