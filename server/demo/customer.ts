// One demo subscriber: profile (customers.csv) and the hidden drivers of their bills
// (usage.csv). Proportions follow domain.md: ARPU bands like Taiyuan's 2876/1039/837/248 per
// manager (Datong's poorer mix elsewhere), and every warning rule's trigger present at a
// realistic rate. Churners are planted with the signals a churn model should learn
// (declining spend and minutes, zero months, arrears, call forwarding, an ended contract),
// but a quarter of them leave without warning and some stayers look just as bad: a model
// can reach a meaningful AUC, not a perfect one.
import { MOBILE_PREFIXES, PLANS, PROVINCE, STREETS, type City } from './geography.ts'
import { personName } from './roster.ts'
import type { Random } from './random.ts'

/** A calendar month as one integer: year * 12 + month (0-based). */
export type MonthIndex = number
export const monthOf = (date: Date): MonthIndex => date.getUTCFullYear() * 12 + date.getUTCMonth()
const pad2 = (n: number) => String(n).padStart(2, '0')
export const monthText = (m: MonthIndex) => `${Math.floor(m / 12)}-${pad2((m % 12) + 1)}`
const daysIn = (m: MonthIndex) => new Date(Date.UTC(Math.floor(m / 12), (m % 12) + 1, 0)).getUTCDate()
const isoDay = (date: Date) => date.toISOString().slice(0, 10)
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000)

/** Bands of the locked users (yuan per month) with their shares: Taiyuan's and Datong's managers' mixes. */
const BANDS = [[50, 100], [100, 150], [150, 300], [300, 900]] as const
const WEALTHY_MIX = [2876, 1039, 837, 248]
const PLAIN_MIX = [3286, 910, 624, 180]
/** Share of subscribers below 50 yuan (not locked users unless new, broadband, group or rental). */
const LOW_VALUE = 0.42

export interface DemoContext {
  asOf: Date
  /** The usage months: asOf's month − months … asOf's month − 1. */
  firstMonth: MonthIndex
  lastMonth: MonthIndex
  /** Usernames per city, for explicit assignments. */
  managers: Map<string, string[]>
  accountManagers: Map<string, string[]>
}

export interface DemoCustomer {
  csv: string
  usage: string
  usageRows: number
  closed: boolean
}

interface Drivers {
  base: number
  planMinimum: number
  floorAtPlan: boolean
  network: 'G' | 'C' | 'BB'
  spOnly: boolean
  spFee: number
  joined: MonthIndex
  /** Month the customer leaves (may lie after the usage window: a future churner already showing signs). */
  churn: MonthIndex | undefined
  /** Months of decline before `churn` (0: leaves without warning). */
  decline: number
  zeroBeforeChurn: boolean
  /** A stayer whose spend sags like a churner's. */
  falseAlarm: MonthIndex | undefined
  dipM1: number
  zeroM1: boolean
  suspended: boolean
}

function msisdn(i: number, seed: number) {
  // (i * 7919 + offset) mod 10^8 is a bijection on 8-digit suffixes: numbers never repeat.
  const suffix = (i * 7919 + seed * 104_729) % 100_000_000
  return `${MOBILE_PREFIXES[i % MOBILE_PREFIXES.length]}${String(suffix).padStart(8, '0')}`
}

/** 18-digit resident ID: region, birth date, sequence (odd for men), ISO 7064 check digit. */
function idNumber(rnd: Random, city: City, birthday: string, male: boolean) {
  const seq = `${pad2(rnd.int(0, 99))}${rnd.int(0, 4) * 2 + (male ? 1 : 0)}`
  const body = city.region + birthday.replaceAll('-', '') + seq
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let k = 0; k < 17; k++) sum += Number(body[k]) * weights[k]!
  return body + '10X98765432'[sum % 11]
}

function bandBase(rnd: Random, wealthy: boolean): number {
  if (rnd.chance(LOW_VALUE)) return rnd.between(6, 49.5)
  const mix = wealthy ? WEALTHY_MIX : PLAIN_MIX
  const [low, high] = BANDS[rnd.weighted(mix.map((w, k) => [k, w] as const))]!
  // Heavy tail inside the top band.
  return high === 900 ? low + (high - low) * rnd.next() ** 2 : rnd.between(low, high)
}

const tierFor = (rnd: Random, base: number) =>
  base >= 300 ? (rnd.chance(0.6) ? 'diamond' : 'gold')
    : base >= 150 ? (rnd.chance(0.7) ? 'gold' : 'silver')
      : base >= 100 ? (rnd.chance(0.7) ? 'silver' : 'star')
        : base >= 50 ? (rnd.chance(0.6) ? 'star' : 'standard') : 'standard'

