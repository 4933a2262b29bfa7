// Demo data as CSV files in the import formats (contracts.md section 2), streamed row by row
// so that the benchmarks can ask for a million customers in flat memory. `npm run demo`
// imports these files through the real importer.
import { once } from 'node:events'
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs'
import { join } from 'node:path'
import { CITIES } from './geography.ts'
import { CUSTOMER_HEADER, drawCustomer, monthOf, USAGE_HEADER, type DemoContext } from './customer.ts'
import { Random } from './random.ts'
import { roster, type Person } from './roster.ts'

export interface DemoOptions {
  /** Where agents.csv, customers.csv and usage.csv are written. */
  dir: string
  /** @defaultValue 50_000 */
  customers?: number
  /** The day the data describes (YYYY-MM-DD): usage covers the `months` complete months before it. @defaultValue today (UTC) */
  asOf?: string
  /** @defaultValue 12 */
  months?: number
  /** @defaultValue 1 */
  seed?: number
  /** Every demo user's password. @defaultValue 'demo1234' */
  password?: string
}

export interface DemoData {
  files: { agents: string; customers: string; usage: string }
  people: Person[]
  password: string
  counts: { customers: number; usageRows: number; closed: number }
}

/** Buffers lines and writes them in large chunks, waiting when the file stream is behind. */
class LineWriter {
  private buffer = ''
  private readonly stream: WriteStream
  constructor(path: string) {
    this.stream = createWriteStream(path)
  }
  /** Adds text; true when the caller should `await flush()`. */
  add(text: string): boolean {
    this.buffer += text
    return this.buffer.length > 1 << 16
  }
  async flush() {
    const ok = this.stream.write(this.buffer)
    this.buffer = ''
    if (!ok) await once(this.stream, 'drain')
  }
  async close() {
    await this.flush()
    this.stream.end()
    await once(this.stream, 'finish')
  }
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)

export async function generateDemoData(options: DemoOptions): Promise<DemoData> {
  const customers = options.customers ?? 50_000
  const seed = options.seed ?? 1
  const password = options.password ?? 'demo1234'
  const asOf = new Date(`${options.asOf ?? new Date().toISOString().slice(0, 10)}T00:00:00Z`)
  const months = options.months ?? 12
  mkdirSync(options.dir, { recursive: true })
  const files = { agents: join(options.dir, 'agents.csv'), customers: join(options.dir, 'customers.csv'), usage: join(options.dir, 'usage.csv') }

  const rnd = new Random(seed)
  const people = roster(rnd, customers)
  const agents = new LineWriter(files.agents)
  agents.add('username,name,role,city,team,partner,password\n')
  for (const p of people) agents.add([p.username, p.name, p.role, p.city, p.team, p.partner, password].map(csvCell).join(',') + '\n')
  await agents.close()

  const byCity = (role: Person['role']) => {
    const map = new Map<string, string[]>()
    for (const p of people) if (p.role === role) map.set(p.city, [...(map.get(p.city) ?? []), p.username])
    return map
  }
  const lastMonth = monthOf(asOf) - 1
  const ctx: DemoContext = { asOf, firstMonth: lastMonth - months + 1, lastMonth, managers: byCity('agent'), accountManagers: byCity('account_manager') }

  const customerFile = new LineWriter(files.customers)
  const usageFile = new LineWriter(files.usage)
  customerFile.add(CUSTOMER_HEADER)
  usageFile.add(USAGE_HEADER)
  const cityTable = CITIES.map((c) => [c, c.share] as const)
  const counts = { customers, usageRows: 0, closed: 0 }
  for (let i = 0; i < customers; i++) {
    const c = drawCustomer(rnd, ctx, rnd.weighted(cityTable), i, seed)
    counts.usageRows += c.usageRows
    if (c.closed) counts.closed++
    if (customerFile.add(c.csv)) await customerFile.flush()
    if (usageFile.add(c.usage)) await usageFile.flush()
  }
  await Promise.all([customerFile.close(), usageFile.close()])
  return { files, people, password, counts }
}
