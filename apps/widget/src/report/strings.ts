// The report mode's words ("Segnala"), beside the chat's catalogue (../i18n.ts); the form's own
// texts (title, questions) come from the helpline's settings.

const it = {
  lang: 'it',
  fallbackTitle: 'Segnala',
  exit: 'Esci subito',
  exitLabel: 'Esci subito dalla pagina',
  loading: 'Caricamento…',
  unavailable: 'Il modulo non è disponibile.',
  required: 'obbligatoria',
  optional: 'facoltativa',
  yes: 'Sì',
  no: 'No',
  datePlaceholder: 'AAAA-MM-GG',
  send: 'Invia la segnalazione',
  sending: 'Invio in corso: un controllo anti-spam può richiedere qualche secondo…',
  anonymous: 'Non chiediamo chi sei. Nulla resta su questo dispositivo.',
  answerRequired: 'Rispondi a questa domanda.',
  fixAbove: 'Controlla le risposte segnate sopra.',
  sent: 'Segnalazione inviata. Grazie.',
  receiptIntro:
    "Questo è il tuo codice di ricevuta. Scrivilo su carta o copialo in un posto sicuro: è l'unico modo per leggere la nostra risposta e aggiungere informazioni, da qualsiasi dispositivo. Non lo conserviamo e non lo vedrai più.",
  receiptLabel: 'Codice di ricevuta',
  copy: 'Copia il codice',
  copied: 'Codice copiato.',
  noted: 'Ho preso nota del codice',
  haveCode: 'Hai già un codice di ricevuta?',
  haveCodeHelp: 'Inseriscilo per leggere la risposta e aggiungere informazioni.',
  codeLabel: 'Codice di ricevuta',
  open: 'Apri la segnalazione',
  opening: 'Apertura…',
  unknownCode: 'Nessuna segnalazione con questo codice. Controllalo e riprova.',
  tooMany: 'Troppi tentativi da questa rete. Riprova tra qualche minuto.',
  unreachable: 'Non riusciamo a raggiungere il servizio. Riprova tra poco.',
  newReport: 'Nuova segnalazione',
  threadTitle: 'La tua segnalazione',
  yourReport: 'La segnalazione',
  you: 'Tu',
  line: 'La linea',
  noAnswerYet: 'Ancora nessuna risposta. Torna a controllare con il tuo codice.',
  addLabel: 'Aggiungi informazioni',
  add: 'Invia',
  added: 'Aggiunto alla segnalazione.',
  close: 'Chiudi la segnalazione',
  language: 'Lingua',
}

export type ReportStrings = typeof it

const en: ReportStrings = {
  lang: 'en',
  fallbackTitle: 'Report',
  exit: 'Leave now',
  exitLabel: 'Leave this page now',
  loading: 'Loading…',
  unavailable: 'The form is not available.',
  required: 'required',
  optional: 'optional',
  yes: 'Yes',
  no: 'No',
  datePlaceholder: 'YYYY-MM-DD',
  send: 'Send the report',
  sending: 'Sending: an anti-spam check may take a few seconds…',
  anonymous: 'We do not ask who you are. Nothing is kept on this device.',
  answerRequired: 'Please answer this question.',
  fixAbove: 'Check the answers marked above.',
  sent: 'Report sent. Thank you.',
  receiptIntro:
    'This is your receipt code. Write it on paper or copy it somewhere safe: it is the only way to read our answer and add information, from any device. We do not keep it and you will not see it again.',
  receiptLabel: 'Receipt code',
  copy: 'Copy the code',
  copied: 'Code copied.',
  noted: 'I have noted the code',
  haveCode: 'Do you already have a receipt code?',
  haveCodeHelp: 'Enter it to read the answer and add information.',
  codeLabel: 'Receipt code',
  open: 'Open the report',
  opening: 'Opening…',
  unknownCode: 'No report has this code. Check it and try again.',
  tooMany: 'Too many tries from this network. Try again in a few minutes.',
  unreachable: 'We cannot reach the service. Try again shortly.',
  newReport: 'New report',
  threadTitle: 'Your report',
  yourReport: 'The report',
  you: 'You',
  line: 'The line',
  noAnswerYet: 'No answer yet. Come back and check with your code.',
  addLabel: 'Add information',
  add: 'Send',
  added: 'Added to the report.',
  close: 'Close the report',
  language: 'Language',
}

const catalogues: Record<string, ReportStrings> = { it, en }

/** The languages the page can offer: the form's that this catalogue has words for. */
export const offeredLanguages = (formLanguages: readonly string[]) =>
  formLanguages.filter((language) => language in catalogues)

/** The first candidate we have words for (and the form has, once known) wins; Italian when none does. */
export function pickReportStrings(
  formLanguages: readonly string[] | null,
  ...candidates: Array<string | null | undefined>
): ReportStrings {
  for (const candidate of candidates) {
    const language = candidate?.slice(0, 2).toLowerCase()
    const found = language && catalogues[language]
    if (found && (!formLanguages || formLanguages.includes(language))) return found
  }
  return it
}

/** Each language by its own name, for the switch. */
export const LANGUAGE_NAMES: Record<string, string> = { it: 'Italiano', en: 'English' }

/** A text of the helpline's settings in the reader's language, else its main one. */
export const localized = (texts: Record<string, string> | null, lang: string, main: string | undefined) =>
  texts ? (texts[lang] ?? (main && texts[main]) ?? Object.values(texts)[0] ?? '') : ''
