// The widget's words. Italian, the default, ships in the bundle; every other language is a small
// file of its own (src/i18n/<lang>.json, the report mode's words beside the chat's), built under a
// hashed name (vite.config.ts) and fetched only when a person reads that language: every byte of
// the bundle is downloaded by a phone that may be old and on a slow connection. Texts are templates
// with {names}, so a catalogue is data, not code.
import { useEffect, useState } from 'preact/hooks'
import { REPORT_IT, type ReportWords } from './report/strings.ts'

const it = {
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
  codeUntil: 'Vale una volta sola, fino al {date}.',
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
  queueFirst: 'Sei la prima persona in attesa',
  queuePlace: 'Sei la {place}ª persona in attesa',
  waitAbout: '{queue}: circa {minutes}.',
  waitBusy: '{queue}. La linea ora è molto occupata: ti risponderemo {when}.',
  byDay: 'entro {day} alle {time}',
  byTime: 'entro le {time}',
  soon: 'appena possibile',
  closedUntil: 'Ora siamo chiusi: ti risponderemo {next}. Puoi scrivere lo stesso.',
  closedNow: 'Ora siamo chiusi. Puoi scrivere lo stesso.',
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
  language: 'Lingua',
}

type Words = typeof it
export type Strings = Words & { lang: string; dir: 'ltr' | 'rtl' }
/** What a language's file holds. */
export type Catalogue = { chat: Words; report: ReportWords }

/** Italian's words, which every language file must match (i18n/catalogues.test.ts). */
export const ITALIAN_WORDS: Catalogue = { chat: it, report: REPORT_IT }

/** The languages the widget speaks, by their own names, with the launcher's label (shown before anything is fetched). */
export const LANGUAGES: Record<string, [name: string, openChat: string]> = {
  it: ['Italiano', 'Apri la chat'],
  en: ['English', 'Open chat'],
  fr: ['Français', 'Ouvrir le chat'],
  es: ['Español', 'Abrir el chat'],
  ro: ['Română', 'Deschide chatul'],
  sq: ['Shqip', 'Hap bisedën'],
  ar: ['العربية', 'افتح المحادثة'],
  uk: ['Українська', 'Відкрити чат'],
  zh: ['中文', '打开聊天'],
}

// Set by vite.config.ts: each language but Italian → its file, 'widget-assets/lang-<lang>-HASH.json'.
declare const __CATALOGUES__: Record<string, string>

export const dirOf = (lang: string): 'ltr' | 'rtl' => (lang === 'ar' ? 'rtl' : 'ltr')

/**
 * The first candidate the widget speaks, among the languages offered (the helpline's, once known);
 * else the first offered it speaks; else Italian.
 */
export function pickLanguage(
  offered: readonly string[] | null,
  candidates: Array<string | null | undefined>,
) {
  const speaks = (language: string) => language in LANGUAGES && (!offered || offered.includes(language))
  for (const candidate of candidates) {
    const language = candidate?.slice(0, 2).toLowerCase()
    if (language && speaks(language)) return language
  }
  return offered?.find(speaks) ?? 'it'
}

/** The widget's languages the helpline offers (all of them before its settings are known). */
/** The person's languages, as their browser lists them (old browsers know only one). */
export const browserLanguages = (): readonly string[] =>
  navigator.languages?.length ? navigator.languages : [navigator.language]

export const offeredLanguages = (helpline: readonly string[] | undefined) =>
  helpline ? helpline.filter((language) => language in LANGUAGES) : Object.keys(LANGUAGES)

const fetched: Record<string, Promise<Catalogue>> = {}

/** A language's file, fetched once per page; a failure is forgotten, so a later need tries again. */
function loadCatalogue(server: string, lang: string): Promise<Catalogue> {
  const loading =
    fetched[lang] ??
    fetch(`${server}/${__CATALOGUES__[lang]}`, { credentials: 'omit', referrerPolicy: 'no-referrer' }).then(
      (response) => {
        if (!response.ok) throw new Error(`http ${response.status}`)
        return response.json() as Promise<Catalogue>
      },
    )
  fetched[lang] = loading
  loading.catch(() => delete fetched[lang])
  return loading
}

/**
 * The words in `lang`, once its file is here (Italian meanwhile, `arriving` until then). Nothing is
 * fetched while `lang` is null: the widget touches the network only once the person opens it.
 */
export function useWords(
  server: string,
  lang: string | null,
): { chat: Strings; report: ReportWords & { lang: string }; arriving: boolean } {
  const [loaded, setLoaded] = useState<Record<string, Catalogue>>({})
  const found = lang ? loaded[lang] : undefined
  // Italian is in the bundle; a language without a file of words is read in Italian
  const arriving = Boolean(lang && lang !== 'it' && !found && __CATALOGUES__[lang])
  useEffect(() => {
    if (!lang || !arriving) return
    let current = true
    loadCatalogue(server, lang).then(
      (catalogue) => current && setLoaded((known) => ({ ...known, [lang]: catalogue })),
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [server, lang])
  const shown = found && lang ? lang : 'it'
  const { chat, report } = found ?? ITALIAN_WORDS
  return { chat: { ...chat, lang: shown, dir: dirOf(shown) }, report: { ...report, lang: shown }, arriving }
}

/** A template's {names} filled in. */
export const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''))

/** "15 minuti", "15 хвилин": the language's own plural where the browser knows units, else "15 min". */
export function minutesIn(lang: string, minutes: number) {
  try {
    return new Intl.NumberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes)
  } catch {
    return `${minutes} min`
  }
}
