// Rule codes in words for the screen pop (contracts.md section 3 and the rules of domain.md).
const LABELS: Record<string, string> = {
  BIRTHDAY: '生日关怀',
  ARREARS_PREPAID: '预付费余额不足',
  ARREARS_POSTPAID: '后付费欠费两个月以上',
  CONTRACT_EXPIRY: '合约两个月内到期',
  TRAFFIC_DROP_1: '话务下降超过30%',
  TRAFFIC_DROP_2: '话务下降0–30%',
  ZERO_BILLING: '零出账',
  UNDER_MINIMUM: '连续低于套餐保底',
  OVER_PACKAGE: '连续超出套餐（可升档）',
  SINGLE_STOP: '单停',
  DOUBLE_STOP: '双停（拨打备用号码）',
  CHURN_RISK: '离网倾向',
  NEW_SUBSCRIBER: '新入网回访',
  FIRST_CONTACT: '首次接触（完善资料）',
  PERIODIC_CONTACT: '星级客户定期联系',
  SURVEY: '满意度回访',
  CALLBACK: '预约回访',
  INBOUND_VIP: 'VIP客户来电',
}

export function reasonLabel(code: string): string {
  return LABELS[code] ?? code
}
