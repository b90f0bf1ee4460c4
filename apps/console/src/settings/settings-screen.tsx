// "Impostazioni della linea": a coordinator edits the helpline's settings file as a form, saves
// it whole (the server names every problem at once), exports or imports it as a file, and
// previews what the saved rules do at a chosen moment.
import type { HelplineSettings, Membership } from '@ascolto/protocol'
import { type ChangeEvent, type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/http.ts'
import { loadSettings, saveSettings } from '../api/settings.ts'
import { QUEUE_HREF, settingsHref } from '../desk/use-hash-route.ts'
import { ErrorAlert } from '../shell/error-alert.tsx'
import { ClosuresFieldset, ExceptionsFieldset } from './dates-fieldsets.tsx'
import {
  AssignmentFieldset,
  CategoriesFieldset,
  ClosingFormFieldset,
  PlaybookFieldset,
} from './desk-fieldsets.tsx'
import { EmergencyFieldset } from './emergency-fieldset.tsx'
import { ProblemPaths } from './field.ts'
import { fromForm, parseLanguages, type SettingsForm, sameSettings, toForm } from './form-model.ts'
import { LineFieldset } from './line-fieldset.tsx'
import { BlockingFieldset, ModerationFieldset, RetentionFieldset } from './moderation-fieldsets.tsx'
import { OnCallFieldset } from './on-call-fieldset.tsx'
import { OpeningFieldset } from './opening-fieldset.tsx'
import { PreviewPanel } from './preview-panel.tsx'
import { describeProblem } from './problems.ts'
import { ProblemsAlert } from './problems-alert.tsx'
import { RedirectsFieldset } from './redirects-fieldset.tsx'
import { RepliesFieldset } from './replies-fieldset.tsx'
import type { Edit } from './sections.ts'
import { downloadSettings, readSettingsFile } from './settings-file.ts'
import { StatisticsFieldset } from './statistics-fieldset.tsx'
import { SurveyFieldset } from './survey-fieldset.tsx'
import { WidgetFieldset } from './widget-fieldset.tsx'
import './settings.css'

type Props = {
  /** The helplines this operator coordinates. */
  helplines: Membership[]
  helplineId: string
  /** The desk reads the categories, closing form and playbook again. */
  onSaved: () => void
}

type Failure = { error: unknown; text?: string } | null

export function SettingsScreen({ helplines, helplineId, onSaved }: Props) {
  const { t } = useTranslation()
  const ids = { heading: useId(), picker: useId(), file: useId() }
  const heading = useRef<HTMLHeadingElement>(null)
  const problemsHeading = useRef<HTMLHeadingElement>(null)
  const [saved, setSaved] = useState<HelplineSettings | null>(null)
  const [form, setForm] = useState<SettingsForm | null>(null)
  const [loadFailure, setLoadFailure] = useState<unknown>(null)
  const [problems, setProblems] = useState<string[]>([])
  const [failure, setFailure] = useState<Failure>(null)
  const [status, setStatus] = useState('')
  const [saving, setSaving] = useState(false)
  const [savedVersion, setSavedVersion] = useState(0)

  useEffect(() => {
    let current = true
    setSaved(null)
    setForm(null)
    setLoadFailure(null)
    setProblems([])
    setFailure(null)
    setStatus('')
    loadSettings(helplineId).then(
      (settings) => {
        if (!current) return
        setSaved(settings)
        setForm(toForm(settings))
      },
      (error) => current && setLoadFailure(error),
    )
    return () => {
      current = false
    }
  }, [helplineId])

  // a new screen (or another helpline): focus starts at its title
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the helpline changes
  useEffect(() => heading.current?.focus(), [helplineId])

  // a refused save: focus goes to the list of problems, which leads to each field
  useEffect(() => {
    if (problems.length > 0) problemsHeading.current?.focus()
  }, [problems])

  const edit: Edit = (key, value) => {
    setStatus('')
    setForm((current) => current && { ...current, [key]: value })
  }

  async function save(event: FormEvent) {
    event.preventDefault()
    if (!form || saving) return
    setSaving(true)
    setStatus('')
    setProblems([])
    setFailure(null)
    try {
      const settings = await saveSettings(helplineId, fromForm(form))
      setSaved(settings)
      setForm(toForm(settings))
      setSavedVersion((n) => n + 1)
      setStatus(t('settings.saved'))
      onSaved()
    } catch (error) {
      if (error instanceof ApiError && error.problems.length > 0) setProblems(error.problems)
      else setFailure({ error })
    } finally {
      setSaving(false)
    }
  }

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    // emptied, so choosing the same file again (after fixing it elsewhere) reads it again
    event.target.value = ''
    if (!file) return
    setStatus('')
    setFailure(null)
    const content = await readSettingsFile(file)
    if (!content) {
      setFailure({ error: null, text: t('settings.file.notSettings', { name: file.name }) })
      return
    }
    setProblems([])
    setForm(toForm(content))
    setStatus(t('settings.file.imported', { name: file.name }))
  }

  const helpline = helplines.find((h) => h.helplineId === helplineId)
  const unsaved = form !== null && saved !== null && !sameSettings(fromForm(form), saved)
  const languages = form ? parseLanguages(form.languages) : []
  const problemPaths = problems.map((problem) => describeProblem(problem).path)

  return (
    <main id="settings" className="settings-page" tabIndex={-1} aria-labelledby={ids.heading}>
      <div className="settings-top">
        <a className="settings-back" href={QUEUE_HREF}>
          <span aria-hidden="true">← </span>
          {t('settings.back')}
        </a>
        <h2 id={ids.heading} ref={heading} tabIndex={-1}>
          {t('settings.title')}
        </h2>
        {helplines.length > 1 ? (
          <div className="field helpline-picker">
            <label htmlFor={ids.picker}>{t('settings.helpline')}</label>
            <select
              id={ids.picker}
              value={helplineId}
              onChange={(event) => {
                window.location.hash = settingsHref(event.target.value)
              }}
            >
              {helplines.map((h) => (
                <option key={h.helplineId} value={h.helplineId}>
                  {/* a name just saved here is newer than the session's */}
                  {h.helplineId === helplineId && saved ? saved.name : h.helplineName}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p className="muted">{saved?.name ?? helpline?.helplineName}</p>
        )}
      </div>
      {!helpline ? (
        <p role="alert">{t('settings.notCoordinator')}</p>
      ) : loadFailure ? (
        <ErrorAlert
          error={loadFailure}
          text={t('settings.loadFailed')}
          onDismiss={() => setLoadFailure(null)}
        />
      ) : !form || !saved ? (
        <p className="muted" role="status">
          {t('settings.loading')}
        </p>
      ) : (
        <div className="settings-layout">
          <ProblemPaths.Provider value={problemPaths}>
            <form className="settings-form" noValidate aria-labelledby={ids.heading} onSubmit={save}>
              <div className="file-actions">
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => downloadSettings(fromForm(form))}
                >
                  {t('settings.file.export')}
                </button>
                <input
                  id={ids.file}
                  type="file"
                  accept="application/json,.json"
                  className="file-input"
                  onChange={importFile}
                />
                <label htmlFor={ids.file} className="file-label">
                  {t('settings.file.import')}
                </label>
                <p className="hint">{t('settings.file.hint')}</p>
              </div>
              {problems.length > 0 && <ProblemsAlert ref={problemsHeading} problems={problems} />}
              {failure && (
                <ErrorAlert error={failure.error} text={failure.text} onDismiss={() => setFailure(null)} />
              )}
              <LineFieldset form={form} edit={edit} />
              <OpeningFieldset form={form} edit={edit} />
              <ClosuresFieldset form={form} edit={edit} />
              <ExceptionsFieldset form={form} edit={edit} />
              <RepliesFieldset form={form} edit={edit} languages={languages} />
              <WidgetFieldset form={form} edit={edit} languages={languages} />
              <BlockingFieldset form={form} edit={edit} languages={languages} />
              <ModerationFieldset form={form} edit={edit} />
              <RedirectsFieldset form={form} edit={edit} languages={languages} />
              <AssignmentFieldset form={form} edit={edit} />
              <CategoriesFieldset form={form} edit={edit} languages={languages} />
              <ClosingFormFieldset form={form} edit={edit} languages={languages} />
              <PlaybookFieldset form={form} edit={edit} languages={languages} />
              <EmergencyFieldset form={form} edit={edit} languages={languages} />
              <OnCallFieldset form={form} edit={edit} helplineId={helplineId} />
              <RetentionFieldset form={form} edit={edit} />
              <SurveyFieldset form={form} edit={edit} languages={languages} />
              <StatisticsFieldset form={form} edit={edit} />
              <div className="save-bar">
                <button type="submit" className="button-primary" disabled={saving}>
                  {saving ? t('settings.saving') : t('settings.save')}
                </button>
                {/* always there, so "saved" is announced when it appears */}
                <p className="save-status" role="status">
                  {status}
                </p>
                {unsaved && !status && <p className="muted unsaved-mark">{t('settings.unsaved')}</p>}
              </div>
            </form>
          </ProblemPaths.Provider>
          <PreviewPanel
            key={helplineId}
            helplineId={helplineId}
            timeZone={saved.timeZone}
            draft={unsaved && form ? fromForm(form) : null}
            savedVersion={savedVersion}
          />
        </div>
      )}
    </main>
  )
}
