// A call as it stands in the conversation: how it ended, who answered, how long it rang and
// lasted. Never the caller's number.
import type { CallSummary } from '@ascolto/protocol'
import { useTranslation } from 'react-i18next'
import { minutesAndSeconds } from '../desk/time-format.ts'

/** 192 → "3:12" */
export function CallRecord({ call }: { call: CallSummary }) {
  const { t } = useTranslation()
  const outcome = call.live ? t('calls.live') : t(`calls.outcome.${call.outcome}`)
  return (
    <p className="message-text call-record">
      <strong>{outcome}</strong>
      {call.answeredBy && <> · {t('calls.answeredBy', { name: call.answeredBy.displayName })}</>}
      {call.ringSeconds !== null && <> · {t('calls.rang', { seconds: call.ringSeconds })}</>}
      {call.talkSeconds !== null && (
        <> · {t('calls.lasted', { duration: minutesAndSeconds(call.talkSeconds) })}</>
      )}
    </p>
  )
}
