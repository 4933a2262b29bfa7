// fetch with the bearer token; an error body { error, message, field? } becomes ApiError. A
// 401 means the session is gone: back to the login page.
import { clearSession, loadSession } from './session.ts'

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string, readonly reason?: string) {
    super(message)
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const session = loadSession()
  const headers: Record<string, string> = {}
  if (session) headers.authorization = `Bearer ${session.token}`
  const init: RequestInit = { method, headers }
  if (body instanceof FormData) init.body = body
  else if (body !== undefined) {
    headers['content-type'] = 'application/json'
    init.body = JSON.stringify(body)
  }
  const res = await fetch(path, init)
  const data = (await res.json().catch(() => null)) as (T & { error?: string; message?: string; field?: string }) | null
  if (res.status === 401 && session && path !== '/api/auth/login') {
    clearSession()
    location.replace('/')
  }
  if (!res.ok) throw new ApiError(res.status, data?.error ?? 'HTTP_ERROR', data?.message ?? res.statusText, data?.field)
  return data as T
}
