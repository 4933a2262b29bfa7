// TwiML documents as the emulator executes them. The twilio package only builds TwiML, so
// the emulator parses it with fast-xml-parser (order-preserving: verb order is the program).
import { XMLParser, XMLValidator } from 'fast-xml-parser'

export interface Verb {
  name: string
  attrs: Record<string, string>
  /** Text content (Say's words, Conference's room name, Redirect's URL). */
  text: string
  /** Nested verbs or nouns (Dial's Conference/Client/Number, Gather's Say). */
  children: Verb[]
}

export class TwimlError extends Error {}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  trimValues: true,
  parseTagValue: false,
  parseAttributeValue: false,
})

type Node = Record<string, unknown> & { ':@'?: Record<string, string> }

function toVerb(node: Node): Verb | undefined {
  const name = Object.keys(node).find((k) => k !== ':@')
  if (!name || name === '#text' || name.startsWith('?')) return undefined
  const content = (node[name] ?? []) as Node[]
  const text = content.map((c) => (typeof c['#text'] === 'string' ? c['#text'] : '')).join('').trim()
  const children = content.map(toVerb).filter((v): v is Verb => v !== undefined)
  return { name, attrs: { ...(node[':@'] ?? {}) }, text, children }
}

/** The verbs of a <Response> document; throws TwimlError (Twilio's 12100) when it is not one. */
export function parseTwiml(xml: string): Verb[] {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) throw new TwimlError(`invalid XML: ${valid.err.msg} (line ${valid.err.line})`)
  const root = (parser.parse(xml) as Node[]).map(toVerb).find((v) => v !== undefined)
  if (!root || root.name !== 'Response') throw new TwimlError('the document is not a <Response>')
  return root.children
}
