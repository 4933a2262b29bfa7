// `/admin`: warning rules, campaigns with scripts and disposition forms, agents and A/B
// partners, imports. Tabs follow the WAI-ARIA tabs pattern (arrow keys move between them).
import { render } from 'preact'
import { useState } from 'preact/hooks'
import '../common/styles.css'
import { useT } from '../common/i18n.ts'
import { requireRole, type User } from '../common/session.ts'
import { Header } from '../common/ui.tsx'
import { AgentsTab } from './AgentsTab.tsx'
import { CampaignsTab } from './CampaignsTab.tsx'
import { dict } from './i18n.ts'
import { ImportsTab } from './ImportsTab.tsx'
import { RulesTab } from './RulesTab.tsx'

const TABS = ['rules', 'campaigns', 'agents', 'imports'] as const

function App({ user }: { user: User }) {
  const t = useT(dict)
  const [tab, setTab] = useState<(typeof TABS)[number]>('rules')
  const onKey = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0
    if (!step) return
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length]!
    setTab(next)
    document.getElementById(`tab-${next}`)?.focus()
  }
  return (
    <>
      <Header title={t('title')} user={user} />
      <main id="main">
        <div class="tabs" role="tablist" aria-label={t('title')} onKeyDown={onKey}>
          {TABS.map((k) => (
            <button key={k} id={`tab-${k}`} type="button" role="tab" aria-selected={tab === k} aria-controls={`panel-${k}`} tabIndex={tab === k ? 0 : -1} onClick={() => setTab(k)}>{t(k)}</button>
          ))}
        </div>
        <section class="panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
          {tab === 'rules' && <RulesTab t={t} />}
          {tab === 'campaigns' && <CampaignsTab t={t} />}
          {tab === 'agents' && <AgentsTab t={t} />}
          {tab === 'imports' && <ImportsTab t={t} />}
        </section>
      </main>
    </>
  )
}

const session = requireRole('admin')
if (session) render(<App user={session.user} />, document.getElementById('app')!)
