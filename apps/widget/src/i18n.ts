// The widget's words. A tiny catalogue per language instead of an i18n library: every byte is
// downloaded by a phone that may be old and on a slow connection.

/** When the line answers by, in the person's own time zone; `day` only when it is not today. */
type AnswerBy = { time: string; day: string | null }

const it = {
  lang: 'it',
  dir: 'ltr' as 'ltr' | 'rtl',
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
  offline: 'Non riusciamo a raggiungere il servizio. Quello che scrivi resta qui e partirà appena possibile.',
  loading: 'Caricamento…',
  unavailable: 'Questa chat non è disponibile.',
  endChat: 'Termina la chat',
  endChatQuestion: 'Vuoi terminare la chat?',
  endChatYes: 'Sì, termina',
  endChatNo: 'No',
  ended: 'La chat è terminata e non ne resta traccia in questa finestra.',
  newChat: 'Nuova chat',
  download: 'Scarica la conversazione',
  leaveNote: 'Se chiudi questa scheda, la conversazione non sarà più visibile su questo dispositivo.',
  continueLater: 'Continua più tardi o da un altro dispositivo',
  codeIntro:
    'Per continuarla più tardi, anche da un altro dispositivo, scrivi da qualche parte questo codice (qui non resta salvato):',
  codeUntil: (date: string) => `Vale una volta sola, fino al ${date}.`,
  haveCode: 'Hai un codice per continuare una conversazione?',
  codeLabel: 'Codice per continuare',
  codeGo: 'Continua la conversazione',
  codeWrong: 'Questo codice non funziona. Controllalo, oppure inizia una nuova chat.',
  codeBusy: 'Non è stato possibile ora. Riprova tra qualche minuto.',
  typing: 'Sta scrivendo…',
  seen: 'Visto',
  prechatIntro: 'Prima di iniziare, qualche domanda. Puoi rispondere in modo anonimo.',
  policyAccept: "Ho letto e accetto l'informativa",
  policyLink: 'Informativa sulla privacy (si apre in una nuova scheda)',
  answerRequired: 'Rispondi a questa domanda per iniziare.',
  policyRequired: "Accetta l'informativa per iniziare.",
  start: 'Inizia la chat',
  transcriptYou: 'Tu',
  openNow: 'Aperto ora',
  attended: 'Una persona della linea è qui con te.',
  waitMinutes: (place: number, minutes: number) =>
    `${place === 1 ? 'Sei la prima persona in attesa' : `Sei la ${place}ª persona in attesa`}: circa ${minutes} ${minutes === 1 ? 'minuto' : 'minuti'}.`,
  waitBusy: (place: number, by: AnswerBy | null) =>
    `${place === 1 ? 'Sei la prima persona in attesa' : `Sei la ${place}ª persona in attesa`}. La linea ora è molto occupata: ti risponderemo ${by ? (by.day ? `entro ${by.day} alle ${by.time}` : `entro le ${by.time}`) : 'appena possibile'}.`,
  closedNow: (next: string | null) =>
    next
      ? `Ora siamo chiusi: ti risponderemo ${next}. Puoi scrivere lo stesso.`
      : 'Ora siamo chiusi. Puoi scrivere lo stesso.',
  exit: 'Esci subito',
  exitLabel: 'Esci subito dalla chat',
  surveyIntro: 'La conversazione è chiusa. Ci aiuti con qualche risposta? È anonima, e puoi saltarla.',
  surveyScale: '1 = per niente, 5 = moltissimo',
  yes: 'Sì',
  no: 'No',
  surveySend: 'Invia le risposte',
  surveySkip: 'Salta',
  surveySending: 'Invio delle risposte…',
  surveyThanks: 'Grazie delle tue risposte.',
}

export type Strings = typeof it

const en: Strings = {
  lang: 'en',
  dir: 'ltr',
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
  offline: 'We cannot reach the service. What you write stays here and is sent as soon as possible.',
  loading: 'Loading…',
  unavailable: 'This chat is not available.',
  endChat: 'End chat',
  endChatQuestion: 'End the chat?',
  endChatYes: 'Yes, end it',
  endChatNo: 'No',
  ended: 'The chat has ended and nothing of it is left in this window.',
  newChat: 'New chat',
  download: 'Download the conversation',
  leaveNote: 'If you close this tab, the conversation will no longer be visible on this device.',
  continueLater: 'Continue later or from another device',
  codeIntro: 'To continue it later, from any device, write this code down somewhere (it is not kept here):',
  codeUntil: (date: string) => `It works once, until ${date}.`,
  haveCode: 'Do you have a code to continue a conversation?',
  codeLabel: 'Code to continue',
  codeGo: 'Continue the conversation',
  codeWrong: 'This code does not work. Check it, or start a new chat.',
  codeBusy: 'That was not possible just now. Try again in a few minutes.',
  typing: 'Writing…',
  seen: 'Seen',
  prechatIntro: 'Before we start, a few questions. Your answers stay anonymous.',
  policyAccept: 'I have read and accept the privacy policy',
  policyLink: 'Privacy policy (opens in a new tab)',
  answerRequired: 'Answer this question to start.',
  policyRequired: 'Accept the policy to start.',
  start: 'Start the chat',
  transcriptYou: 'You',
  openNow: 'Open now',
  attended: 'Someone from the line is here with you.',
  waitMinutes: (place: number, minutes: number) =>
    `${place === 1 ? 'You are next in line' : `You are ${ordinal(place)} in line`}: about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
  waitBusy: (place: number, by: AnswerBy | null) =>
    `${place === 1 ? 'You are next in line' : `You are ${ordinal(place)} in line`}. The line is very busy now: we will reply ${by ? (by.day ? `by ${by.time} on ${by.day}` : `by ${by.time}`) : 'as soon as we can'}.`,
  closedNow: (next: string | null) =>
    next
      ? `We are closed now: we will reply ${next}. You can still write.`
      : 'We are closed now. You can still write.',
  exit: 'Leave now',
  exitLabel: 'Leave the chat now',
  surveyIntro:
    'The conversation is closed. Would you help us with a few answers? They are anonymous, and you can skip them.',
  surveyScale: '1 = not at all, 5 = very much',
  yes: 'Yes',
  no: 'No',
  surveySend: 'Send the answers',
  surveySkip: 'Skip',
  surveySending: 'Sending your answers…',
  surveyThanks: 'Thank you for your answers.',
}

function ordinal(n: number) {
  const teen = n % 100 >= 11 && n % 100 <= 13
  const last = n % 10
  return `${n}${teen ? 'th' : last === 1 ? 'st' : last === 2 ? 'nd' : last === 3 ? 'rd' : 'th'}`
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
