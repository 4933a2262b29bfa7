// The bearer token from POST /api/auth/login, kept for the tab's pages; each page checks the
// role it is for and sends anyone else to their own page.
export interface User { id: number; username: string; name: string; role: 'agent' | 'supervisor' | 'admin' | 'account_manager'; branchId: number | null }

const KEY = 'dialer.session'

export function saveSession(token: string, user: User) {
  localStorage.setItem(KEY, JSON.stringify({ token, user }))
}

export function loadSession(): { token: string; user: User } | null {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null') as { token: string; user: User } | null
  } catch {
    return null
  }
}

export function clearSession() {
  localStorage.removeItem(KEY)
}

export const HOME: Record<User['role'], string> = { agent: '/agent', supervisor: '/supervisor', admin: '/admin', account_manager: '/' }

/** The session when its role may use this page; otherwise goes to the right page and returns null. */
export function requireRole(...roles: User['role'][]): { token: string; user: User } | null {
  const session = loadSession()
  if (!session) {
    location.replace('/')
    return null
  }
  if (!roles.includes(session.user.role)) {
    location.replace(HOME[session.user.role])
    return null
  }
  return session
}

export function logout() {
  clearSession()
  location.assign('/')
}
