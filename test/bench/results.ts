import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results')

/** Writes test/bench/results/<name>.json with the machine it ran on, and returns its path. */
export function writeResults(name: string, data: unknown): string {
  mkdirSync(resultsDir, { recursive: true })
  const path = join(resultsDir, `${name}.json`)
  const os = { node: process.version, cpus: (globalThis.navigator?.hardwareConcurrency ?? 0) }
  writeFileSync(path, JSON.stringify({ name, at: new Date().toISOString(), os, data }, null, 2) + '\n')
  return path
}

/** A Markdown table from rows of equal keys. */
export function markdownTable(rows: Record<string, string | number>[]): string {
  if (rows.length === 0) return '(no rows)'
  const keys = Object.keys(rows[0]!)
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`
  return [line(keys), line(keys.map(() => '---')), ...rows.map((r) => line(keys.map((k) => r[k] ?? '')))].join('\n')
}
