// Handing the conversation to a colleague or a supervisor of the same helpline, with a note
// that only the staff sees. Each is offered with their availability and how many conversations
// they have open, read afresh each time the dialog opens (the desk's setup may be hours old).
import type { Colleague, TransferBody } from '@ascolto/protocol'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getDeskSetup } from '../api/desk.ts'
import { DeskDialog } from './desk-dialog.tsx'

type Props = {
  helplineId: string
  name: string
  colleagues: readonly Colleague[]
  /** Who handles it now: not offered. */
  assigneeId: string | null
  label: string
  disabled: boolean
  onTransfer: (body: TransferBody) => Promise<void>
}

export function TransferDialog({
  helplineId,
  name,
  colleagues,
  assigneeId,
  label,
  disabled,
  onTransfer,
}: Props) {
  const { t } = useTranslation()
  const ids = { to: useId(), note: useId() }
  const [to, setTo] = useState('')
  const [note, setNote] = useState('')
  const [fresh, setFresh] = useState<readonly Colleague[] | null>(null)
  const choices = (fresh ?? colleagues).filter((c) => c.id !== assigneeId)
  const describe = (c: Colleague) =>
    t('workspace.colleague', {
      name: c.displayName,
      role: t(`transfer.role.${c.role}`),
      availability: c.signedIn ? t(`availability.${c.availability}`) : t('room.signedOut'),
      load: t('workspace.load', { count: c.load }),
    })

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
        // the list as the setup had it until the fresh one comes; if it does not, that one stays
        getDeskSetup(helplineId).then(
          (setup) => setFresh(setup.colleagues),
          () => {},
        )
      }}
      onSubmit={() => onTransfer({ toUserId: to, note })}
    >
      <div className="field">
        <label htmlFor={ids.to}>{t('transfer.to')}</label>
        <select id={ids.to} required value={to} onChange={(event) => setTo(event.target.value)}>
          <option value="">{t('transfer.choose')}</option>
          {choices.map((colleague) => (
            <option key={colleague.id} value={colleague.id}>
              {describe(colleague)}
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
