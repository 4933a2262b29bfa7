// Pieces every page shares: the header with the language switch and logout, a ticking clock,
// durations, and a status line that screen readers announce.
import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { defineDict, getLang, setLang, useT } from './i18n.ts'
import { logout, type User } from './session.ts'

const dict = defineDict(
  { switchTo: 'English', logout: '退出', skip: '跳到主要内容' },
  { switchTo: '中文', logout: 'Log out', skip: 'Skip to main content' },
)

export function Header({ title, user, children }: { title: string; user: User; children?: ComponentChildren }) {
  const t = useT(dict)
  return (
    <header class="topbar">
      <a class="skip" href="#main">{t('skip')}</a>
      <h1>{title}</h1>
      <div class="topbar-extra">{children}</div>
      <span class="who">{user.name}</span>
      <button type="button" lang={getLang() === 'en' ? 'zh-CN' : 'en'} onClick={() => setLang(getLang() === 'en' ? 'zh-CN' : 'en')}>{t('switchTo')}</button>
      <button type="button" onClick={logout}>{t('logout')}</button>
    </header>
  )
}

/** The current time, refreshed every `ms`. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(id)
  }, [ms])
  return now
}

/** 75 s -> "01:15", 3700 s -> "1:01:40". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  const h = Math.floor(s / 3600)
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0')
  const ss = String(s % 60).padStart(2, '0')
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`
}

export function Notice({ message, kind = 'info' }: { message: string | null; kind?: 'info' | 'error' }) {
  return <p class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'} aria-live="polite">{message ?? ''}</p>
}

export const percent = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)}%`)
