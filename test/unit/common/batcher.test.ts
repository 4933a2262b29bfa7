import { afterEach, describe, expect, it, vi } from 'vitest'
import { Batcher } from '../../../server/common/batcher.ts'

/** A writer that records each batch and answers each item with its double. */
function recorder(opts: { lingerMs?: number; maxBatch?: number } = {}) {
  const batches: number[][] = []
  const batcher = new Batcher<number, number>({ ...opts, run: async (items) => (batches.push(items), items.map((i) => i * 2)) })
  return { batches, batcher }
}

describe('Batcher (group commit)', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('writes the items of one tick in one batch and answers each caller with its own result', async () => {
    const { batches, batcher } = recorder()
    expect(await Promise.all([1, 2, 3].map((i) => batcher.submit(i)))).toEqual([2, 4, 6])
    expect(batches).toEqual([[1, 2, 3]])
  })

  it('without a linger, an item of a later tick goes in a batch of its own', async () => {
    const { batches, batcher } = recorder()
    const first = batcher.submit(1)
    await first
    await batcher.submit(2)
    expect(batches).toEqual([[1], [2]])
  })

  it('with a linger, items submitted within it share one batch and the next one starts another', async () => {
    vi.useFakeTimers()
    const { batches, batcher } = recorder({ lingerMs: 25 })
    const early = [batcher.submit(1)]
    await vi.advanceTimersByTimeAsync(10)
    early.push(batcher.submit(2))
    await vi.advanceTimersByTimeAsync(10)
    early.push(batcher.submit(3))
    expect(batches).toEqual([])
    await vi.advanceTimersByTimeAsync(5)
    expect(await Promise.all(early)).toEqual([2, 4, 6])
    const late = batcher.submit(4)
    await vi.advanceTimersByTimeAsync(25)
    expect(await late).toBe(8)
    expect(batches).toEqual([[1, 2, 3], [4]])
  })

  it('splits a long queue at maxBatch and fails only the callers of the batch that failed', async () => {
    let calls = 0
    const batcher = new Batcher<number, number>({
      maxBatch: 2,
      run: async (items) => {
        if (calls++ === 0) throw new Error('database gone')
        return items
      },
    })
    const results = await Promise.allSettled([1, 2, 3].map((i) => batcher.submit(i)))
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled'])
  })
})
