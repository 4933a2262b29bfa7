// The people and machines at the far end of emulated calls. Each number either has a
// scripted behaviour (tests pin outcomes per number) or draws one from a seeded random
// model, so a run with the same seed and the same call order plays out the same way.

export type Outcome = 'human' | 'machine' | 'busy' | 'no-answer' | 'failed'

export interface Behaviour {
  outcome: Outcome
  /** From ringing to answer (or to the busy signal). */
  ringMs: number
  /** From answer until the far end hangs up (a machine: greeting plus beep and silence). */
  talkMs: number
  /** How long answering-machine detection listens before it reports. */
  amdMs: number
  /** Keys pressed when a <Gather> listens (e.g. '0' to ask for the pool). */
  digits?: string
}

export interface ModelSettings {
  seed: number
  answerRate: number
  machineRate: number
  busyRate: number
  ringMs: { mean: number; sd: number }
  talkMs: { mean: number; sd: number }
  amdMs: number
}

export const DEFAULT_MODEL: ModelSettings = {
  seed: 1,
  answerRate: 0.3,
  machineRate: 0.15,
  busyRate: 0.05,
  ringMs: { mean: 8000, sd: 4000 },
  talkMs: { mean: 120_000, sd: 60_000 },
  amdMs: 2500,
}

/** mulberry32: small, fast, good enough to make runs repeatable. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class BehaviourModel {
  private settings: ModelSettings = DEFAULT_MODEL
  private random = rng(DEFAULT_MODEL.seed)
  private readonly scripted = new Map<string, Behaviour>()

  configure(settings: Partial<ModelSettings>) {
    this.settings = { ...this.settings, ...settings }
    this.random = rng(this.settings.seed)
  }

  get current(): ModelSettings {
    return this.settings
  }

  /** Pins what happens whenever `number` is called (until cleared). */
  script(number: string, behaviour: Behaviour | null) {
    if (behaviour) this.scripted.set(number, behaviour)
    else this.scripted.delete(number)
  }

  clearScripts() {
    this.scripted.clear()
  }

  next(number: string): Behaviour {
    const pinned = this.scripted.get(number)
    if (pinned) return pinned
    const s = this.settings
    const roll = this.random()
    const outcome: Outcome =
      roll < s.answerRate ? 'human'
      : roll < s.answerRate + s.machineRate ? 'machine'
      : roll < s.answerRate + s.machineRate + s.busyRate ? 'busy'
      : 'no-answer'
    return {
      outcome,
      ringMs: Math.max(500, this.normal(s.ringMs.mean, s.ringMs.sd)),
      talkMs: Math.max(1000, this.normal(s.talkMs.mean, s.talkMs.sd)),
      amdMs: s.amdMs,
    }
  }

  private normal(mean: number, sd: number): number {
    // Box–Muller from two uniform draws.
    const u = 1 - this.random()
    const v = this.random()
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }
}
