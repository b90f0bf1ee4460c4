// In the supervision room: the languages the helpline's available members speak now (natively or
// fluently), so a supervisor sees whom a person writing in Romanian would reach.
import type { LanguagesCovered as Covered } from '@ascolto/protocol'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { request } from '../api/http.ts'

type Props = { helplineId: string; version: number; onError: (error: unknown) => void }

export function LanguagesCovered({ helplineId, version, onError }: Props) {
  const { t, i18n } = useTranslation()
  const heading = useId()
  const [covered, setCovered] = useState<Covered | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again whenever the room changes (version)
  useEffect(() => {
    let current = true
    request<Covered>('GET', `/api/helplines/${encodeURIComponent(helplineId)}/languages`).then(
      (answer) => current && setCovered(answer),
      onError,
    )
    return () => {
      current = false
    }
  }, [helplineId, version, onError])
  if (!covered) return null
  const names = new Intl.DisplayNames([i18n.language], { type: 'language' })
  return (
    <section aria-labelledby={heading}>
      <h3 id={heading}>{t('languages.coveredNow')}</h3>
      <p>
        {covered.now.length === 0
          ? t('languages.noneCovered')
          : covered.now
              .map((l) => t('languages.spokenBy', { name: names.of(l.language), count: l.operators }))
              .join(' · ')}
      </p>
    </section>
  )
}
