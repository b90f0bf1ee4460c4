// The slash command in the reply box: "/benv" at the end of the draft (at its start or after a
// space) offers the canned replies whose shortcut starts so; choosing one puts its text there.
import type { CannedReply } from '@ascolto/protocol'

const COMMAND = /(^|\s)\/([a-z0-9_-]*)$/

export function cannedMatches(draft: string, replies: readonly CannedReply[]): CannedReply[] {
  const command = COMMAND.exec(draft)
  if (!command) return []
  const typed = command[2] ?? ''
  return replies.filter((reply) => reply.shortcut.startsWith(typed)).slice(0, 8)
}

export function insertCanned(draft: string, reply: CannedReply): string {
  return draft.replace(COMMAND, (_whole, before: string) => `${before}${reply.text}`)
}
