// The per-row error report: { file, line, field, message } (contracts.md, `import --json`).
// Memory stays bounded however bad a file is: the first MAX_LISTED rejects are kept and the
// rest only counted, closing the list with one entry that says how many were left out.

export interface Reject {
  file: string
  /** Line in the file where the row starts; the header is line 1. */
  line: number
  field: string
  message: string
}

export const MAX_LISTED = 10_000

export class RejectList {
  private readonly items: Reject[] = []
  private unlisted = 0
  private firstUnlisted: Reject | undefined

  add(reject: Reject) {
    if (this.items.length < MAX_LISTED) this.items.push(reject)
    else {
      this.unlisted++
      this.firstUnlisted ??= reject
    }
  }

  /** Every reject of another list, listed or not. */
  addAll(other: RejectList) {
    for (const reject of other.items) this.add(reject)
    if (other.firstUnlisted) this.addUnlisted(other.unlisted, other.firstUnlisted)
  }

  /** Rejects that were counted elsewhere (in SQL) but not listed, e.g. past the cap. */
  addUnlisted(count: number, first: Reject) {
    if (count <= 0) return
    this.unlisted += count
    this.firstUnlisted ??= first
  }

  /** How many more entries may still be listed. */
  get room() {
    return MAX_LISTED - this.items.length
  }

  get count() {
    return this.items.length + this.unlisted
  }

  /** The report, ordered by file then line. */
  list(fileOrder: readonly string[] = []): Reject[] {
    const rank = (file: string) => {
      const i = fileOrder.indexOf(file)
      return i === -1 ? fileOrder.length : i
    }
    const sorted = [...this.items].sort((a, b) => rank(a.file) - rank(b.file) || a.line - b.line)
    if (this.unlisted && this.firstUnlisted) {
      sorted.push({ ...this.firstUnlisted, field: '*', message: `${this.unlisted} more rejected rows are not listed (first at this line)` })
    }
    return sorted
  }
}
