// Runs simulations on worker threads, one per core, so the benchmark takes half the time
// on the 2-core machines.
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { Scenario } from '../../../dialer/sim/scenario.ts'
import type { SimResult } from '../../../dialer/sim/simulate.ts'

/** A simulation's result and how long it took (wall clock, on its worker thread). */
export type TimedResult = SimResult & { seconds: number }

export interface SimJob {
  scenario: Scenario
  strategy: string
  seed: number
}

export class SimPool {
  private readonly workers: Worker[] = []
  private readonly idle: Worker[] = []
  private readonly queue: { job: SimJob; resolve: (r: TimedResult) => void }[] = []
  private readonly pending = new Map<number, (r: TimedResult) => void>()
  private nextId = 0

  constructor(size = availableParallelism()) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url))
      worker.on('message', ({ id, result }: { id: number; result: TimedResult }) => {
        this.pending.get(id)!(result)
        this.pending.delete(id)
        this.idle.push(worker)
        this.next()
      })
      worker.on('error', (err) => {
        throw err
      })
      this.workers.push(worker)
      this.idle.push(worker)
    }
  }

  run(job: SimJob): Promise<TimedResult> {
    return new Promise((resolve) => {
      this.queue.push({ job, resolve })
      this.next()
    })
  }

  /** Runs one job per seed. */
  seeds(scenario: Scenario, strategy: string, seeds: readonly number[]): Promise<TimedResult[]> {
    return Promise.all(seeds.map((seed) => this.run({ scenario, strategy, seed })))
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()))
  }

  private next(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!
      const { job, resolve } = this.queue.shift()!
      const id = this.nextId++
      this.pending.set(id, resolve)
      worker.postMessage({ id, ...job })
    }
  }
}
