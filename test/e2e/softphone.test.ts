// The softphone and the wallboard in real Chromium against one real server.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectAs, request } from '../integration/realtime/client.ts'
import { seedCentre } from './seed.ts'
import { launchChromium, login, startStack, type Stack } from './stack.ts'

describe('softphone and wallboard in Chromium', () => {
  let stack: Stack
  let browser: Browser
  let agentPage: Page
  let supervisorPage: Page
  let centre: Awaited<ReturnType<typeof seedCentre>>

  beforeAll(async () => {
    stack = await startStack()
    centre = await seedCentre(stack.db)
    browser = await launchChromium()
    agentPage = await (await browser.newContext({ locale: 'zh-CN' })).newPage()
    supervisorPage = await (await browser.newContext({ locale: 'zh-CN' })).newPage()
    for (const p of [agentPage, supervisorPage]) p.setDefaultTimeout(5000)
  })

  afterAll(async () => {
    await browser?.close()
    await stack?.close()
  })

  it('logs each role in to their own page', async () => {
    await login(supervisorPage, stack.url, 'zhaobz', '/supervisor')
    await login(agentPage, stack.url, 'wangfang', '/agent')
    await expect.poll(() => supervisorPage.getByTestId('state-wangfang').textContent()).toBe('离线')
  })

  it('the agent goes available and the supervisor sees it within 2 seconds', async () => {
    const status = agentPage.getByLabel('状态')
    expect(await status.locator('option').allTextContents()).toEqual(['可用', '小休', '离线'])
    await status.selectOption({ label: '可用' })
    const changed = Date.now()
    await supervisorPage.getByTestId('state-wangfang').getByText('可用').waitFor({ timeout: 2000 })
    expect(Date.now() - changed).toBeLessThan(2000)
    await expect.poll(() => agentPage.getByTestId('agent-state').textContent()).toMatch(/^当前：可用/)
    expect((await stack.app.presence.get(centre.agent.id)).state).toBe('available')
  })

  it('an inbound VIP call pops the customer with the greeting; the disposition lands in the database', async () => {
    const offered = Date.now()
    // Telephony's inbound routing records the call and announces it to the manager this way.
    await stack.db.call.create({ data: { callSid: 'CAe2e0001', direction: 'inbound', customerId: centre.vip.id, agentId: centre.agent.id, fromNumber: centre.vip.msisdn, toNumber: '+8610000', status: 'ringing' } })
    stack.app.events.emit('call:offered', { callSid: 'CAe2e0001', agentId: centre.agent.id, branchId: centre.branch.id, direction: 'inbound', customerId: centre.vip.id, campaignId: null, queueEntryId: null, at: offered })
    await agentPage.getByTestId('customer-name').getByText('张伟').waitFor({ timeout: 2000 })
    await agentPage.getByTestId('script-line').getByText('您好！电话经理小王很高兴为您服务').waitFor({ timeout: 2000 })
    expect(Date.now() - offered).toBeLessThan(2000)
    expect(await agentPage.getByText('140***********0011').count()).toBe(1)
    expect(await agentPage.getByRole('img', { name: /近12个月账单/ }).count()).toBe(1)

    stack.app.events.emit('call:ended', { callSid: 'CAe2e0001', agentId: centre.agent.id, branchId: centre.branch.id, wrapSeconds: 30, at: Date.now() })
    await agentPage.getByText(/话后整理剩余/).waitFor()
    await agentPage.getByRole('button', { name: '提交小结' }).click()
    await agentPage.getByText('结果为必填项').waitFor()
    await agentPage.getByLabel('结果').selectOption('挽留成功')
    await agentPage.getByLabel('备注').fill('客户同意续约')
    await agentPage.getByRole('button', { name: '提交小结' }).click()
    await agentPage.getByText('小结已保存').waitFor()
    const saved = await stack.db.disposition.findFirstOrThrow({ where: { customerId: centre.vip.id, notes: '客户同意续约' } })
    expect(saved).toMatchObject({ outcome: '挽留成功', agentId: centre.agent.id })
    await expect.poll(() => agentPage.getByTestId('agent-state').textContent()).toMatch(/^当前：可用/)
  })

  it("the agent's own token cannot join another agent's room", async () => {
    const session = JSON.parse((await agentPage.evaluate(() => localStorage.getItem('dialer.session')))!) as { token: string }
    const socket = await connectAs(stack.url, session.token)
    try {
      expect(await request(socket, 'room:join', { room: `agent:${centre.partner.id}` })).toMatchObject({ error: 'FORBIDDEN' })
    } finally {
      socket.disconnect()
    }
  })

  it('switches to English and keeps the choice', async () => {
    await agentPage.getByRole('button', { name: 'English' }).click()
    await agentPage.getByLabel('Status').waitFor()
    await agentPage.reload()
    await agentPage.getByLabel('Status').waitFor()
    await agentPage.getByRole('button', { name: '中文' }).click()
    await agentPage.getByLabel('状态').waitFor()
  })
})
