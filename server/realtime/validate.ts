// Socket messages get the same treatment as API bodies: checked against a TypeBox schema,
// and refused with an error that names the offending field.
import type { TSchema, Static } from 'typebox'
import { Compile } from 'typebox/compile'
import { Value } from 'typebox/value'
import { ValidationError } from '../common/errors.ts'

const compiled = new WeakMap<TSchema, ReturnType<typeof Compile>>()

/** Returns the message with defaults applied, or throws ValidationError naming the field. */
export function validateMessage<T extends TSchema>(schema: T, input: unknown): Static<T> {
  let check = compiled.get(schema)
  if (!check) {
    check = Compile(schema)
    compiled.set(schema, check)
  }
  const value = Value.Default(schema, input ?? {})
  if (check.Check(value)) return value as Static<T>
  const errors = [...check.Errors(value)]
  // The most specific error first: a nested field beats "must not have additional properties".
  const first = errors.find((e) => e.instancePath !== '') ?? errors[0]
  const path = (first?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.')
  if (first?.keyword === 'boolean') throw new ValidationError(path, 'is not an accepted field')
  const required = (first?.params as { requiredProperties?: string[] } | undefined)?.requiredProperties
  if (required) {
    const at = path ? path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], value) : value
    const missing = required.find((k) => (at as Record<string, unknown> | null)?.[k] === undefined) ?? required[0]!
    throw new ValidationError(path ? `${path}.${missing}` : missing, 'is required')
  }
  throw new ValidationError(path || 'body', first?.message ?? 'is invalid')
}
