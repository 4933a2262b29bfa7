// `npm run bench [name...]`: runs every benchmark in test/bench/suites (or the named ones)
// one after another, so that no two compete for the 2 cores. Each suite writes
// test/bench/results/<name>.json and prints a Markdown table.
import { readdirSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export interface BenchSuite {
  /** Runs the benchmark, writes its JSON and returns the Markdown table to print. */
  run(): Promise<string>
}

const dir = join(dirname(fileURLToPath(import.meta.url)), 'suites')
const wanted = process.argv.slice(2)
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => basename(f, '.ts'))
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort()

for (const name of names) {
  process.stderr.write(`\n=== bench ${name}\n`)
  const suite = (await import(pathToFileURL(join(dir, `${name}.ts`)).href)) as { default: BenchSuite }
  const table = await suite.default.run()
  process.stdout.write(`\n## ${name}\n\n${table}\n`)
}
