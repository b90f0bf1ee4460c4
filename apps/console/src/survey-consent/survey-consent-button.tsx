// On a text door the survey after the close is sent only to a person who said yes to it in the
// conversation. The assigned volunteer asks with this button (the question goes as their reply);
// the person's "sì" is the yes, and the close then sends the survey's question.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { request } from '../api/http.ts'

type Props = {
  conversationId: string
  disabled: boolean
  /** The question left: the confirmation to show beside the actions. */
  onAsked: (text: string) => void
  onError: (error: unknown) => void
}

export function SurveyConsentButton({ conversationId, disabled, onAsked, onError }: Props) {
  const { t } = useTranslation()
  const [sending, setSending] = useState(false)
  async function ask() {
    setSending(true)
    try {
      await request('POST', `/api/conversations/${encodeURIComponent(conversationId)}/survey-consent`)
      onAsked(t('surveyConsent.asked'))
    } catch (error) {
      onError(error)
    } finally {
      setSending(false)
    }
  }
  return (
    <button type="button" className="button-quiet" disabled={disabled || sending} onClick={ask}>
      {t('surveyConsent.ask')}
    </button>
  )
}
