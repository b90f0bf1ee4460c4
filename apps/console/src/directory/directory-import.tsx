// A coordinator replaces the whole directory with a CSV file, or downloads it to edit: a refused
// file lists every problem by line and column, and nothing changed.
import type { FileProblem } from '@ascolto/protocol'
import { type ChangeEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/http.ts'
import { ErrorAlert } from '../shell/error-alert.tsx'
import { directoryCsvHref, importDirectory } from './directory-api.ts'

type Props = { helplineId: string; onImported: () => void }

export function DirectoryImport({ helplineId, onImported }: Props) {
  const { t } = useTranslation()
  const fileId = useId()
  const [problems, setProblems] = useState<FileProblem[]>([])
  const [failure, setFailure] = useState<unknown>(null)
  const [imported, setImported] = useState<number | null>(null)

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file) return
    setProblems([])
    setFailure(null)
    setImported(null)
    try {
      setImported((await importDirectory(helplineId, await file.text())).imported)
      onImported()
    } catch (error) {
      if (error instanceof ApiError && error.fileProblems.length > 0) setProblems(error.fileProblems)
      else setFailure(error)
    }
  }

  return (
    <section className="directory-import" aria-label={t('directory.file')}>
      <a className="directory-file-button" href={directoryCsvHref(helplineId)} download="servizi.csv">
        {t('directory.export')}
      </a>
      <input id={fileId} type="file" accept=".csv,text/csv" className="visually-hidden" onChange={choose} />
      <label className="directory-file-button" htmlFor={fileId}>
        {t('directory.import')}
      </label>
      <p className="hint">{t('directory.importHint')}</p>
      <p role="status">{imported !== null && t('directory.imported', { count: imported })}</p>
      {failure !== null && <ErrorAlert error={failure} onDismiss={() => setFailure(null)} />}
      {problems.length > 0 && (
        <div role="alert" className="directory-problems">
          <p>{t('directory.refused', { count: problems.length })}</p>
          <ul>
            {problems.map((p) => (
              <li key={`${p.line}:${p.column}:${p.problem}`}>
                {t('directory.problemAt', {
                  line: p.line,
                  column: p.column || '—',
                  problem: t(`directory.problems.${p.problem}`, { defaultValue: p.problem }),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
