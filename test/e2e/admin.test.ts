// The admin page in Chromium: keyboard tabs and pairing A/B partners.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as fx from '../fixtures.ts'
import { seedCentre } from './seed.ts'
import { launchChromium, login, startStack, type Stack } from './stack.ts'

describe('admin page in Chromium', () => {
  let stack: Stack
  let browser: Browser
  let page: Page
  let centre: Awaited<ReturnType<typeof seedCentre>>

  beforeAll(async () => {
    stack = await startStack()
    centre = await seedCentre(stack.db)
    await fx.user(stack.db, { username: 'admin1', role: 'admin', name: '管理员' })
    browser = await launchChromium()
    page = await (await browser.newContext({ locale: 'zh-CN' })).newPage()
    page.setDefaultTimeout(5000)
  })

  afterAll(async () => {
    await browser?.close()
    await stack?.close()
  })

  it('an admin lands on /admin, moves between tabs by keyboard and re-pairs A/B partners', async () => {
    await login(page, stack.url, 'admin1', '/admin')
    await page.getByRole('tab', { name: '预警规则' }).focus()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    expect(await page.getByRole('tab', { name: '坐席与AB角' }).getAttribute('aria-selected')).toBe('true')
    const third = await fx.user(stack.db, { username: 'zhouqi', role: 'agent', branchId: centre.branch.id, name: '周琪' })
    await page.getByRole('tab', { name: '数据导入' }).click()
    await page.getByRole('tab', { name: '坐席与AB角' }).click()
    await page.getByLabel('AB角 周琪').selectOption({ label: '王芳' })
    await page.getByText('已保存').waitFor()
    const partners = await stack.db.user.findMany({ where: { id: { in: [centre.agent.id, centre.partner.id, third.id] } }, orderBy: { id: 'asc' }, select: { id: true, partnerId: true } })
    expect(partners).toEqual([{ id: centre.agent.id, partnerId: third.id }, { id: centre.partner.id, partnerId: null }, { id: third.id, partnerId: centre.agent.id }])
  })
})
