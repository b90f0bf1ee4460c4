// What every part of the form shares: reading loose values as the form's text, and writing the
// form's lists back with their ids and only the languages the helpline has.
import type { LabelledForm, Texts } from './form-model.ts'
import { object } from './loose.ts'

export const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''

export const textsOf = (value: unknown): Texts =>
  Object.fromEntries(Object.entries(object(value)).map(([language, t]) => [language, text(t)]))
export const labelledOf = (value: unknown): LabelledForm => ({
  id: text(object(value).id),
  label: textsOf(object(value).label),
})
/** The texts in the helpline's languages that are not empty; none at all: no such text. */
export function localized(texts: Texts, languages: string[]) {
  const present = languages.filter((language) => (texts[language] ?? '').trim() !== '')
  if (present.length === 0) return undefined
  return Object.fromEntries(present.map((language) => [language, texts[language] as string]))
}

/** "Ufficio casa" → "ufficio-casa": a redirect needs an id, which nobody should have to invent. */
export function slug(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
}

/**
 * The items with their ids: a new item (no id yet) gets one from its name in the main language,
 * unlike every other id of its list; an item keeps its id when renamed, as the statistics count by it.
 */
export function withIds<T extends LabelledForm>(items: T[], languages: string[], kind: string) {
  const taken = new Set(items.map((item) => item.id.trim()).filter(Boolean))
  return items.map((item, index) => {
    if (item.id.trim()) return { ...item, id: item.id.trim() }
    const base = slug(languages.map((l) => item.label[l] ?? '').find((l) => l.trim()) ?? '').slice(0, 34)
    let id = base || `${kind}-${index + 1}`
    for (let n = 2; taken.has(id); n++) id = `${base || kind}-${n}`
    taken.add(id)
    return { ...item, id }
  })
}

export const labelled = (item: LabelledForm, languages: string[]) => ({
  id: item.id,
  label: localized(item.label, languages) ?? {},
})

// a number when it reads as one, otherwise what was typed, for the server to name the field
export const numberOrText = (typed: string) =>
  typed.trim() !== '' && Number.isFinite(Number(typed)) ? Number(typed) : typed
