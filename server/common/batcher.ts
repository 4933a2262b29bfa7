// Group commit: callers submit one item each and wait for its result, while items that
// arrive together are written in one statement. A busy database commits (and fsyncs) once
// per batch instead of once per item; an idle one sees batches of one, with no added delay,
// unless the writer chose to linger (writes nobody is in a hurry for, such as logs).

export interface BatcherOptions<I, O> {
  /** Writes a batch; returns one result per item, in order. */
  run: (items: I[]) => Promise<O[]>
  /** @defaultValue 200 */
  maxBatch?: number
  /** Batches written at the same time (each holds a database connection). @defaultValue 2 */
  maxInFlight?: number
  /**
   * How long the first item of a batch waits for others to join it. Each statement costs a
   * round trip and a socket write on both sides whatever its size. @defaultValue 0
   */
  lingerMs?: number
}

interface Pending<I, O> {
  item: I
  resolve: (o: O) => void
  reject: (e: unknown) => void
}

export class Batcher<I, O> {
  private queue: Pending<I, O>[] = []
  private inFlight = 0

  constructor(private readonly opts: BatcherOptions<I, O>) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject })
      // Let the requests of this tick (or of the linger) join before writing.
      if (this.queue.length !== 1) return
      const linger = this.opts.lingerMs ?? 0
      if (linger > 0) setTimeout(() => this.pump(), linger)
      else setImmediate(() => this.pump())
    })
  }

  private pump() {
    while (this.queue.length && this.inFlight < (this.opts.maxInFlight ?? 2)) {
      const batch = this.queue.splice(0, this.opts.maxBatch ?? 200)
      this.inFlight++
      this.opts.run(batch.map((p) => p.item))
        .then((out) => batch.forEach((p, i) => p.resolve(out[i]!)), (err) => batch.forEach((p) => p.reject(err)))
        .finally(() => {
          this.inFlight--
          this.pump()
        })
    }
  }
}
