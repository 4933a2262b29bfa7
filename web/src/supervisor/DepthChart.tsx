// Queue depth over the day: a hand-rolled SVG line from the minute samples.
import type { DepthSeries } from '../../../server/realtime/events.ts'
import type { T } from './i18n.ts'

export function DepthChart({ series, t }: { series: DepthSeries | null; t: T }) {
  const points = series?.points ?? []
  if (points.length === 0) return <p>{t('noData')}</p>
  const w = 600, h = 160, pad = 30
  const t0 = points[0]!.at, t1 = Math.max(points.at(-1)!.at, t0 + 60_000)
  const max = Math.max(...points.map((p) => p.depth), 1)
  const x = (at: number) => pad + ((at - t0) / (t1 - t0)) * (w - pad - 8)
  const y = (d: number) => h - (d / max) * (h - 16)
  const hhmm = (at: number) => new Date(at).toTimeString().slice(0, 5)
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(p.depth).toFixed(1)}`).join(' ')
  return (
    <svg viewBox={`0 0 ${w} ${h + 22}`} width="100%" role="img" aria-label={t('chartLabel', { n: points.length, last: points.at(-1)!.depth })}>
      <line x1={pad} y1={h} x2={w} y2={h} stroke="#9aa6b2" />
      <text x={0} y={12} font-size="11" fill="#5b6877">{max}</text>
      <path d={path} fill="none" stroke="#0b63c5" stroke-width="2" />
      <text x={pad} y={h + 16} font-size="11" fill="#5b6877">{hhmm(t0)}</text>
      <text x={w} y={h + 16} font-size="11" fill="#5b6877" text-anchor="end">{hhmm(t1)}</text>
    </svg>
  )
}
