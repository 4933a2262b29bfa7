// `/`: the login form. Accessible names are part of the contract (contracts.md section 7):
// fields 用户名 and 密码, button 登录.
import { render } from 'preact'
import { useState } from 'preact/hooks'
import '../common/styles.css'
import { api, ApiError } from '../common/api.ts'
import { defineDict, getLang, setLang, useT } from '../common/i18n.ts'
import { HOME, loadSession, saveSession, type User } from '../common/session.ts'
import { Notice } from '../common/ui.tsx'

const dict = defineDict(
  { title: '维系挽留中心', username: '用户名', password: '密码', login: '登录', failed: '用户名或密码错误', limited: '尝试次数过多，请稍后再试', switchTo: 'English', noPage: '此账号没有可用页面' },
  { title: 'Retention centre', username: 'Username', password: 'Password', login: 'Log in', failed: 'Wrong username or password', limited: 'Too many attempts, try again later', switchTo: '中文', noPage: 'This account has no page here' },
)

function Login() {
  const t = useT(dict)
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(e: Event) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const { token, user } = await api<{ token: string; user: User }>('POST', '/api/auth/login', { username, password })
      saveSession(token, user)
      if (user.role === 'account_manager') setError(t('noPage'))
      else location.assign(HOME[user.role])
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? t('limited') : err instanceof ApiError && err.status === 401 ? t('failed') : String((err as Error).message))
    } finally {
      setBusy(false)
    }
  }

  return (
    <main id="main" class="login panel">
      <div class="row" style="justify-content: space-between">
        <h1 style="font-size: 20px">{t('title')}</h1>
        <button type="button" onClick={() => setLang(getLang() === 'en' ? 'zh-CN' : 'en')}>{t('switchTo')}</button>
      </div>
      <form onSubmit={submit}>
        <div class="form-field">
          <label for="username">{t('username')}</label>
          <input id="username" name="username" autoComplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </div>
        <div class="form-field">
          <label for="password">{t('password')}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </div>
        <button class="primary" type="submit" disabled={busy}>{t('login')}</button>
        <Notice kind="error" message={error} />
      </form>
    </main>
  )
}

const existing = loadSession()
if (existing && existing.user.role !== 'account_manager' && new URLSearchParams(location.search).get('stay') === null) location.replace(HOME[existing.user.role])
else render(<Login />, document.getElementById('app')!)
