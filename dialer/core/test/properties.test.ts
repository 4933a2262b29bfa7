// Property tests: whatever agents, customers and inbound callers do, the dialer never
// bridges one call to two agents, never gives a call to an agent who is not free, never
// dials outside an entry's window or abandons a customer twice, and a dialer restored from a
// snapshot goes on exactly like the one it was taken from.
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { Dialer } from '../dialer.ts'
import { campaignConfig, parseDialMode } from '../config.ts'
import type { DialerCommand } from '../types.ts'
import { World } from './world.ts'

const MODES = ['preview', 'progressive', 'ratio:1.5', 'ratio:4', 'predictive']

const step = fc.record({
  /** Which of the possible events happens next. */
  pick: fc.nat(),
  /** Milliseconds before it happens. */
  wait: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3000 })),
  restart: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < 0.03),
})

describe('dialer properties', () => {
  it('keeps its promises under any sequence of events, restarts included', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MODES), fc.array(step, { minLength: 1, maxLength: 300 }), (mode, steps) => {
        const world = new World()
        const config = campaignConfig({ mode: parseDialMode(mode)!, callbackDelayMs: 5000 })
        let dialer = Dialer.create(config)
        // A twin that is never restarted: the restored dialer must say exactly what it says.
        const twin = Dialer.create(config)
        for (const { pick, wait, restart } of steps) {
          world.now += wait
          if (restart) {
            twin.snapshot()
            dialer = Dialer.restore(JSON.parse(JSON.stringify(dialer.snapshot())))
          }
          const possible = world.possible()
          const event = possible[pick % possible.length]!()
          const commands: DialerCommand[] = dialer.handle(event, { now: world.now })
          const twinCommands = twin.handle(event, { now: world.now })
          if (JSON.stringify(commands) !== JSON.stringify(twinCommands)) throw new Error(`restored dialer diverged on ${JSON.stringify(event)}`)
          for (const command of commands) world.obey(command)
        }
      }),
      // FC_RUNS=3000 searches harder (a few minutes); the default keeps `npm test` quick.
      { numRuns: Number(process.env.FC_RUNS ?? 150) },
    )
  }, 120_000)
})
