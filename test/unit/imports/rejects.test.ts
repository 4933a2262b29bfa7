import { describe, expect, it } from 'vitest'
import { MAX_LISTED, RejectList } from '../../../server/imports/rejects.ts'

const reject = (line: number) => ({ file: 'usage.csv', line, field: 'msisdn', message: 'no customer' })

describe('RejectList.addAll', () => {
  it('takes over the listed and the unlisted rejects of another list, within its own cap', () => {
    const list = new RejectList()
    list.add(reject(2))
    const other = new RejectList()
    for (let line = 3; line < MAX_LISTED + 13; line++) other.add(reject(line))
    list.addAll(other)
    expect(list.count).toBe(MAX_LISTED + 11)
    const listed = list.list(['usage.csv'])
    expect(listed).toHaveLength(MAX_LISTED + 1)
    expect(listed.at(-1)).toEqual({ ...reject(MAX_LISTED + 2), field: '*', message: '11 more rejected rows are not listed (first at this line)' })
  })
})
