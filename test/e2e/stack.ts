// What the browser tests share: one real server per test file (built pages, real PostgreSQL
// and Redis of this worker, the emulator when telephony is present), Debian's Chromium
// driven by playwright-core, and the login steps by the contract's accessible names.
import type { FastifyInstance } from 'fastify'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { Db } from '../../server/db/client.ts'
import { ensureWebBuilt } from '../../server/web/build.ts'
import { build, resetState, testDb } from '../helper.ts'

export interface Stack { app: FastifyInstance; db: Db; url: string; close(): Promise<void> }

export async function startStack(overrides: Record<string, string> = {}): Promise<Stack> {
  await ensureWebBuilt()
  const app = await build(overrides)
  const db = testDb()
  await resetState(db, app)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  return {
    app, db, url,
    async close() {
      await app.close()
      await db.$disconnect()
    },
  }
}

/** Playwright gives each launch a fresh temporary --user-data-dir; contexts are isolated on top. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/** Logs in through the form of `/` (fields 用户名, 密码; button 登录) and waits for the landing page. */
export async function login(page: Page, url: string, username: string, landing: string, password = 'secret-pass') {
  await page.goto(`${url}/`)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(`${url}${landing}`)
}
