// "Show the address": the person's phone number (chat id, e-mail), for a call-back or an imminent
// risk, always with a reason, which the audit log keeps (never the address). It is shown once, in
// a dialog of its own, and is gone from the page when that closes. Where the helpline asks for two
// people, the reason first goes to a supervisor as a request; once approved, the same button shows it.
import type { RevealedAddress } from '@ascolto/protocol'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { requestReveal, revealAddress } from '../api/contacts.ts'
import { ApiError } from '../api/http.ts'
import { DeskDialog } from './desk-dialog.tsx'
import type { useLabels } from './labels.ts'
import { ReasonField } from './reason-field.tsx'

type Props = {
  conversationId: string
  name: string
  needsApproval: boolean
  labels: ReturnType<typeof useLabels>
  /** Says what happened beside the actions (a request sent). */
  onDone: (text: string) => void
}

export function RevealDialog({ conversationId, name, needsApproval, labels, onDone }: Props) {
  const { t } = useTranslation()
  const ids = { reason: useId(), hint: useId() }
  const reasonBox = useRef<HTMLTextAreaElement>(null)
  const [reason, setReason] = useState('')
  // the reason of the request sent from this page, which the reveal then spends
  const [asked, setAsked] = useState<string | null>(null)
  const [revealed, setRevealed] = useState<RevealedAddress | null>(null)
  const waiting = needsApproval && asked !== null

  return (
    <>
      <DeskDialog
        opener={t('reveal.open')}
        openerClass="button-quiet"
        title={t('reveal.title', { name })}
        intro={
          waiting
            ? t('reveal.introAsked', { reason: asked })
            : t(needsApproval ? 'reveal.introApproval' : 'reveal.intro')
        }
        submit={needsApproval && !waiting ? t('reveal.ask') : t('reveal.confirm')}
        cancel={t('reveal.cancel')}
        onOpen={() => setReason('')}
        failureText={(error) =>
          waiting && error instanceof ApiError && error.code === 'ASCOLTO_ERR_FORBIDDEN'
            ? t('reveal.notApproved')
            : undefined
        }
        onSubmit={async () => {
          if (waiting) {
            setRevealed(await revealAddress(conversationId, asked))
            setAsked(null)
          } else if (needsApproval) {
            await requestReveal(conversationId, reason.trim())
            setAsked(reason.trim())
            onDone(t('reveal.asked'))
          } else {
            setRevealed(await revealAddress(conversationId, reason.trim()))
          }
        }}
      >
        {!waiting && (
          <div className="field">
            <ReasonField
              id={ids.reason}
              hintId={ids.hint}
              label={t('reveal.reason')}
              hint={t('reveal.reasonHint')}
              rows={2}
              value={reason}
              onChange={setReason}
              boxRef={reasonBox}
            />
          </div>
        )}
      </DeskDialog>
      {revealed && (
        <AddressDialog name={name} revealed={revealed} labels={labels} onClose={() => setRevealed(null)} />
      )}
    </>
  )
}

type AddressProps = {
  name: string
  revealed: RevealedAddress
  labels: ReturnType<typeof useLabels>
  onClose: () => void
}

/** The address itself: in the page for as long as this dialog is open, and no longer. */
function AddressDialog({ name, revealed, labels, onClose }: AddressProps) {
  const { t } = useTranslation()
  const ids = { title: useId(), intro: useId() }
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    dialog.current?.showModal()
  }, [])
  return (
    <dialog
      ref={dialog}
      className="block-dialog"
      aria-labelledby={ids.title}
      aria-describedby={ids.intro}
      onClose={onClose}
    >
      <h2 id={ids.title}>{t('reveal.shownTitle', { name })}</h2>
      <p id={ids.intro} className="dialog-intro">
        {t('reveal.shownIntro')}
      </p>
      {revealed.addresses.length === 0 ? (
        <p>{t('reveal.none')}</p>
      ) : (
        <dl className="revealed-addresses">
          {revealed.addresses.map((address) => (
            <div key={`${address.channelKind}:${address.address}`}>
              <dt>{labels.channel(address.channelKind)}</dt>
              <dd>{address.address}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="form-actions">
        <button type="button" className="button-primary" onClick={() => dialog.current?.close()}>
          {t('reveal.close')}
        </button>
      </div>
    </dialog>
  )
}
