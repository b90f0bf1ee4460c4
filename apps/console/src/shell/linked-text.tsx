// A message's text with its http(s) addresses clickable, opened in a new tab that cannot reach
// back to the console (noopener) nor tell the site where it came from (noreferrer). Everything
// else stays text: React escapes it, nothing is parsed as markup.
import { splitLinks } from '@ascolto/protocol/links'

export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((part, index) =>
        part.href ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text, in order, never reordered
          <a key={index} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  )
}
