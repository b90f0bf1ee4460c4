// Handing the conversation to a colleague or a supervisor of the same helpline, with a note
// that only the staff sees.
import type { Colleague, TransferBody } from '@ascolto/protocol'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DeskDialog } from './desk-dialog.tsx'

type Props = {
  name: string
  colleagues: readonly Colleague[]
  /** Who handles it now: not offered. */
  assigneeId: string | null
  label: string
  disabled: boolean
  onTransfer: (body: TransferBody) => Promise<void>
}

export function TransferDialog({ name, colleagues, assigneeId, label, disabled, onTransfer }: Props) {
  const { t } = useTranslation()
  const ids = { to: useId(), note: useId() }
  const [to, setTo] = useState('')
  const [note, setNote] = useState('')
  const choices = colleagues.filter((c) => c.id !== assigneeId)

  return (
    <DeskDialog
      opener={label}
      title={t('transfer.title', { name })}
      submit={t('transfer.confirm')}
      cancel={t('transfer.cancel')}
      disabled={disabled || choices.length === 0}
      onOpen={() => {
        setTo('')
        setNote('')
      }}
      onSubmit={() => onTransfer({ toUserId: to, note })}
    >
      <div className="field">
        <label htmlFor={ids.to}>{t('transfer.to')}</label>
        <select id={ids.to} required value={to} onChange={(event) => setTo(event.target.value)}>
          <option value="">{t('transfer.choose')}</option>
          {choices.map((colleague) => (
            <option key={colleague.id} value={colleague.id}>
              {colleague.displayName} · {t(`transfer.role.${colleague.role}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.note}>{t('transfer.note')}</label>
        <textarea
          id={ids.note}
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
    </DeskDialog>
  )
}
