// How a phone manager answers their own VIP (domain.md "Inbound"): 您好！电话经理小X很高兴为您服务,
// where X is the manager's surname, as colleagues and customers address them (小王, 小欧阳).

const COMPOUND_SURNAMES = [
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙',
  '宇文', '司徒', '夏侯', '轩辕', '令狐', '钟离', '端木', '独孤', '南宫', '西门',
]

const HAN = /^\p{Script=Han}+$/u

/** The surname of a Chinese name; other names are used whole. */
export function surname(name: string): string {
  const n = name.trim()
  if (!HAN.test(n) || n.length < 2) return n
  return COMPOUND_SURNAMES.find((s) => n.startsWith(s) && n.length > s.length) ?? n[0]!
}

export function managerGreeting(name: string): string {
  return `您好！电话经理小${surname(name)}很高兴为您服务`
}
