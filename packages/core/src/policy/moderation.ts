// Automatic flagging from the helpline's own word lists: it suggests, a person decides.

/** Lower case, accents removed: "Perché" and "perche" are the same word to a list. */
function normalize(text: string) {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('it')
}

/** True when the text contains one of the words (or phrases) as a whole word. */
export function matchesWordList(text: string, words: readonly string[]): boolean {
  if (words.length === 0) return false
  const haystack = ` ${normalize(text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `
  return words.some((word) => {
    const needle = normalize(word)
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
    return needle.length > 0 && haystack.includes(` ${needle} `)
  })
}
