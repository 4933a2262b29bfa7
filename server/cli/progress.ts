// Progress on stderr for long CLI jobs: a cli-progress bar while a file is read, and one line
// per finished phase with its time (what `npm run demo` and the import print). A line may be
// printed while a bar is showing (a merge ends while the next file is read): on a terminal
// it first clears the bar's line, and the bar redraws below it.
import cliProgress from 'cli-progress'

export function phaseLine(text: string, startedAt: number) {
  const clear = process.stderr.isTTY ? '\r\x1b[K' : ''
  process.stderr.write(`${clear}${text} (${((performance.now() - startedAt) / 1000).toFixed(1)} s)\n`)
}

/** A byte-based bar; `update` also shows rows and rejects, and may change the total. */
export function fileBar(label: string, totalBytes: number) {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {rows} rows | {rejected} rejected`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  )
  bar.start(Math.max(totalBytes, 1), 0, { rows: 0, rejected: 0 })
  return {
    update: (bytes: number, rows: number, rejected: number, total = totalBytes) => {
      bar.setTotal(Math.max(total, 1))
      bar.update(Math.min(bytes, total), { rows, rejected })
    },
    stop: () => bar.stop(),
  }
}
