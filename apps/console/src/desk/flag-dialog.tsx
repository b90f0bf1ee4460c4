// Raising a safeguarding flag: what kind of risk, and why. The supervisors' consoles alert at once.
import type { RaisableFlagKind, RaiseFlagBody } from '@ascolto/protocol'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DeskDialog } from './desk-dialog.tsx'

const KINDS: readonly RaisableFlagKind[] = ['minor_at_risk', 'imminent_risk']

type Props = { name: string; onRaise: (body: RaiseFlagBody) => Promise<void> }

export function FlagDialog({ name, onRaise }: Props) {
  const { t } = useTranslation()
  const ids = { kind: useId(), reason: useId() }
  const [kind, setKind] = useState<RaisableFlagKind>('minor_at_risk')
  const [reason, setReason] = useState('')

  return (
    <DeskDialog
      opener={t('flag.open')}
      openerClass="button-danger-quiet"
      title={t('flag.title', { name })}
      intro={t('flag.intro')}
      submit={t('flag.confirm')}
      cancel={t('flag.cancel')}
      onOpen={() => {
        setKind('minor_at_risk')
        setReason('')
      }}
      onSubmit={() => onRaise({ kind, reason: reason.trim() })}
    >
      <fieldset className="choice-group">
        <legend>{t('flag.kind')}</legend>
        {KINDS.map((choice) => (
          <label key={choice} className="choice">
            <input type="radio" name={ids.kind} checked={kind === choice} onChange={() => setKind(choice)} />
            {t(`flag.kinds.${choice}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={ids.reason}>{t('flag.reason')}</label>
        <textarea
          id={ids.reason}
          rows={3}
          required
          maxLength={2000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
    </DeskDialog>
  )
}
