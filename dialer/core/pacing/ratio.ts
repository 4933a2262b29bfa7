import type { Floor } from '../floor.ts'

/** Fixed-ratio pacing: keeps `ratio` pooled calls ringing per free agent. */
export function ratioCalls(ratio: number, floor: Floor): number {
  return Math.max(0, Math.round(ratio * floor.free.length) - floor.ringing.length)
}
