// What went wrong, in words: a known code in the operator's language, otherwise the server's message.
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/http.ts'
import it from '../i18n/it.json'

type KnownCode = keyof typeof it.errors

const isKnownCode = (code: string): code is KnownCode => Object.hasOwn(it.errors, code)

export function useErrorText() {
  const { t } = useTranslation()
  return (error: unknown): string => {
    if (error instanceof ApiError) return isKnownCode(error.code) ? t(`errors.${error.code}`) : error.message
    return t('errors.ASCOLTO_ERR_INTERNAL')
  }
}

type Props = {
  error: unknown
  /** Words that fit the situation better than the error code's (a form knows what it asked for). */
  text?: string
  onDismiss: () => void
}

export function ErrorAlert({ error, text, onDismiss }: Props) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  return (
    // the alert is the message alone, so it is announced (and matched by tests) without the button
    <div className="error-alert">
      <p role="alert">{text ?? errorText(error)}</p>
      <button type="button" className="button-quiet" onClick={onDismiss}>
        {t('app.dismiss')}
      </button>
    </div>
  )
}
