// "Please look at this one": the volunteer asks a supervisor's review of a conversation they closed.
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DeskDialog } from './desk-dialog.tsx'

type Props = { name: string; onRequest: (note: string) => Promise<void> }

export function ReviewDialog({ name, onRequest }: Props) {
  const { t } = useTranslation()
  const id = useId()
  const [note, setNote] = useState('')
  return (
    <DeskDialog
      opener={t('review.open')}
      title={t('review.title', { name })}
      intro={t('review.intro')}
      submit={t('review.confirm')}
      cancel={t('review.cancel')}
      onOpen={() => setNote('')}
      onSubmit={() => onRequest(note)}
    >
      <div className="field">
        <label htmlFor={id}>{t('review.note')}</label>
        <textarea
          id={id}
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
    </DeskDialog>
  )
}
