import type { Prisma } from '../db/client.ts'
import { maskAddress, maskIdNumber } from '../common/mask.ts'
import type { CustomerView } from './schemas.ts'

export const customerViewInclude = {
  branch: { select: { name: true } },
  serviceManager: { select: { username: true } },
  accountManager: { select: { username: true } },
} satisfies Prisma.CustomerInclude

type Row = Prisma.CustomerGetPayload<{ include: typeof customerViewInclude }>

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null)

export function toCustomerView(c: Row): CustomerView {
  return {
    id: c.id,
    msisdn: c.msisdn,
    name: c.name,
    gender: c.gender,
    birthday: day(c.birthday),
    idType: c.idType,
    idNumberMasked: maskIdNumber(c.idNumber),
    addressMasked: maskAddress(c.address),
    altPhone: c.altPhone,
    email: c.email,
    branch: c.branch.name,
    owningUnit: c.owningUnit,
    network: c.network,
    tier: c.tier,
    cardType: c.cardType,
    payment: c.payment,
    balance: Number(c.balance),
    unpaidMonths: c.unpaidMonths,
    planCode: c.planCode,
    planMinimum: Number(c.planMinimum),
    contractEnd: day(c.contractEnd),
    status: c.status,
    joinedOn: day(c.joinedOn)!,
    callForwarding: c.callForwarding,
    marketingOptOut: c.marketingOptOut,
    directRoutingOptOut: c.directRoutingOptOut,
    serviceManager: c.serviceManager?.username ?? null,
    accountManager: c.accountManager?.username ?? null,
  }
}
