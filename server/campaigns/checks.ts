// What the JSON schemas cannot say about a campaign's schedule, script and form: windows
// that end after they start, branches that lead to existing steps, unique field names.
// Each failure names the field, e.g. script.steps.2.branches.0.next.
import { ValidationError } from '../common/errors.ts'
import type { DispositionForm, Schedule, Script } from './schemas.ts'

export function checkSchedule(schedule: Schedule) {
  schedule.forEach((w, i) => {
    if (w.to <= w.from) throw new ValidationError(`schedule.${i}.to`, `must be after ${w.from}`)
  })
}

export function checkScript(script: Script) {
  const ids = new Set<string>()
  script.steps.forEach((s, i) => {
    if (ids.has(s.id)) throw new ValidationError(`script.steps.${i}.id`, `duplicate step id ${s.id}`)
    ids.add(s.id)
  })
  script.steps.forEach((s, i) => s.branches.forEach((b, j) => {
    if (!ids.has(b.next)) throw new ValidationError(`script.steps.${i}.branches.${j}.next`, `no step ${b.next}`)
  }))
}

export function checkForm(form: DispositionForm) {
  const names = new Set<string>()
  form.fields.forEach((f, i) => {
    if (names.has(f.name)) throw new ValidationError(`dispositionForm.fields.${i}.name`, `duplicate field ${f.name}`)
    names.add(f.name)
    if (f.type === 'select' && !f.options?.length) throw new ValidationError(`dispositionForm.fields.${i}.options`, 'a select needs options')
  })
  form.fields.forEach((f, i) => {
    if (f.requiredWhen && !names.has(f.requiredWhen.field)) {
      throw new ValidationError(`dispositionForm.fields.${i}.requiredWhen.field`, `no field ${f.requiredWhen.field}`)
    }
  })
  if (!names.has('outcome')) throw new ValidationError('dispositionForm.fields', 'needs an outcome field')
}
