// The report mode's words ("Segnala"), in Italian; the other languages' are in the chat's language
// files (../i18n.ts). The form's own texts (title, questions) come from the helpline's settings.

export const REPORT_IT = {
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

export type ReportWords = typeof REPORT_IT
export type ReportStrings = ReportWords & { lang: string }

/** A text of the helpline's settings in the reader's language, else its main one. */
export const localized = (texts: Record<string, string> | null, lang: string, main: string | undefined) =>
  texts ? (texts[lang] ?? (main && texts[main]) ?? Object.values(texts)[0] ?? '') : ''
