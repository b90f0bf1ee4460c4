// The emergency take-in procedure as the form edits it, and back: its steps, each with what it
// records (a text, a place, yes or no, some of its choices, a date and time).
import type { EmergencyField } from '@ascolto/protocol'
import type { LabelledForm } from './form-model.ts'
import { labelled, labelledOf, withIds } from './form-parts.ts'
import { type Loose, list, object } from './loose.ts'

export type EmergencyStepForm = LabelledForm & { field: EmergencyField; options: LabelledForm[] }

// every kind the server knows, checked by the compiler (the console takes only types from the protocol)
const KINDS = { text: true, place: true, 'yes-no': true, choices: true, when: true } satisfies Record<
  EmergencyField,
  true
>
export const EMERGENCY_FIELD_KINDS = Object.keys(KINDS) as EmergencyField[]

const fieldOf = (value: unknown): EmergencyField =>
  (EMERGENCY_FIELD_KINDS as unknown[]).includes(value) ? (value as EmergencyField) : 'text'

export function emergencyToForm(cases: unknown): EmergencyStepForm[] {
  return list(object(object(cases).emergency).steps).map((step) => ({
    ...labelledOf(step),
    field: fieldOf(object(step).field),
    options: list(object(step).options).map(labelledOf),
  }))
}

/** `cases` with the procedure; no step: no emergency take-in, and `cases` leaves the file if empty. */
export function emergencyFromForm(steps: EmergencyStepForm[], base: Loose, languages: string[]) {
  const { emergency: _emergency, ...rest } = base
  const cases = {
    ...rest,
    ...(steps.length > 0
      ? {
          emergency: {
            steps: withIds(steps, languages, 'step').map((step) => ({
              ...labelled(step, languages),
              field: step.field,
              // only a step of choices has options; those of another kind are not kept
              ...(step.field === 'choices'
                ? { options: withIds(step.options, languages, 'option').map((o) => labelled(o, languages)) }
                : {}),
            })),
          },
        }
      : {}),
  }
  return Object.keys(cases).length > 0 ? { cases } : {}
}