/** The package a customer holds: usually the biggest below their spend, sometimes one too big or too small. */
function planFor(rnd: Random, base: number): readonly [string, number] | undefined {
  let k = PLANS.findLastIndex(([, minimum]) => minimum <= base * 0.95)
  if (k < 0) return rnd.chance(0.5) ? PLANS[0] : undefined
  if (rnd.chance(0.08)) k = Math.min(PLANS.length - 1, k + 1)
  else if (rnd.chance(0.1)) k = Math.max(0, k - 2)
  return PLANS[k]
}

const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)
const money = (yuan: number) => yuan.toFixed(2)

function season(m: MonthIndex) {
  const month = m % 12
  return month === 1 ? 1.08 : month === 0 ? 1.04 : month === 7 ? 1.03 : 1
}

/** This month's bill before churn effects. */
function plainBill(rnd: Random, d: Drivers, m: MonthIndex) {
  if (d.spOnly) return d.spFee
  const usage = d.base * season(m) * (1 + 0.07 * rnd.normal())
  const bill = d.floorAtPlan ? d.planMinimum + Math.max(0, usage - d.planMinimum) : usage
  return Math.max(0, bill)
}

function usageLines(rnd: Random, ctx: DemoContext, number: string, d: Drivers) {
  let out = ''
  let rows = 0
  const start = Math.max(ctx.firstMonth, d.joined)
  for (let m = start; m <= ctx.lastMonth; m++) {
    if (d.churn !== undefined && m > d.churn) break
    let bill = plainBill(rnd, d, m)
    let minutesFactor = 1
    if (d.churn !== undefined && d.decline > 0 && m > d.churn - d.decline) {
      const into = m - (d.churn - d.decline)
      bill *= 0.78 ** into
      minutesFactor = 0.6 ** into
      if (d.zeroBeforeChurn && m >= d.churn - 1) bill = 0
    }
    if (d.falseAlarm !== undefined && m >= d.falseAlarm) {
      bill *= 0.8 ** (m - d.falseAlarm + 1)
      minutesFactor = 0.7
    }
    if (m === ctx.lastMonth) {
      if (d.zeroM1 || d.suspended) bill = d.suspended ? bill * 0.3 : 0
      else bill *= d.dipM1
    }
    if (m === d.churn) bill *= rnd.between(0.2, 0.8) // left during the month
    const sp = Math.min(d.spFee, bill)
    const minutes = d.network === 'BB' || d.spOnly ? 0 : Math.round((bill - sp) * rnd.between(1.5, 4) * minutesFactor)
    out += `${number},${monthText(m)},${money(bill)},${money(sp)},${minutes}\n`
    rows++
  }
  return { out, rows }
}

