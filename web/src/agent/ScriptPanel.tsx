// The live script: one step at a time, advanced by its branches (or "next").
import { useEffect, useState } from 'preact/hooks'
import type { ScriptStep } from '../../../server/realtime/events.ts'
import type { T } from './i18n.ts'

export function ScriptPanel({ steps, callSid, t }: { steps: ScriptStep[]; callSid: string; t: T }) {
  const [path, setPath] = useState<number[]>([0])
  useEffect(() => setPath([0]), [callSid])
  const index = path.at(-1) ?? 0
  const step = steps[index]
  if (!step) return null
  const go = (i: number) => i >= 0 && i < steps.length && setPath([...path, i])
  return (
    <section class="panel" aria-labelledby="script-h">
      <h2 id="script-h">{t('script')} <small>({index + 1}/{steps.length})</small></h2>
      <p class="script-step" aria-live="polite" data-testid="script-line">{step.text}</p>
      <div class="row">
        {step.branches.length
          ? step.branches.map((b) => <button type="button" key={b.label} onClick={() => go(steps.findIndex((s) => s.id === b.next))}>{b.label}</button>)
          : index + 1 < steps.length && <button type="button" class="primary" onClick={() => go(index + 1)}>{t('next')}</button>}
        <button type="button" disabled={path.length < 2} onClick={() => setPath(path.slice(0, -1))}>{t('back')}</button>
        <button type="button" disabled={path.length < 2} onClick={() => setPath([0])}>{t('restart')}</button>
      </div>
    </section>
  )
}
