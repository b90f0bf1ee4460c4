// A refused save: every problem the server named, each placed in the form's words (section,
// weekday, row) and a button that takes the coordinator to the field.
import type { Ref } from 'react'
import { useTranslation } from 'react-i18next'
import { findField } from './field.ts'
import { describeProblem, type Step } from './problems.ts'
import { useLanguageName } from './sections.ts'

function usePlace() {
  const { t } = useTranslation()
  const languageName = useLanguageName()
  const step = (s: Step): string => {
    switch (s.kind) {
      case 'day':
        return t(`settings.days.${s.day}`)
      case 'range':
        return t('settings.problems.range', { number: s.n })
      case 'exception':
        return t('settings.exceptions.item', { number: s.n })
      case 'closure':
        return t('settings.closures.item', { number: s.n })
      case 'redirect':
        return t('settings.redirects.item', { number: s.n })
      case 'category':
        return t('settings.categories.item', { number: s.n })
      case 'question':
        return t('settings.closingForm.item', { number: s.n })
      case 'option':
        return t('settings.answers.item', { number: s.n })
      case 'step':
        return t('settings.playbook.item', { number: s.n })
      case 'surveyQuestion':
        return t('settings.survey.item', { number: s.n })
      case 'prechatQuestion':
        return t('settings.widget.question', { number: s.n })
      case 'emergencyStep':
        return t('settings.emergency.item', { number: s.n })
      case 'reply':
        return t(`settings.replies.${s.reply}`)
      case 'language':
        return t('settings.textIn', { language: languageName(s.code) })
      case 'field':
        return t(`settings.fields.${s.name}`)
    }
  }
  return (problem: string) => {
    const { path, section, steps, detail } = describeProblem(problem)
    const where = section
      ? [t(`settings.sections.${section}`), ...steps.map(step)]
      : [t('settings.problems.file')]
    return { path, where: where.join(' › '), detail }
  }
}

type Props = { problems: string[]; ref?: Ref<HTMLHeadingElement> }

export function ProblemsAlert({ problems, ref }: Props) {
  const { t } = useTranslation()
  const place = usePlace()
  return (
    <div className="problems" role="alert">
      <h3 ref={ref} tabIndex={-1}>
        {t('settings.problems.title', { number: problems.length })}
      </h3>
      <ul>
        {problems.map((problem) => {
          const { path, where, detail } = place(problem)
          return (
            <li key={problem}>
              {path ? (
                <button type="button" className="link-button" onClick={() => findField(path)?.focus()}>
                  {where}
                </button>
              ) : (
                <strong>{where}</strong>
              )}
              : <span lang="en">{detail}</span>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