export function drawCustomer(rnd: Random, ctx: DemoContext, city: City, i: number, seed: number): DemoCustomer {
  const { asOf } = ctx
  const asOfMonth = monthOf(asOf)
  const number = msisdn(i, seed)
  const male = rnd.chance(0.5)
  const name = personName(rnd, male)
  const birthDate = addDays(new Date(Date.UTC(asOf.getUTCFullYear() - Math.min(85, Math.max(18, Math.round(40 + 13 * rnd.normal()))), 0, 1)), rnd.int(0, 364))
  const birthday = isoDay(birthDate)
  const district = rnd.pick(city.districts)
  const address = `${PROVINCE}${city.name}市${district}${rnd.pick(STREETS)}${rnd.int(1, 399)}号${rnd.int(1, 30)}栋${rnd.int(1, 6)}单元${rnd.int(1, 28)}0${rnd.int(1, 4)}室`

  const network = rnd.weighted([['G', 80], ['C', 11], ['BB', 9]] as const)
  let base = bandBase(rnd, city.wealthy)
  if (network === 'BB') base = rnd.between(40, 160)
  const postpaid = network === 'BB' || rnd.chance(base >= 100 ? 0.7 : 0.45)
  const plan = planFor(rnd, base)
  const group = rnd.chance(base >= 150 ? 0.12 : 0.04)
  const rental = network === 'C' ? rnd.chance(0.25) : rnd.chance(0.01)
  const cardType = rnd.weighted([['normal', 982], ['staff', 12], ['test', 3], ['public_free', 3]] as const)
  const spOnly = base < 50 && network !== 'BB' && rnd.chance(0.025)
  const spFee = spOnly ? rnd.between(3, 20) : rnd.chance(0.25) ? rnd.between(1, 15) : 0

  // Tenure: a few joined in the last 30 days (new-subscriber callbacks), some earlier this year.
  const joinedDate = rnd.chance(0.025) ? addDays(asOf, -rnd.int(0, 29))
    : rnd.chance(0.1) ? addDays(new Date(Date.UTC(asOf.getUTCFullYear(), 0, 1)), rnd.int(0, Math.max(0, Math.floor((asOf.getTime() - Date.UTC(asOf.getUTCFullYear(), 0, 1)) / 86_400_000) - 30)))
      : addDays(asOf, -rnd.int(365, 15 * 365))
  const joined = monthOf(joinedDate)
  const tenureYears = (asOf.getTime() - joinedDate.getTime()) / (365 * 86_400_000)

  let contractEnd = rnd.chance(0.4) ? addDays(asOf, rnd.int(-180, 420)) : undefined

  // Churn hazard grows with short tenure, prepaid, low tier and an ended contract.
  const risk = (tenureYears < 2 ? 1.8 : 1) * (postpaid ? 1 : 1.3) * (base < 100 ? 1.2 : 0.8) * (contractEnd && contractEnd < asOf ? 1.4 : 1)
  // Leaving month: any month of the window or the next three (customers already showing signs).
  const churn = cardType === 'normal' && rnd.chance(Math.min(0.5, 0.085 * risk))
    ? rnd.int(Math.max(ctx.firstMonth, joined + 2), asOfMonth + 2) : undefined
  const warned = churn !== undefined && rnd.chance(0.75)
  const closedOn = churn !== undefined
    ? addDays(new Date(Date.UTC(Math.floor(churn / 12), churn % 12, 1)), rnd.int(0, daysIn(churn) - 1)) : undefined
  const closed = closedOn !== undefined && closedOn < asOf
  if (warned && contractEnd && rnd.chance(0.4)) contractEnd = addDays(closedOn!, -rnd.int(15, 90))

  const suspended = !closed && rnd.chance(0.03)
  const status = closed ? 'closed' : suspended ? (rnd.chance(0.33) ? 'double_stop' : 'single_stop') : 'active'
  const unpaid = !postpaid ? 0
    : status === 'double_stop' ? rnd.int(3, 5)
      : status === 'single_stop' ? rnd.int(2, 3)
        : warned && rnd.chance(0.6) ? rnd.int(1, 3)
          : rnd.weighted([[0, 92], [1, 5], [2, 2], [3, 1]] as const)
  const balance = postpaid ? 0
    : status !== 'active' ? -rnd.between(0, 30)
      : rnd.chance(warned ? 0.3 : 0.08) ? rnd.between(0, 9.99) : base * rnd.between(0.15, 1.5)
  const forwarding = rnd.chance(warned ? 0.3 : 0.02)

  const altPhone = status === 'double_stop' || rnd.chance(0.55) ? `${rnd.pick(MOBILE_PREFIXES)}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`
    : rnd.chance(0.2) ? `${city.areaCode}-${rnd.int(2_000_000, 8_999_999)}` : ''
  const email = rnd.chance(0.15) ? `${rnd.int(100_000, 9_999_999_999)}@${rnd.pick(['qq.com', '163.com', '126.com'])}` : ''
  const tier = tierFor(rnd, base)
  const owningUnit = group ? '集团客户部' : rnd.chance(0.85) ? `${district}营业厅` : '社会渠道部'
  const managers = ctx.managers.get(city.name) ?? []
  const serviceManager = tier === 'diamond' && !closed && rnd.chance(0.3) ? rnd.pick(managers) : ''
  const accountManager = group || tier === 'diamond' ? rnd.pick(ctx.accountManagers.get(city.name) ?? ['']) : ''

  const drivers: Drivers = {
    base, planMinimum: plan?.[1] ?? 0, floorAtPlan: postpaid && plan !== undefined, network, spOnly, spFee, joined, churn,
    decline: warned ? rnd.int(2, 4) : 0,
    zeroBeforeChurn: warned && rnd.chance(0.35),
    falseAlarm: churn === undefined && rnd.chance(0.05) ? rnd.int(ctx.lastMonth - 3, ctx.lastMonth) : undefined,
    dipM1: rnd.chance(0.06) ? rnd.between(0.4, 0.95) : 1,
    zeroM1: rnd.chance(0.015),
    suspended,
  }
  const usage = usageLines(rnd, ctx, number, drivers)

  const csv = [
    number, name, male ? 'M' : 'F', birthday, '居民身份证', idNumber(rnd, city, birthday, male), quote(address), altPhone, email,
    city.name, owningUnit, network, tier, cardType, postpaid ? 'postpaid' : 'prepaid', money(balance), unpaid,
    plan?.[0] ?? '', money(plan?.[1] ?? 0), contractEnd ? isoDay(contractEnd) : '', status, closed ? isoDay(closedOn!) : '',
    isoDay(joinedDate), forwarding ? 1 : 0, group ? 1 : 0, rental ? 1 : 0, rnd.chance(0.04) ? 1 : 0, serviceManager, accountManager,
  ].join(',')
  return { csv: `${csv}\n`, usage: usage.out, usageRows: usage.rows, closed }
}

export const CUSTOMER_HEADER = 'msisdn,name,gender,birthday,id_type,id_number,address,alt_phone,email,city,owning_unit,network,tier,card_type,payment,balance,unpaid_months,plan_code,plan_minimum,contract_end,status,closed_on,joined_on,call_forwarding,group_customer,rental,marketing_opt_out,service_manager,account_manager\n'
export const USAGE_HEADER = 'msisdn,month,bill,sp_fee,call_minutes\n'
