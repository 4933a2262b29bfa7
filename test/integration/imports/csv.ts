// CSV files for the import tests, written to a temporary folder per test file.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CUSTOMER_HEADER } from '../../../server/demo/customer.ts'

export const customerColumns = CUSTOMER_HEADER.trim().split(',')

/** A valid customers.csv row; override any column. */
export function customerRow(msisdn: string, over: Record<string, string> = {}): Record<string, string> {
  return {
    msisdn, name: '测试客户', gender: 'F', birthday: '1985-06-15', id_type: '居民身份证', id_number: '140105198506151234',
    address: '山西省太原市小店区长治路1号', alt_phone: '', email: '', city: '太原', owning_unit: '小店区营业厅', network: 'G',
    tier: 'gold', card_type: 'normal', payment: 'postpaid', balance: '0', unpaid_months: '0', plan_code: '4G88',
    plan_minimum: '88', contract_end: '', status: 'active', closed_on: '', joined_on: '2018-03-01', call_forwarding: '0',
    group_customer: '0', rental: '0', marketing_opt_out: '0', service_manager: '', account_manager: '',
    ...over,
  }
}

const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)

export class CsvFolder {
  readonly dir = mkdtempSync(join(tmpdir(), 'import-test-'))

  /** Writes rows under a header; each row is an array of cells or an object keyed by header. */
  write(name: string, header: readonly string[], rows: readonly (readonly string[] | Record<string, string>)[]): string {
    const lines = [header.join(','), ...rows.map((r) => (Array.isArray(r) ? r : header.map((h) => (r as Record<string, string>)[h] ?? '')).map(cell).join(','))]
    const path = join(this.dir, name)
    writeFileSync(path, lines.join('\n') + '\n')
    return path
  }

  customers(name: string, rows: readonly Record<string, string>[]) {
    return this.write(name, customerColumns, rows)
  }
}
