// The words for a door (a channel connection), apart from the hook that translates its kind, so
// the rule is tested on its own.

/**
 * A door as people know it ("SMS", "Chat sul sito"), with the name the helpline gave it where that
 * says more: never the label twice, never the provider's name (the kind, where the label differs).
 */
export function doorLabel(label: string, kind: string, name?: string | null) {
  const provider = label.toLowerCase() !== kind ? new RegExp(kind, 'gi') : null
  const own = (provider ? (name ?? '').replace(provider, '') : (name ?? '')).replace(/\s+/g, ' ').trim()
  if (!own || own.toLowerCase() === label.toLowerCase()) return label
  return own.toLowerCase().includes(label.toLowerCase()) ? own : `${label} · ${own}`
}
