import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AgentDirectory } from '../../../server/agents/directory.ts'
import type { Db } from '../../../server/db/client.ts'
import * as fx from '../../fixtures.ts'
import { resetState, testDb } from '../../helper.ts'

describe('agent directory', () => {
  let db: Db
  let agentId: number

  beforeAll(async () => {
    db = testDb()
    await resetState(db)
    const branch = await fx.branch(db, '太原')
    agentId = (await fx.user(db, { username: 'dir_a', name: '王一', role: 'agent', branchId: branch.id })).id
  })

  afterAll(async () => {
    await db.$disconnect()
  })

  it('answers from the list it holds while the users table is locked, and reads the change once the lock goes', async () => {
    // Every read finds the list stale (age limit 0) and starts a refresh.
    const directory = new AgentDirectory(db, 0)
    expect((await directory.get(agentId))?.name).toBe('王一')
    let release!: () => void
    const locked = new Promise<void>((resolve) => (release = resolve))
    let lockTaken!: () => void
    const taken = new Promise<void>((resolve) => (lockTaken = resolve))
    const renaming = db.$transaction(async (tx) => {
      await tx.$executeRaw`LOCK TABLE users IN ACCESS EXCLUSIVE MODE`
      await tx.user.update({ where: { id: agentId }, data: { name: '王二' } })
      lockTaken()
      await locked
    }, { timeout: 20_000 })
    await taken
    // A refresh is now blocked behind the lock; the read must not be.
    const read = await Promise.race([directory.get(agentId), new Promise<'waited'>((r) => setTimeout(() => r('waited'), 3000))])
    expect(read).not.toBe('waited')
    expect((read as { name: string }).name).toBe('王一')
    release()
    await renaming
    // The refresh the lock held, then one surely begun after the commit.
    await directory.reload()
    await directory.reload()
    expect((await directory.get(agentId))?.name).toBe('王二')
  })
})
