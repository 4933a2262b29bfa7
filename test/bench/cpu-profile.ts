// CPU profile of one stretch of a benchmark, in the process that runs it: with
// BENCH_CPU_PROFILE=<folder> set, `profiled(name, work)` writes <folder>/<name>.cpuprofile
// (open it in Chrome's DevTools, Performance tab), covering `work` only rather than the set-up
// around it as `node --cpu-prof` would.
import { mkdirSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { join } from 'node:path'

export async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const folder = process.env.BENCH_CPU_PROFILE
  if (!folder) return work()
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 200 })
  await session.post('Profiler.start')
  try {
    return await work()
  } finally {
    const { profile } = await session.post('Profiler.stop')
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(folder, `${name}.cpuprofile`), JSON.stringify(profile))
    session.disconnect()
  }
}
