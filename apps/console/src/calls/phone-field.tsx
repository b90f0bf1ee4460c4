// The operator's own phone in "Il mio account": where the helplines' calls ring while they are
// available. It shows the helpline's number, never the caller's, and asks to press 1 first.
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { readOwnPhone, saveOwnPhone } from './calls-api.ts'

export function PhoneField() {
  const { t } = useTranslation()
  const id = useId()
  const [phone, setPhone] = useState('')
  const [state, setState] = useState<'idle' | 'saved' | 'error'>('idle')
  useEffect(() => {
    readOwnPhone()
      .then((own) => setPhone(own.phone ?? ''))
      .catch(() => setState('error'))
  }, [])

  return (
    <form
      className="phone-field"
      onSubmit={async (event) => {
        event.preventDefault()
        try {
          const saved = await saveOwnPhone(phone.trim() || null)
          setPhone(saved.phone ?? '')
          setState('saved')
        } catch {
          setState('error')
        }
      }}
    >
      <h2>{t('calls.phone.title')}</h2>
      <p>{t('calls.phone.help')}</p>
      <label htmlFor={id}>{t('calls.phone.label')}</label>
      <input id={id} type="tel" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
      <button type="submit" className="button-secondary">
        {t('calls.phone.save')}
      </button>
      <p role="status">
        {state === 'saved' ? t('calls.phone.saved') : state === 'error' ? t('calls.phone.error') : ''}
      </p>
    </form>
  )
}
