// Builds web/dist when it is missing or older than its sources, so that `npm start`,
// `npm run demo` and the browser tests always serve the pages of this checkout. A lock
// directory keeps two processes (parallel test workers) from building at once.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
export const webDist = join(root, 'web', 'dist')
const stamp = join(webDist, '.build-stamp')
const lock = join(root, 'web', '.build-lock')
/** Sources of the bundle: the pages, plus the shared protocol and helpers in server/realtime. */
const sources = [join(root, 'web', 'src'), join(root, 'web', 'index.html'), join(root, 'web', 'agent'), join(root, 'web', 'supervisor'), join(root, 'web', 'admin'), join(root, 'web', 'vite.config.ts'), join(root, 'server', 'realtime')]

function newest(path: string): number {
  if (!existsSync(path)) return 0
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  return Math.max(0, ...readdirSync(path).map((f) => newest(join(path, f))))
}

export function webIsStale(): boolean {
  return !existsSync(stamp) || newest(stamp) < Math.max(...sources.map(newest))
}

function runVite(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(root, 'web', 'vite.config.ts'), '--logLevel', 'warn'], { stdio: ['ignore', 'inherit', 'inherit'] })
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))))
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function ensureWebBuilt(log: (msg: string) => void = (m) => process.stderr.write(`${m}\n`), force = false): Promise<void> {
  for (let first = true; (force && first) || webIsStale(); first = false) {
    try {
      mkdirSync(lock)
    } catch {
      // Someone else is building; a lock older than two minutes is left over from a crash.
      if (Date.now() - newest(lock) > 120_000) rmSync(lock, { recursive: true, force: true })
      await sleep(200)
      continue
    }
    try {
      if (!force && !webIsStale()) return
      log('building web/dist (vite)')
      await runVite()
      writeFileSync(stamp, new Date().toISOString())
      return
    } finally {
      rmSync(lock, { recursive: true, force: true })
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await ensureWebBuilt(undefined, process.argv.includes('--force'))
