// "Show the address": the person's phone number (chat id, e-mail), for a call-back or an imminent
// risk, always with a reason, which the audit log keeps (never the address). It is shown once, in
// a dialog of its own, and is gone from the page when that closes. Where the helpline asks for two
// people, the reason first goes to a supervisor as a request; where the operator's latest request
// stands is read from the server (so a reload or another device shows it too) and again whenever
// the socket says it changed; once approved, the same button shows the address, once.
import type { OwnRevealRequest, RevealedAddress } from '@ascolto/protocol'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { listOwnRevealRequests, requestReveal, revealAddress } from '../api/contacts.ts'
import { ApiError } from '../api/http.ts'
import { DeskDialog } from './desk-dialog.tsx'
import type { useLabels } from './labels.ts'
import { ReasonField } from './reason-field.tsx'
import { formatMessageTime } from './time-format.ts'

type Props = {
  conversationId: string
  name: string
  needsApproval: boolean
  /** Grows when the operator's requests for this conversation may have changed. */
  version: number
  labels: ReturnType<typeof useLabels>
  onError: (error: unknown) => void
}

export function RevealDialog({ conversationId, name, needsApproval, version, labels, onError }: Props) {
  const { t, i18n } = useTranslation()
  const ids = { reason: useId(), hint: useId() }
  const reasonBox = useRef<HTMLTextAreaElement>(null)
  const [reason, setReason] = useState('')
  // the operator's latest request for this conversation, as the server last told
  const [latest, setLatest] = useState<OwnRevealRequest | null>(null)
  const [asked, setAsked] = useState(0)
  const [revealed, setRevealed] = useState<RevealedAddress | null>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` and `asked` say when to read again
  useEffect(() => {
    if (!needsApproval) return
    let current = true
    listOwnRevealRequests(conversationId).then(
      (list) => current && setLatest(list.requests[0] ?? null),
      onError,
    )
    return () => {
      current = false
    }
  }, [conversationId, needsApproval, version, asked, onError])

  const state = needsApproval ? latest?.state : undefined
  // waiting for a decision, or approved: the reveal spends the request's own reason
  const spending = latest && (state === 'pending' || state === 'approved') ? latest : null
  const until = (iso: string | null) => (iso ? formatMessageTime(iso, i18n.language) : '')
  const decider = latest?.decidedBy?.displayName ?? t('reveal.aSupervisor')
  const intro = !needsApproval
    ? t('reveal.intro')
    : state === 'pending'
      ? t('reveal.introAsked', { reason: latest?.reason, time: until(latest?.expiresAt ?? null) })
      : state === 'approved'
        ? t('reveal.introApproved', { name: decider, time: until(latest?.expiresAt ?? null) })
        : t('reveal.introApproval')

  return (
    <>
      <DeskDialog
        opener={t('reveal.open')}
        openerClass="button-quiet"
        title={t('reveal.title', { name })}
        intro={intro}
        submit={needsApproval && !spending ? t('reveal.ask') : t('reveal.confirm')}
        cancel={t('reveal.cancel')}
        onOpen={() => setReason('')}
        failureText={(error) =>
          spending && error instanceof ApiError && error.code === 'ASCOLTO_ERR_FORBIDDEN'
            ? t('reveal.notApproved')
            : undefined
        }
        onSubmit={async () => {
          if (!needsApproval) {
            setRevealed(await revealAddress(conversationId, reason.trim()))
            return
          }
          try {
            if (spending) setRevealed(await revealAddress(conversationId, spending.reason))
            else await requestReveal(conversationId, reason.trim())
          } finally {
            // spent, asked, or refused because it lapsed: read where it stands now
            setAsked((n) => n + 1)
          }
        }}
      >
        {!spending && (
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
      {needsApproval && (
        // always there where requests are needed, so a supervisor's decision is announced as it lands
        <span className={`reveal-state reveal-${state ?? 'none'}`} role="status">
          {state === 'refused'
            ? t('reveal.state.refused', { name: decider })
            : state
              ? t(`reveal.state.${state}`)
              : ''}
        </span>
      )}
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
        <button
          type="button"
          className="button-primary"
          onClick={() => {
            // closed (focus goes back) and out of the page now, not at the close event's turn
            dialog.current?.close()
            onClose()
          }}
        >
          {t('reveal.close')}
        </button>
      </div>
    </dialog>
  )
}
