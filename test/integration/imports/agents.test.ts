import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/client.ts'
import { runImport } from '../../../server/imports/run.ts'
import { build, loginAs, resetState, testConfig, testDb } from '../../helper.ts'
import { CsvFolder } from './csv.ts'

const header = ['username', 'name', 'role', 'city', 'team', 'partner', 'password']
const importAgents = (path: string) => runImport({ databaseUrl: testConfig().DATABASE_URL, files: { agents: path }, province: '山西省' })

describe('agents.csv import', () => {
  let app: FastifyInstance
  let db: Db
  const csv = new CsvFolder()
  const roster = () => csv.write('agents.csv', header, [
    ['ty01', '王芳', 'agent', '太原', '锁定用户维系组', 'ty02', 'first-pass'],
    ['ty02', '李娜', 'agent', '太原', '锁定用户维系组', 'ty01', 'second-pass'],
    ['ty_sup', '张伟', 'supervisor', '太原', '质检管理组', '', 'sup-pass'],
    ['boss', '省管理员', 'admin', '', '', '', 'admin-pass'],
    ['nocity', '无城市', 'agent', '', '', '', 'some-pass'],
    ['ty03', '刘洋', 'agent', '太原', '', 'ghost', 'third-pass'],
    ['ty04', '赵敏', 'agent', '太原', '', '', ''],
  ])

  beforeAll(async () => {
    app = await build()
    db = testDb()
    await resetState(db, app)
  })

  afterAll(async () => {
    await app.close()
    await db.$disconnect()
  })

  it('stores only argon2 hashes, with which the agents can log in', async () => {
    const report = await importAgents(roster())
    expect(report.imported).toBe(4)
    expect(report.rejected.map((r) => [r.line, r.field, r.message])).toEqual([
      [6, 'city', 'is required for the role agent'],
      [7, 'partner', 'unknown username ghost'],
      [8, 'password', 'is required for a new user'],
    ])
    const ty01 = await db.user.findUniqueOrThrow({ where: { username: 'ty01' }, include: { partner: true, team: true, branch: true } })
    expect(ty01.passwordHash).toMatch(/^\$argon2id\$/)
    expect(ty01.passwordHash).not.toContain('first-pass')
    expect(ty01.partner?.username).toBe('ty02')
    expect(ty01.team?.name).toBe('锁定用户维系组')
    expect(ty01.branch?.name).toBe('太原')
    expect((await db.user.findUniqueOrThrow({ where: { username: 'boss' } })).branchId).toBeNull()
    expect(await db.team.count()).toBe(2) // created per city
    await loginAs(app, 'ty01', 'first-pass')
    await loginAs(app, 'boss', 'admin-pass')
  })

  it('counts nothing as changed when the same file comes again (the stored hashes stay)', async () => {
    const hash = (await db.user.findUniqueOrThrow({ where: { username: 'ty01' } })).passwordHash
    const report = await importAgents(roster())
    expect(report).toMatchObject({ imported: 0, updated: 0 })
    expect((await db.user.findUniqueOrThrow({ where: { username: 'ty01' } })).passwordHash).toBe(hash)
  })

  it('updates a changed password, team and partner, and an empty password keeps the old one', async () => {
    const path = csv.write('changes.csv', header, [
      ['ty01', '王芳', 'agent', '太原', '新入网回访组', '', 'new-pass-1'],
      ['ty02', '李娜', 'agent', '太原', '锁定用户维系组', '', ''],
    ])
    const report = await importAgents(path)
    expect(report).toEqual({ imported: 0, updated: 2, rejected: [] })
    await loginAs(app, 'ty01', 'new-pass-1')
    await loginAs(app, 'ty02', 'second-pass')
    const ty02 = await db.user.findUniqueOrThrow({ where: { username: 'ty02' } })
    expect(ty02.partnerId).toBeNull()
  })
})
