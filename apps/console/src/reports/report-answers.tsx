// A report from the helpline's form ("Segnala"), laid out as the form it was: each question as the
// reporter read it, and their answer. The body is the message's own (kind 'report', the protocol's
// ReportMessageBody); anything unreadable shows as the text it is.
import type { ReportAnswer, ReportMessageBody } from '@ascolto/protocol'
import { useTranslation } from 'react-i18next'
import { LinkedText } from '../shell/linked-text.tsx'
import './report-answers.css'

function answersOf(text: string): ReportAnswer[] | null {
  try {
    const body = JSON.parse(text) as ReportMessageBody
    return Array.isArray(body.report) ? body.report : null
  } catch {
    return null
  }
}

export function ReportAnswers({ text }: { text: string }) {
  const { t } = useTranslation()
  const answers = answersOf(text)
  if (!answers) return <p className="message-text">{text}</p>
  return (
    <section className="report-answers" aria-label={t('report.heading')}>
      <p className="report-answers-heading">{t('report.heading')}</p>
      <dl>
        {answers.map((answer) => (
          <div key={answer.id}>
            <dt dir="auto">{answer.label}</dt>
            <dd dir="auto">
              {answer.type === 'yesNo' ? (
                t(answer.value === 'yes' ? 'report.yes' : 'report.no')
              ) : (
                <LinkedText text={answer.value} />
              )}
            </dd>
          </div>
        ))}
      </dl>
      <p className="report-answers-note">{t('report.replyNote')}</p>
    </section>
  )
}
