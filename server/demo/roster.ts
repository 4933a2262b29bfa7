// The demo's people (agents.csv): per city a supervisor, service managers in A/B pairs spread
// over the centre's groups, and account managers; two province admins. Deterministic.
import { CITIES, TEAMS, TEAM_WEIGHTS, GIVEN_FEMALE, GIVEN_MALE, SURNAMES, type City } from './geography.ts'
import type { Random } from './random.ts'

export type DemoRole = 'agent' | 'supervisor' | 'admin' | 'account_manager'

export interface Person {
  username: string
  name: string
  role: DemoRole
  city: string
  team: string
  partner: string
}

/** Domain.md: 5,000 locked customers per service manager; the demo keeps at least its own roster. */
const CUSTOMERS_PER_MANAGER = 5_000
const ACCOUNT_MANAGERS_PER_CITY = 2

export function managersIn(city: City, customers: number): number {
  return Math.max(city.managers, Math.round((customers * city.share) / CUSTOMERS_PER_MANAGER))
}

export function personName(rnd: Random, male: boolean): string {
  const given = male ? GIVEN_MALE : GIVEN_FEMALE
  return rnd.pick(SURNAMES) + rnd.pick(given) + (rnd.chance(0.6) ? rnd.pick(given) : '')
}

/** Teams cycle so that the locked-user group gets the most seats (TEAM_WEIGHTS). */
const teamCycle = TEAM_WEIGHTS.flatMap((weight, team) => Array.from({ length: weight }, () => TEAMS[team]!))

export function roster(rnd: Random, customers: number): Person[] {
  const people: Person[] = [
    { username: 'admin', name: '省分管理员', role: 'admin', city: '', team: '', partner: '' },
    { username: 'admin2', name: '客服部管理员', role: 'admin', city: '', team: '', partner: '' },
  ]
  for (const city of CITIES) {
    people.push({ username: `${city.pinyin}_sup`, name: personName(rnd, rnd.chance(0.5)), role: 'supervisor', city: city.name, team: TEAMS[5], partner: '' })
    const count = managersIn(city, customers)
    const username = (j: number) => `${city.pinyin}${String(j + 1).padStart(2, '0')}`
    for (let j = 0; j < count; j++) {
      // Pairs (1,2), (3,4), ...; with an odd count the last one leans on the one before.
      const partner = j % 2 === 0 ? (j + 1 < count ? j + 1 : j - 1) : j - 1
      people.push({
        username: username(j),
        name: personName(rnd, rnd.chance(0.4)),
        role: 'agent',
        city: city.name,
        team: teamCycle[j % teamCycle.length]!,
        partner: partner >= 0 ? username(partner) : '',
      })
    }
    for (let j = 1; j <= ACCOUNT_MANAGERS_PER_CITY; j++) {
      people.push({ username: `${city.pinyin}_am${j}`, name: personName(rnd, rnd.chance(0.5)), role: 'account_manager', city: city.name, team: '', partner: '' })
    }
  }
  return people
}
