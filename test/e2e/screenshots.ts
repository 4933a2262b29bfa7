// Produces docs/softphone.png and docs/wallboard.png (zh-CN) from a real server and Chromium:
//   npx tsx test/e2e/screenshots.ts
// It uses its own test databases (namespace "screenshots"), so it never touches the demo's
// or a running test suite's. Calls and the morning's queue-depth samples are seeded so the
// wallboard shows a working day; everything else is the product's own rendering.
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

process.env.TEST_NAMESPACE = 'screenshots'
const { default: setupDatabases } = await import('../global-setup.ts')
const { seedCentre } = await import('./seed.ts')
const { launchChromium, login, startStack } = await import('./stack.ts')
const fx = await import('../fixtures.ts')

await setupDatabases()
const stack = await startStack()
const { app, db, url } = stack
const centre = await seedCentre(db)

// More of the branch: agents in every state, a pooled campaign, today's calls.
const names = [['liuyang', '刘洋'], ['chenjing', '陈静'], ['yangfan', '杨帆'], ['zhoumin', '周敏']]
const others: Awaited<ReturnType<typeof fx.user>>[] = []
for (const [username, name] of names) others.push(await fx.user(db, { username: username!, name: name!, role: 'agent', branchId: centre.branch.id }))
await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { teamId: centre.team.id } })
const pooled = await db.campaign.create({ data: { code: 'NEW_SUB', name: '新入网回访', portfolio: 'pooled', dialMode: 'predictive', status: 'running', schedule: [{ from: '08:50', to: '11:30' }], script: [], dispositionForm: [], abandonMessage: '…', dailyCapPerSeat: 160 } })
const customers: Awaited<ReturnType<typeof fx.customer>>[] = []
for (let i = 0; i < 40; i++) customers.push(await fx.customer(db, { branchId: centre.branch.id, serviceManagerId: i % 2 ? centre.agent.id : others[i % 4]!.id }))
const reasons = [['CONTRACT_EXPIRY'], ['TRAFFIC_DROP_1', 'CHURN_RISK'], ['ARREARS_POSTPAID'], ['UNDER_MINIMUM'], ['NEW_SUBSCRIBER']]
await db.queueEntry.createMany({ data: customers.map((c, i) => ({ customerId: c.id, campaignId: i % 5 === 4 ? pooled.id : centre.campaign.id, asOf: new Date(), reasons: reasons[i % 5]!, priority: 10 - (i % 7), agentId: i % 5 === 4 ? null : c.serviceManagerId, status: 'queued' as const })) })
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000)
await db.call.createMany({ data: customers.slice(0, 36).map((c, i) => ({
  callSid: `CAshot${i}`, direction: 'outbound' as const, campaignId: i % 3 ? centre.campaign.id : pooled.id, customerId: c.id, fromNumber: '+8610000000000', toNumber: c.msisdn,
  status: i < 2 ? 'in-progress' : 'completed', createdAt: minutesAgo(i < 2 ? 4 - i : 120 - i * 3), endedAt: i < 2 ? null : minutesAgo(118 - i * 3),
  answeredBy: i % 4 === 3 ? 'machine_start' : i % 5 === 4 ? null : 'human', answeredAt: i % 5 === 4 ? null : minutesAgo(119 - i * 3), abandoned: i === 7,
  agentId: i < 2 ? others[i]!.id : null,
})) })
await db.call.createMany({ data: [0, 1, 2].map((i) => ({ callSid: `CAshotin${i}`, direction: 'inbound' as const, customerId: customers[i]!.id, agentId: centre.agent.id, fromNumber: customers[i]!.msisdn, toNumber: '+8610000', status: 'completed', createdAt: minutesAgo(90 - i), bridgedAt: new Date(minutesAgo(90 - i).getTime() + (i === 2 ? 25_000 : 6_000)), endedAt: minutesAgo(85 - i) })) })
for (const [i, state] of (['on_call', 'on_call', 'wrap_up', 'break'] as const).entries()) await app.presence.set(others[i]!.id, state, Date.now() - (i + 1) * 97_000)
const seriesKey = app.redisKey('wallboard-series', centre.branch.id, new Date().toISOString().slice(0, 10))
for (let m = 180; m > 0; m -= 10) await app.redis.rpush(seriesKey, JSON.stringify({ at: Date.now() - m * 60_000, depth: Math.round(41 + m / 6 + 6 * Math.sin(m / 25)) }))

const docs = fileURLToPath(new URL('../../docs/', import.meta.url))
mkdirSync(docs, { recursive: true })
const browser = await launchChromium()
try {
  const viewport = { width: 1440, height: 960 }
  const agentPage = await (await browser.newContext({ locale: 'zh-CN', viewport })).newPage()
  await login(agentPage, url, 'wangfang', '/agent')
  await agentPage.getByLabel('状态').selectOption({ label: '可用' })
  const entry = await db.queueEntry.findFirstOrThrow({ where: { customerId: centre.vip.id } })
  await db.call.create({ data: { callSid: 'CAshotpop', direction: 'outbound', campaignId: centre.campaign.id, queueEntryId: entry.id, customerId: centre.vip.id, agentId: centre.agent.id, fromNumber: '+8610000000000', toNumber: centre.vip.msisdn, status: 'in-progress', answeredBy: 'human' } })
  await app.presence.set(centre.agent.id, 'on_call')
  app.events.emit('agent:presence', { agentId: centre.agent.id, branchId: centre.branch.id, state: 'on_call', since: Date.now() })
  app.events.emit('call:offered', { callSid: 'CAshotpop', agentId: centre.agent.id, branchId: centre.branch.id, direction: 'outbound', customerId: centre.vip.id, campaignId: centre.campaign.id, queueEntryId: entry.id, at: Date.now() })
  await agentPage.getByTestId('customer-name').waitFor()
  await agentPage.waitForTimeout(1500)
  await agentPage.screenshot({ path: `${docs}softphone.png`, fullPage: true })

  const supPage = await (await browser.newContext({ locale: 'zh-CN', viewport })).newPage()
  await login(supPage, url, 'zhaobz', '/supervisor')
  await supPage.getByTestId('state-wangfang').waitFor()
  await supPage.waitForTimeout(1500)
  await supPage.screenshot({ path: `${docs}wallboard.png`, fullPage: true })
  process.stderr.write(`wrote ${docs}softphone.png and ${docs}wallboard.png\n`)
} finally {
  await browser.close()
  await stack.close()
}
