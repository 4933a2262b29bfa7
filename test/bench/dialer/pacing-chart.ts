// docs/pacing.svg: occupancy per strategy, one group of bars per scenario. Hand-rolled SVG
// so the README's chart needs no charting dependency.

export interface ChartGroup {
  label: string
  /** One value per series, in the order of `series`. */
  values: number[]
}

const WIDTH = 900
const HEIGHT = 420
const MARGIN = { top: 56, right: 20, bottom: 70, left: 60 }
const COLOURS = ['#9aa5b1', '#f0a202', '#1b998b', '#3d5a80']
/** The bars start at this occupancy: the strategies differ by a few points near the top. */
const FLOOR = 0.5

export function pacingChart(title: string, series: string[], groups: ChartGroup[]): string {
  const plotW = WIDTH - MARGIN.left - MARGIN.right
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom
  const y = (v: number) => MARGIN.top + plotH * (1 - (Math.max(v, FLOOR) - FLOOR) / (1 - FLOOR))
  const groupW = plotW / groups.length
  const barW = (groupW * 0.8) / series.length
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escape(title)}</text>`,
  ]
  for (let v = FLOOR; v <= 1.0001; v += 0.1) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`,
      `<text x="${MARGIN.left - 6}" y="${y(v) + 4}" text-anchor="end">${Math.round(v * 100)} %</text>`,
    )
  }
  groups.forEach((group, g) => {
    const x0 = MARGIN.left + g * groupW + groupW * 0.1
    group.values.forEach((value, s) => {
      const x = x0 + s * barW
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y(value).toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${(y(FLOOR) - y(value)).toFixed(1)}" fill="${COLOURS[s % COLOURS.length]}"/>`,
        `<text x="${(x + barW / 2 - 1).toFixed(1)}" y="${(y(value) - 4).toFixed(1)}" text-anchor="middle" font-size="10">${(value * 100).toFixed(1)}</text>`,
      )
    })
    parts.push(`<text x="${(x0 + groupW * 0.4).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle">${escape(group.label)}</text>`)
  })
  series.forEach((name, s) => {
    const x = MARGIN.left + s * 190
    parts.push(
      `<rect x="${x}" y="${HEIGHT - 30}" width="12" height="12" fill="${COLOURS[s % COLOURS.length]}"/>`,
      `<text x="${x + 18}" y="${HEIGHT - 20}">${escape(name)}</text>`,
    )
  })
  parts.push(`<text x="${MARGIN.left}" y="${MARGIN.top - 12}" fill="#555">occupancy, mean over seeds (axis starts at ${FLOOR * 100} %)</text>`, '</svg>')
  return parts.join('\n') + '\n'
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
