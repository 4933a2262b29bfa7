// The simulator's agenda: a binary min-heap on (time, insertion order), so that events at
// the same time come out in the order they were scheduled.

interface Item<T> {
  at: number
  seq: number
  value: T
}

export class EventQueue<T> {
  private heap: Item<T>[] = []
  private seq = 0

  get size(): number {
    return this.heap.length
  }

  push(at: number, value: T): void {
    const heap = this.heap
    let i = heap.length
    const item = { at, seq: this.seq++, value }
    heap.push(item)
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(item, heap[parent]!)) break
      heap[i] = heap[parent]!
      i = parent
    }
    heap[i] = item
  }

  /** Removes and returns the earliest item; undefined when empty. */
  pop(): { at: number; value: T } | undefined {
    const heap = this.heap
    const top = heap[0]
    const last = heap.pop()
    if (!top || !last || heap.length === 0) return top
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      if (left >= heap.length) break
      const right = left + 1
      const child = right < heap.length && before(heap[right]!, heap[left]!) ? right : left
      if (!before(heap[child]!, last)) break
      heap[i] = heap[child]!
      i = child
    }
    heap[i] = last
    return top
  }
}

function before<T>(a: Item<T>, b: Item<T>): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq)
}
