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
    // The emulator plays media fast (the caller's prompt); softphones ring until answered.
    stack.app.emulator.settings = { ...stack.app.emulator.settings, mediaScale: 0.05, timeoutScale: 0.1, clientAnswerMs: null }
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

  it('the agent answers their softphone; an inbound VIP call from the emulator pops the customer with the greeting; the disposition lands in the database', async () => {
    // Going available opened the agent's line: it rings on the softphone until answered.
    await agentPage.getByTestId('softphone-line').getByText('软电话振铃中').waitFor()
    await agentPage.getByTestId('softphone-line').getByRole('button', { name: '接听' }).click()
    await agentPage.getByTestId('softphone-line').getByText('软电话已接通').waitFor()
    const dialed = Date.now()
    const res = await fetch(`${stack.url}/emulator/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: centre.vip.msisdn, to: '+8610086' }) })
    const { callSid } = (await res.json()) as { callSid: string }
    await agentPage.getByTestId('customer-name').getByText('张伟').waitFor({ timeout: 2000 })
    await agentPage.getByTestId('script-line').getByText('您好！电话经理小王很高兴为您服务').waitFor({ timeout: 2000 })
    expect(Date.now() - dialed).toBeLessThan(2000)
    expect(await agentPage.getByText('140***********0011').count()).toBe(1)
    expect(await agentPage.getByRole('img', { name: /近12个月账单/ }).count()).toBe(1)
    await supervisorPage.getByTestId('state-wangfang').getByText('通话中').waitFor({ timeout: 2000 })

    // The line is up, so the caller is put straight into the agent's room: no second ring.
    expect(await agentPage.getByTestId('call-status').textContent()).toBe('通话中')
    await agentPage.getByRole('button', { name: '挂断' }).click()
    await agentPage.getByText(/话后整理剩余/).waitFor()
    await agentPage.getByRole('button', { name: '提交小结' }).click()
    await agentPage.getByText('结果为必填项').waitFor()
    await agentPage.getByLabel('结果').selectOption('挽留成功')
    await agentPage.getByLabel('备注').fill('客户同意续约')
    await agentPage.getByRole('button', { name: '提交小结' }).click()
    await agentPage.getByText('小结已保存').waitFor()
    const call = await stack.db.call.findUniqueOrThrow({ where: { callSid } })
    expect(call).toMatchObject({ direction: 'inbound', agentId: centre.agent.id, customerId: centre.vip.id, status: 'completed' })
    const saved = await stack.db.disposition.findFirstOrThrow({ where: { callId: call.id } })
    expect(saved).toMatchObject({ outcome: '挽留成功', notes: '客户同意续约', agentId: centre.agent.id, customerId: centre.vip.id })
    await expect.poll(() => agentPage.getByTestId('agent-state').textContent()).toMatch(/^当前：可用/)
  })

  it('the agent dials a customer from my queue (preview): the customer pops, answers into the room, and the disposition lands', async () => {
    const { previewed, previewEntry } = centre
    stack.app.emulator.model.script(previewed.msisdn, { outcome: 'human', ringMs: 200, talkMs: 60_000 } as never)
    await agentPage.getByRole('button', { name: `拨打 ${previewed.name}` }).click()
    await agentPage.getByTestId('customer-name').getByText(previewed.name).waitFor({ timeout: 3000 })
    // The customer answers after ringing and joins the agent's room.
    await expect.poll(async () => (await stack.db.call.findFirst({ where: { queueEntryId: previewEntry.id } }))?.bridgedAt ?? null, { timeout: 5000 }).not.toBeNull()
    await expect.poll(() => agentPage.getByTestId('call-status').textContent(), { timeout: 5000 }).toBe('通话中')
    await agentPage.getByRole('button', { name: '挂断' }).click()
    await agentPage.getByText(/话后整理剩余/).waitFor()
    await agentPage.getByLabel('结果').selectOption('接受优惠')
    await agentPage.getByRole('button', { name: '提交小结' }).click()
    await agentPage.getByText('小结已保存').waitFor()
    const call = await stack.db.call.findFirstOrThrow({ where: { queueEntryId: previewEntry.id } })
    expect(call).toMatchObject({ direction: 'outbound', agentId: centre.agent.id, customerId: previewed.id })
    expect(call.bridgedAt).not.toBeNull()
    expect(await stack.db.disposition.findFirstOrThrow({ where: { callId: call.id } })).toMatchObject({ outcome: '接受优惠', customerId: previewed.id })
    await expect.poll(async () => (await stack.db.queueEntry.findUniqueOrThrow({ where: { id: previewEntry.id } })).status).toBe('done')
  })

  it('a preview dial refused at the moment of dialing (a do-not-call request meanwhile) says why, in Chinese', async () => {
    await expect.poll(() => agentPage.getByTestId('agent-state').textContent(), { timeout: 35_000 }).toMatch(/^当前：可用/)
    await stack.db.doNotCall.create({ data: { msisdn: centre.refusing.msisdn, scope: 'all', reason: '要求勿扰', source: 'test' } })
    await agentPage.getByRole('button', { name: `拨打 ${centre.refusing.name}` }).click()
    await agentPage.getByText(/该客户此刻不可拨打/).waitFor()
    expect(await stack.db.call.count({ where: { toNumber: centre.refusing.msisdn } })).toBe(0)
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
