// zh-CN by default, English by a switch; the choice is kept in localStorage. Each page has its
// own small dictionary; defineDict makes the English side carry exactly the Chinese keys.
import { useEffect, useState } from 'preact/hooks'

export type Lang = 'zh-CN' | 'en'
const KEY = 'dialer.lang'
const listeners = new Set<() => void>()
let current: Lang = localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN'
document.documentElement.lang = current

export const getLang = () => current

export function setLang(lang: Lang) {
  current = lang
  localStorage.setItem(KEY, lang)
  document.documentElement.lang = lang
  for (const f of listeners) f()
}

export type Dict<K extends string> = Record<Lang, Record<K, string>>
export const defineDict = <T extends Record<string, string>>(zh: T, en: Record<keyof T, string>): Dict<keyof T & string> =>
  ({ 'zh-CN': zh, en }) as Dict<keyof T & string>

/** `t('key', { n: 3 })` replaces {n}; re-renders the component when the language changes. */
export function useT<K extends string>(dict: Dict<K>) {
  const [, rerender] = useState(0)
  useEffect(() => {
    const f = () => rerender((n) => n + 1)
    listeners.add(f)
    return () => void listeners.delete(f)
  }, [])
  return (key: K, vars?: Record<string, string | number>) =>
    dict[current][key].replace(/\{(\w+)\}/g, (w, name: string) => (vars && name in vars ? String(vars[name]) : w))
}
