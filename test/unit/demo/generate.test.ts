import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CITIES } from '../../../server/demo/geography.ts'
import { generateDemoData } from '../../../server/demo/generate.ts'
import { customersFile } from '../../../server/imports/customers.ts'

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const generate = (seed: number) => generateDemoData({ dir: mkdtempSync(join(tmpdir(), 'demo-gen-')), customers: 3_000, asOf: '2026-11-23', seed })

describe('generateDemoData', () => {
  it('makes the same files from the same seed and date, other files from another seed', async () => {
    const [a, b, c] = await Promise.all([generate(7), generate(7), generate(8)])
    for (const file of ['agents', 'customers', 'usage'] as const) expect(digest(a.files[file])).toBe(digest(b.files[file]))
    expect(digest(a.files.customers)).not.toBe(digest(c.files.customers))
  })

  it('writes every customers.csv column of the contract', async () => {
    const { files } = await generate(1)
    const header = readFileSync(files.customers, 'utf8').split('\n', 1)[0]!.split(',')
    expect(header).toEqual(customersFile.columns.map((c) => c.name))
  })

  it('staffs every city with a supervisor, account managers and service managers in A/B pairs of the same city', async () => {
    const { people } = await generate(1)
    const agents = people.filter((p) => p.role === 'agent')
    expect(people.filter((p) => p.role === 'supervisor').map((p) => p.city).sort()).toEqual(CITIES.map((c) => c.name).sort())
    expect(agents.length).toBeGreaterThanOrEqual(55)
    const byName = new Map(people.map((p) => [p.username, p]))
    for (const a of agents) expect(byName.get(a.partner)?.city).toBe(a.city)
    expect(people.filter((p) => p.role === 'admin').length).toBeGreaterThan(0)
  })

  it('plants churners, suspensions, new subscribers and staff cards in realistic proportions', async () => {
    const { files, counts } = await generate(3)
    const rows = readFileSync(files.customers, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','))
    const col = (name: string) => customersFile.columns.findIndex((c) => c.name === name)
    const share = (test: (r: string[]) => boolean) => rows.filter(test).length / rows.length
    expect(counts.closed / counts.customers).toBeGreaterThan(0.05)
    expect(counts.closed / counts.customers).toBeLessThan(0.15)
    expect(share((r) => r[col('status')] === 'closed' && r[col('closed_on')] !== '')).toBeCloseTo(counts.closed / counts.customers, 5)
    expect(share((r) => r[col('status')] === 'single_stop')).toBeGreaterThan(0.005)
    expect(share((r) => r[col('status')] === 'double_stop' && r[col('alt_phone')] !== '')).toBeGreaterThan(0.002)
    expect(share((r) => r[col('joined_on')]! >= '2026-10-25')).toBeGreaterThan(0.01)
    expect(share((r) => r[col('card_type')] !== 'normal')).toBeGreaterThan(0.005)
    expect(share((r) => r[col('call_forwarding')] === '1')).toBeGreaterThan(0.01)
  })
})
