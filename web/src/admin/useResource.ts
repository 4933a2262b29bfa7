// Loads an admin API resource; a 404 means the module serving it is not deployed yet.
import { useEffect, useState } from 'preact/hooks'
import { api, ApiError } from '../common/api.ts'

export function useResource<T>(path: string) {
  const [data, setData] = useState<T | null>(null)
  const [missing, setMissing] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const reload = () =>
    api<T>('GET', path).then(setData, (err: ApiError) => (err.status === 404 ? setMissing(true) : setError(err.message)))
  useEffect(() => void reload(), [path])
  return { data, missing, error, reload }
}

export function parseJson(text: string, field: string, t: (k: 'invalidJson', v: Record<string, string>) => string): unknown {
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new Error(t('invalidJson', { field, message: (err as Error).message }))
  }
}
