// The operator's own languages in "Il mio account": automatic assignment gives them the
// conversations held in a language they speak natively or fluently.
import type { LanguageLevel, OwnLanguages } from '@ascolto/protocol'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { request } from '../api/http.ts'

const LEVELS: LanguageLevel[] = ['native', 'fluent', 'basic']
type Row = OwnLanguages['languages'][number]

export function LanguagesField() {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [rows, setRows] = useState<Row[]>([])
  const [adding, setAdding] = useState<Row>({ language: '', level: 'fluent' })
  const [state, setState] = useState<'idle' | 'saved' | 'error'>('idle')
  useEffect(() => {
    request<OwnLanguages>('GET', '/api/account/languages')
      .then((own) => setRows(own.languages))
      .catch(() => setState('error'))
  }, [])
  const names = new Intl.DisplayNames([i18n.language], { type: 'language' })
  const nameOf = (code: string) => {
    try {
      return names.of(code) ?? code
    } catch {
      return code
    }
  }

  async function save(next: Row[]) {
    try {
      setRows((await request<OwnLanguages>('PUT', '/api/account/languages', { languages: next })).languages)
      setState('saved')
    } catch {
      setState('error')
    }
  }

  return (
    <section className="languages-field" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('languages.title')}</h2>
      <p>{t('languages.help')}</p>
      {rows.length > 0 && (
        <ul>
          {rows.map((row) => (
            <li key={row.language}>
              {nameOf(row.language)} · {t(`languages.level.${row.level}`)}{' '}
              <button
                type="button"
                className="button-small"
                aria-label={t('languages.removeLabel', { name: nameOf(row.language) })}
                onClick={() => save(rows.filter((r) => r.language !== row.language))}
              >
                {t('languages.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="languages-add"
        onSubmit={(event) => {
          event.preventDefault()
          const language = adding.language.trim().toLowerCase()
          save([...rows.filter((r) => r.language !== language), { language, level: adding.level }])
          setAdding({ language: '', level: adding.level })
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-code`}>{t('languages.code')}</label>
          <input
            id={`${id}-code`}
            required
            pattern="[a-zA-Z]{2,3}"
            maxLength={3}
            aria-describedby={`${id}-hint`}
            value={adding.language}
            onChange={(event) => setAdding({ ...adding, language: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-level`}>{t('languages.levelLabel')}</label>
          <select
            id={`${id}-level`}
            value={adding.level}
            onChange={(event) => setAdding({ ...adding, level: event.target.value as LanguageLevel })}
          >
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`languages.level.${level}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button-secondary">
          {t('languages.add')}
        </button>
        <p id={`${id}-hint`} className="hint">
          {t('languages.hint')}
        </p>
      </form>
      <p role="status">
        {state === 'saved' ? t('languages.saved') : state === 'error' ? t('languages.error') : ''}
      </p>
    </section>
  )
}
