// What a person wrote, without the history their mail program quoted below it: the reply is cut
// at the first attribution line ("On … wrote:", "Il giorno … ha scritto:"), Outlook's header
// block ("-----Original Message-----", "Da: … Inviato: …"), a run of "> " lines that goes on to
// the end, or the signature delimiter ("-- "). What is left is trimmed; a message that is only a
// quote keeps its text, so nothing a person sent is ever shown as empty.
const ATTRIBUTION = [
  // Gmail, Apple Mail, Thunderbird in English and Italian; the line may wrap once
  /^On .{1,200}(\n.{0,200})?wrote:\s*$/m,
  /^Il giorno .{1,200}(\n.{0,200})?ha scritto:\s*$/m,
  /^Il .{1,200}(\n.{0,200})?ha scritto:\s*$/m,
  /^.{1,200} <[^>\s]+@[^>\s]+> (wrote|ha scritto):\s*$/m,
  /^-{2,}\s*(Original Message|Messaggio originale)\s*-{2,}\s*$/im,
  /^_{10,}\s*$/m,
  /^(From|Da): .+\n(Sent|Inviato|Date|Data): .+$/m,
]

export function stripQuoted(text: string): string {
  const normalised = text.replace(/\r\n?/g, '\n')
  let end = normalised.length
  for (const pattern of ATTRIBUTION) {
    const match = pattern.exec(normalised)
    if (match && match.index < end) end = match.index
  }
  let kept = normalised.slice(0, end)
  // a signature ends the message ("-- " alone on its line, RFC 3676)
  const signature = /^-- $/m.exec(kept)
  if (signature) kept = kept.slice(0, signature.index)
  // quoted lines at the end, even without an attribution
  const lines = kept.split('\n')
  while (lines.length > 0 && /^\s*(>.*)?$/.test(lines[lines.length - 1] ?? '')) lines.pop()
  const reply = lines.join('\n').trim()
  return reply.length > 0 ? reply : normalised.trim()
}
