// The widget's words. A tiny catalogue per language instead of an i18n library: every byte is
// downloaded by a phone that may be old and on a slow connection.

const it = {
  lang: 'it',
  openChat: 'Apri la chat',
  closeChat: 'Chiudi la chat',
  defaultTitle: 'Chat',
  intro: 'Puoi scrivere senza dire chi sei. Ti risponderà una persona.',
  messages: 'Messaggi',
  you: 'Tu',
  inputLabel: 'Scrivi un messaggio',
  inputHint: 'Invio per inviare, Maiusc+Invio per andare a capo.',
  send: 'Invia',
  sending: 'Invio…',
  waiting: 'Non ancora inviato, riprovo…',
  notSent: 'Non inviato',
  offline: 'Connessione persa, riprovo…',
  loading: 'Caricamento…',
  unavailable: 'Questa chat non è disponibile.',
  openNow: 'Aperto ora',
  closedNow: (next: string | null) =>
    next
      ? `Ora siamo chiusi: ti risponderemo ${next}. Puoi scrivere lo stesso.`
      : 'Ora siamo chiusi. Puoi scrivere lo stesso.',
  exit: 'Esci subito',
  exitLabel: 'Esci subito dalla chat',
}

export type Strings = typeof it

const en: Strings = {
  lang: 'en',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  defaultTitle: 'Chat',
  intro: 'You can write without saying who you are. A person will reply.',
  messages: 'Messages',
  you: 'You',
  inputLabel: 'Write a message',
  inputHint: 'Enter to send, Shift+Enter for a new line.',
  send: 'Send',
  sending: 'Sending…',
  waiting: 'Not sent yet, retrying…',
  notSent: 'Not sent',
  offline: 'Connection lost, retrying…',
  loading: 'Loading…',
  unavailable: 'This chat is not available.',
  openNow: 'Open now',
  closedNow: (next: string | null) =>
    next
      ? `We are closed now: we will reply ${next}. You can still write.`
      : 'We are closed now. You can still write.',
  exit: 'Leave now',
  exitLabel: 'Leave the chat now',
}

const catalogues: Record<string, Strings> = { it, en }

/** The first candidate locale we have words for wins; Italian when none matches. */
export function pickStrings(...candidates: Array<string | null | undefined>): Strings {
  for (const candidate of candidates) {
    const found = candidate && catalogues[candidate.slice(0, 2).toLowerCase()]
    if (found) return found
  }
  return it
}
