// A hand-rolled SVG bar chart of the last 12 bills; the bars carry a text equivalent.
import type { BillPoint } from '../../../server/realtime/events.ts'
import type { T } from './i18n.ts'

export function BillsChart({ bills, t }: { bills: BillPoint[]; t: T }) {
  if (bills.length === 0) return <p>{t('none')}</p>
  const w = 360, h = 140, pad = 22
  const max = Math.max(...bills.map((b) => b.bill), 1)
  const step = (w - pad) / bills.length
  const label = t('chartLabel', { list: bills.map((b) => `${b.month} ${b.bill}`).join('，') })
  return (
    <svg viewBox={`0 0 ${w} ${h + 30}`} width="100%" role="img" aria-label={label}>
      <line x1={pad} y1={h} x2={w} y2={h} stroke="#9aa6b2" />
      <text x={0} y={12} font-size="10" fill="#5b6877">{Math.round(max)}</text>
      {bills.map((b, i) => {
        const bh = (b.bill / max) * (h - 16)
        const x = pad + i * step + 3
        return (
          <g key={b.month}>
            <rect x={x} y={h - bh} width={step - 6} height={bh} fill="#0b63c5" rx="2"><title>{`${b.month}: ${b.bill}`}</title></rect>
            <text x={x + (step - 6) / 2} y={h + 14} font-size="9" text-anchor="middle" fill="#5b6877">{b.month.slice(5)}</text>
          </g>
        )
      })}
      <text x={w} y={h + 28} font-size="9" text-anchor="end" fill="#5b6877">{`${bills[0]!.month} – ${bills.at(-1)!.month}`}</text>
    </svg>
  )
}
