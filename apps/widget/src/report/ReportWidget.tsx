// "Segnala" in the widget (data-ascolto-mode="report"): the helpline's report form, the receipt
// code shown once, and the thread a code opens, with the line's answers and a box to add to the
// report. Nothing is written to the device: the code lives in this page's memory only, and quick
// exit (the button, or Escape three times) replaces the page as the chat's does.
import type { ReportFormInfo, ReportThread as Thread } from '@ascolto/protocol'
import { useEffect, useRef, useState } from 'preact/hooks'
import { ApiError, type Endpoint, RetryableError } from '../api.ts'
import { exitTarget, listenForExitKeys } from '../exit.ts'
import { browserLanguages, dirOf, LANGUAGES, offeredLanguages, pickLanguage, useWords } from '../i18n.ts'
import { makeUuid } from '../ids.ts'
import { solveChallenge } from './proof-of-work.ts'
import { Receipt } from './Receipt.tsx'
import { ReportForm } from './ReportForm.tsx'
import { ReportThread } from './ReportThread.tsx'
import { addToReport, fetchChallenge, fetchReportForm, openThread, sendReport } from './report-api.ts'
import { localized, type ReportStrings } from './strings.ts'

type Props = {
  endpoint: Endpoint
  locale?: string
  exitUrl: () => string | null | undefined
}

type View = { at: 'form' } | { at: 'receipt'; code: string } | { at: 'thread'; code: string; thread: Thread }

/** What to tell the person about a failed call, in their words. */
function problemOf(error: unknown, t: ReportStrings) {
  if (error instanceof ApiError)
    return error.code === 'ASCOLTO_ERR_RECEIPT_UNKNOWN' ? t.unknownCode : error.message
  if (error instanceof RetryableError && error.message === 'http 429') return t.tooMany
  return t.unreachable
}

export function ReportWidget({ endpoint, locale, exitUrl }: Props) {
  const [form, setForm] = useState<ReportFormInfo | null | 'failed'>(null)
  const [view, setView] = useState<View>({ at: 'form' })
  const [busy, setBusy] = useState(false)
  // where the last failure belongs: the form, the code box, the thread
  const [problem, setProblem] = useState<{ at: 'form' | 'code' | 'thread'; text: string } | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [typed, setTyped] = useState('')
  const proof = useRef<Promise<string> | null>(null)
  const [chosen, setChosen] = useState<string | null>(null)
  const languages = form && form !== 'failed' ? offeredLanguages(form.languages) : null
  // the person's own choice, the page's, their browser's, then the page's language
  const lang = pickLanguage(languages, [chosen, locale, ...browserLanguages(), document.documentElement.lang])
  const t = useWords(endpoint.server, lang).report
  const leave = () => location.replace(exitTarget(exitUrl()))

  useEffect(() => {
    fetchReportForm(endpoint).then(setForm, () => setForm('failed'))
    return listenForExitKeys(leave)
  }, [])

  // the proof of work starts with the first answer, so it is usually done by the time of sending
  const startProof = () => {
    proof.current ??= fetchChallenge(endpoint).then(solveChallenge)
    proof.current.catch(() => {
      proof.current = null
    })
  }

  const run = async (at: 'form' | 'code' | 'thread', work: () => Promise<void>) => {
    setBusy(true)
    setProblem(null)
    setNote(null)
    try {
      await work()
    } catch (error) {
      setProblem({ at, text: problemOf(error, t) })
    } finally {
      setBusy(false)
    }
  }

  const send = (answers: Record<string, string>) =>
    run('form', async () => {
      startProof()
      const altcha = await (proof.current as Promise<string>)
      proof.current = null // one report per proof
      const receipt = await sendReport(endpoint, { answers, language: t.lang, altcha })
      setView({ at: 'receipt', code: receipt.code })
    })

  const open = (code: string) =>
    run('code', async () => {
      const thread = await openThread(endpoint, code)
      setTyped('')
      setView({ at: 'thread', code, thread })
    })

  const title = form && form !== 'failed' ? localized(form.title, t.lang, form.languages[0]) : t.fallbackTitle
  return (
    <div class="root full" lang={t.lang} dir={dirOf(t.lang)}>
      <section class="panel" aria-labelledby="title">
        <header class="header">
          <h2 id="title" class="title" dir="auto">
            {title}
          </h2>
          <div class="actions">
            <button type="button" class="exit" aria-label={t.exitLabel} onClick={leave}>
              {t.exit}
            </button>
          </div>
        </header>
        <div class="report-body">
          {languages && languages.length > 1 && (
            <nav class="report-languages" aria-label={t.language}>
              {languages.map((language) => (
                <button
                  key={language}
                  type="button"
                  lang={language}
                  aria-pressed={language === t.lang}
                  onClick={() => setChosen(language)}
                >
                  {LANGUAGES[language]?.[0]}
                </button>
              ))}
            </nav>
          )}
          {form === null ? (
            <p role="status">{t.loading}</p>
          ) : form === 'failed' ? (
            <p role="alert">{t.unavailable}</p>
          ) : view.at === 'receipt' ? (
            <Receipt code={view.code} t={t} onDone={() => setView({ at: 'form' })} />
          ) : view.at === 'thread' ? (
            <ReportThread
              thread={view.thread}
              t={t}
              busy={busy}
              note={problem?.at === 'thread' ? problem.text : note}
              onAdd={async (text) => {
                let added = false
                await run('thread', async () => {
                  const thread = await addToReport(endpoint, { code: view.code, clientId: makeUuid(), text })
                  setView({ ...view, thread })
                  setNote(t.added)
                  added = true
                })
                return added
              }}
              onClose={() => setView({ at: 'form' })}
            />
          ) : (
            <>
              <ReportForm
                form={form}
                t={t}
                sending={busy}
                error={problem?.at === 'form' ? problem.text : null}
                onStart={startProof}
                onSend={send}
              />
              <form
                class="report-code-entry"
                onSubmit={(event) => {
                  event.preventDefault()
                  if (typed.trim()) open(typed.trim())
                }}
              >
                <h3>{t.haveCode}</h3>
                <p class="report-note">{t.haveCodeHelp}</p>
                <label for="report-code">{t.codeLabel}</label>
                <input
                  id="report-code"
                  type="text"
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellcheck={false}
                  value={typed}
                  onInput={(event) => {
                    setTyped(event.currentTarget.value)
                    // what was said about the last code is not about this one
                    if (problem?.at === 'code') setProblem(null)
                  }}
                />
                <button type="submit" class="report-secondary" disabled={busy}>
                  {busy ? t.opening : t.open}
                </button>
                <p role="alert" class="report-problem">
                  {problem?.at === 'code' ? problem.text : ''}
                </p>
              </form>
            </>
          )}
        </div>
      </section>
    </div>
  )
}
