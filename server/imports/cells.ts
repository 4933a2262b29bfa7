// Byte-level checks of the common, plainly written cells (copy-rows.ts): a cell a check
// accepts is one its column's TypeBox schema accepts, with nothing to trim, and the check
// writes exactly the text the validated path would put into COPY. Anything else (a number
// written with spaces or +86 in another form, a value to trim, a bad value) is left to the
// validated path, which reports it. test/unit/imports/cells.test.ts holds every check to this
// against the schemas.

/** Output bytes; a check writes at `pos` (room for the cell and a few bytes more is reserved). */
export interface ByteOut {
  buf: Buffer
  pos: number
}

/** Accepts the cell `src[start, end)` (never empty) and writes its COPY text, or returns false. */
export type FastCell = (src: Uint8Array, start: number, end: number, out: ByteOut) => boolean

const isDigit = (b: number) => b >= 0x30 && b <= 0x39

function digits(src: Uint8Array, start: number, end: number) {
  for (let i = start; i < end; i++) if (!isDigit(src[i]!)) return false
  return true
}

function copy(src: Uint8Array, start: number, end: number, out: ByteOut) {
  const buf = out.buf
  let o = out.pos
  for (let i = start; i < end; i++) buf[o++] = src[i]!
  out.pos = o
}

function write(text: Uint8Array, out: ByteOut) {
  copy(text, 0, text.length, out)
}

const PLUS_86 = Buffer.from('+86')
const FIRST_OF_MONTH = Buffer.from('-01')

/** ASCII characters String.prototype.trim removes. */
const asciiSpace = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d)
/**
 * Lead bytes of the UTF-8 ranges holding the other characters trim removes (U+00A0, U+1680,
 * U+2000–U+205F, U+3000, U+FEFF). A cell starting or ending with any character of these
 * ranges goes to the validated path, which trims exactly.
 */
const spaceRangeLead = (b: number) => b === 0xc2 || b === 0xe1 || b === 0xe2 || b === 0xe3 || b === 0xef

function untrimmed(src: Uint8Array, start: number, end: number) {
  const first = src[start]!
  if (asciiSpace(first) || spaceRangeLead(first)) return true
  let last = end - 1
  if (src[last]! < 0x80) return asciiSpace(src[last]!)
  while (last > start && (src[last]! & 0xc0) === 0x80) last--
  return spaceRangeLead(src[last]!)
}

/**
 * Free text of at most `max` characters: UTF-8 takes at least one byte per UTF-16 unit, so
 * a cell of at most `max` bytes fits.
 */
export const fastText = (max: number): FastCell => (src, start, end, out) => {
  if (end - start > max || untrimmed(src, start, end)) return false
  copy(src, start, end, out)
  return true
}

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const twoDigits = (src: Uint8Array, i: number) => (src[i]! - 0x30) * 10 + src[i + 1]! - 0x30

/** `(19|20)YY` */
const century = (src: Uint8Array, i: number) =>
  ((src[i] === 0x31 && src[i + 1] === 0x39) || (src[i] === 0x32 && src[i + 1] === 0x30)) && isDigit(src[i + 2]!) && isDigit(src[i + 3]!)

/** YYYY-MM-DD, a real day of the years 1900–2099. */
export const fastDate: FastCell = (src, start, end, out) => {
  if (end - start !== 10 || !century(src, start) || src[start + 4] !== 0x2d || src[start + 7] !== 0x2d) return false
  if (!digits(src, start + 5, start + 7) || !digits(src, start + 8, end)) return false
  const year = twoDigits(src, start) * 100 + twoDigits(src, start + 2)
  const month = twoDigits(src, start + 5)
  const day = twoDigits(src, start + 8)
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && leap ? 29 : DAYS[month]!)) return false
  copy(src, start, end, out)
  return true
}

/** YYYY-MM, stored as the first day of the month. */
export const fastMonth: FastCell = (src, start, end, out) => {
  if (end - start !== 7 || !century(src, start) || src[start + 4] !== 0x2d || !digits(src, start + 5, end)) return false
  const month = twoDigits(src, start + 5)
  if (month < 1 || month > 12) return false
  copy(src, start, end, out)
  write(FIRST_OF_MONTH, out)
  return true
}

/** `-?\d{1,10}(\.\d+)?` (the minus only when signed). */
export const fastMoney = (signed: boolean): FastCell => (src, start, end, out) => {
  let i = start
  if (signed && src[i] === 0x2d) i++
  const whole = i
  while (i < end && isDigit(src[i]!)) i++
  if (i === whole || i - whole > 10) return false
  if (i < end) {
    if (src[i] !== 0x2e || i + 1 === end || !digits(src, i + 1, end)) return false
  }
  copy(src, start, end, out)
  return true
}

/** `\d{1,max}` */
export const fastInteger = (max: number): FastCell => (src, start, end, out) => {
  if (end - start > max || !digits(src, start, end)) return false
  copy(src, start, end, out)
  return true
}

/** One of a few ASCII words. */
export const fastOneOf = (values: readonly string[]): FastCell => {
  const words = values.map((v) => Buffer.from(v))
  return (src, start, end, out) => {
    const length = end - start
    for (const word of words) {
      if (word.length !== length) continue
      let i = 0
      while (i < length && src[start + i] === word[i]) i++
      if (i === length) {
        write(word, out)
        return true
      }
    }
    return false
  }
}

const usernameByte = (b: number) =>
  (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || isDigit(b) || b === 0x5f || b === 0x2e || b === 0x2d

/** `[A-Za-z0-9_.-]{2,64}` */
export const fastUsername: FastCell = (src, start, end, out) => {
  if (end - start < 2 || end - start > 64) return false
  for (let i = start; i < end; i++) if (!usernameByte(src[i]!)) return false
  copy(src, start, end, out)
  return true
}

/** `1[3-9]\d{9}` from `at`. */
const nationalMobile = (src: Uint8Array, at: number, end: number) =>
  end - at === 11 && src[at] === 0x31 && src[at + 1]! >= 0x33 && src[at + 1]! <= 0x39 && digits(src, at + 2, end)

/** A Chinese mobile as 11 digits or as +86 and 11 digits, stored as +86 and the 11 digits. */
export const fastMobile: FastCell = (src, start, end, out) => {
  if (nationalMobile(src, start, end)) write(PLUS_86, out)
  else if (!(src[start] === 0x2b && src[start + 1] === 0x38 && src[start + 2] === 0x36 && nationalMobile(src, start + 3, end))) return false
  copy(src, start, end, out)
  return true
}

/** A mobile (as fastMobile), or a landline as 0, its area code and number (10 to 12 digits), stored as +86 without the 0. */
export const fastContact: FastCell = (src, start, end, out) => {
  if (fastMobile(src, start, end, out)) return true
  if (end - start < 10 || end - start > 12 || src[start] !== 0x30 || src[start + 1] === 0x30 || !digits(src, start + 1, end)) return false
  write(PLUS_86, out)
  copy(src, start + 1, end, out)
  return true
}
