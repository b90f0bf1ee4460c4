import type { ChatState } from './chat.ts'

// The person's own copy of the conversation, made in the browser from what the widget holds: no
// request, nothing kept. The file name names no helpline, in case someone looks at Downloads.

export function transcriptText(state: ChatState, names: { you: string; helpline: string }): string {
  const lines = state.messages.map((message) => {
    const at = new Date(message.createdAt)
    const when = Number.isNaN(at.getTime()) ? '' : `[${at.toLocaleString()}] `
    const who = message.direction === 'inbound' ? names.you : names.helpline
    return `${when}${who}: ${message.text}`
  })
  return `${lines.join('\n\n')}\n`
}

export function downloadTranscript(state: ChatState, names: { you: string; helpline: string }): void {
  // A byte-order mark, so that Windows' Notepad reads accented and right-to-left text as UTF-8.
  const blob = new Blob(['\ufeff', transcriptText(state, names)], { type: 'text/plain;charset=utf-8' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = `chat-${new Date().toISOString().slice(0, 10)}.txt`
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
