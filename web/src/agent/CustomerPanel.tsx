// The customer 360 of the screen pop.
import type { Customer360 } from '../../../server/realtime/events.ts'
import { BillsChart } from './BillsChart.tsx'
import type { T } from './i18n.ts'

const TIERS: Record<string, string> = { diamond: '钻石卡', gold: '金卡', silver: '银卡', star: '星级', standard: '普通' }

export function CustomerPanel({ customer, t }: { customer: Customer360; t: T }) {
  const c = customer
  return (
    <section class="panel" aria-labelledby="customer-h">
      <h2 id="customer-h">{t('customer')}: <span data-testid="customer-name">{c.name}</span> <span class="tag">{TIERS[c.tier] ?? c.tier}</span></h2>
      <dl class="facts">
        <dt>{t('phone')}</dt><dd>{c.msisdn}</dd>
        <dt>{t('idNumber')}</dt><dd>{[c.idType, c.idNumberMasked].filter(Boolean).join(' ') || '–'}</dd>
        <dt>{t('altPhone')}</dt><dd>{c.altPhone ?? '–'}</dd>
        <dt>{t('email')}</dt><dd>{c.email ?? '–'}</dd>
        <dt>{t('address')}</dt><dd>{c.addressMasked ?? '–'}</dd>
        <dt>{t('plan')}</dt><dd>{c.planCode ?? '–'}{c.planMinimum ? ` (≥ ${c.planMinimum} ${t('yuan')})` : ''}</dd>
        <dt>{t('contractEnd')}</dt><dd>{c.contractEnd ?? '–'}</dd>
        <dt>{t('balance')}</dt><dd class={c.balance < 10 && c.payment === 'prepaid' ? 'over' : ''}>{c.balance.toFixed(2)} {t('yuan')}</dd>
        <dt>{t('arrears')}</dt><dd class={c.unpaidMonths >= 2 ? 'over' : ''}>{c.unpaidMonths}</dd>
        <dt>{t('accountManager')}</dt><dd>{c.accountManager ?? '–'}</dd>
      </dl>
      <h3>{t('reasons')}</h3>
      <div>{c.reasons.length ? c.reasons.map((r) => <span class="tag bad" key={r.code} title={r.code}>{r.label}</span>) : t('none')}</div>
      <h3>{t('bills')}</h3>
      <BillsChart bills={c.bills} t={t} />
      <h3>{t('history')}</h3>
      {c.history.length ? (
        <ul>{c.history.map((h) => <li key={h.at}>{h.at.slice(0, 10)} {h.campaign ?? ''} · {h.outcome} · {h.agent}{h.notes ? ` — ${h.notes}` : ''}</li>)}</ul>
      ) : <p>{t('none')}</p>}
      <h3>{t('workOrders')}</h3>
      {c.workOrders.length ? (
        <ul>{c.workOrders.map((o) => <li key={o.id}>#{o.id} {t(`wo_${o.status}`)} — {o.description}</li>)}</ul>
      ) : <p>{t('none')}</p>}
    </section>
  )
}
