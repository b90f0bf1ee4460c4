// A call as it stands in the conversation: how it ended, who answered, how long it rang and
// lasted, and the mediators called into it. Never the caller's number, never a mediator's.
import type { CallSummary } from '@ascolto/protocol'
import { useTranslation } from 'react-i18next'
import { minutesAndSeconds } from '../desk/time-format.ts'
import { CallMediators } from './call-mediators.tsx'

type Props = {
  call: CallSummary
  messageId: string
  helplineId: string
  myId: string
}

export function CallRecord({ call, messageId, helplineId, myId }: Props) {
  const { t } = useTranslation()
  const outcome = call.live ? t('calls.live') : t(`calls.outcome.${call.outcome}`)
  return (
    <>
      <p className="message-text call-record">
        <strong>{outcome}</strong>
        {call.answeredBy && <> · {t('calls.answeredBy', { name: call.answeredBy.displayName })}</>}
        {call.ringSeconds !== null && <> · {t('calls.rang', { seconds: call.ringSeconds })}</>}
        {call.talkSeconds !== null && (
          <> · {t('calls.lasted', { duration: minutesAndSeconds(call.talkSeconds) })}</>
        )}
      </p>
      {(call.live || call.mediators.length > 0) && (
        <CallMediators
          call={call}
          messageId={messageId}
          helplineId={helplineId}
          onTheCall={call.answeredBy?.id === myId}
        />
      )}
    </>
  )
}
