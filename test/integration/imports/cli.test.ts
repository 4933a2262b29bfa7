// `npm run cli -- import` as operators run it: the --json shape of contracts.md and the exit codes.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import * as fx from '../../fixtures.ts'
import { resetState, testConfig, testDb } from '../../helper.ts'
import { CsvFolder, customerRow } from './csv.ts'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/index.ts', ...args], {
  cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: testConfig().DATABASE_URL },
})

// Each run starts a Node process with tsx: seconds apiece on a busy machine.
describe('cli import', { timeout: 90_000 }, () => {
  let db: Db
  const csv = new CsvFolder()

  beforeAll(async () => {
    db = testDb()
    await resetState(db)
    await fx.branch(db, '太原')
  })

  afterAll(async () => {
    await db.$disconnect()
  })

  it('prints exactly { imported, updated, rejected } and exits 0 even with rejected rows', () => {
    const path = csv.customers('customers.csv', [customerRow('13600000001'), customerRow('13600000002', { payment: 'credit' })])
    const run = cli('import', '--customers', path, '--json')
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({
      imported: 1,
      updated: 0,
      rejected: [{ file: 'customers.csv', line: 3, field: 'payment', message: '"credit" is not one of prepaid, postpaid' }],
    })
  })

  it('exits 1 when it cannot run and 2 on bad usage', () => {
    const missing = cli('import', '--customers', `${csv.dir}/nope.csv`, '--json')
    expect(missing.status).toBe(1)
    expect(missing.stderr).toMatch(/import failed: .*nope\.csv/)
    expect(cli('import', '--json').status).toBe(2)
  })
})
