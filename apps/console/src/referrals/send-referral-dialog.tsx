// "Indirizza a un servizio": a case or a conversation sent to another helpline of this installation, to
// a partner on another Ascolto installation, or to a service of the directory (or one written by
// hand), with the person's consent. The first
// press of the button shows the packet exactly as the server will send it; the second sends it.
import {
  type CreateReferralBody,
  type DirectoryService,
  REFERRAL_URGENCIES,
  type ReferralPreview,
  type ReferralUrgency,
} from '@ascolto/protocol'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DeskDialog } from '../desk/desk-dialog.tsx'
import { searchDirectory } from '../directory/directory-api.ts'
import { ReferralPacketView } from './referral-packet-view.tsx'
import { referralsHref } from './referral-route.ts'
import { listReferralTargets, previewReferral, sendReferral } from './referrals-api.ts'

type Props = {
  source: { caseId: string } | { conversationId: string }
  helplineId: string
  /** The languages the person writes in, offered first. */
  languages: string[]
  /** Supervisors may add the person's address, revealed under the audited rules. */
  mayRevealAddress: boolean
  onSent: (text: string) => void
}

const TARGET_CHOICES = ['helpline', 'installation', 'directory', 'partner'] as const
type TargetChoice = (typeof TARGET_CHOICES)[number]
type Named = { id: string; name: string }
const SHOWN = new Error('packet shown')

export function SendReferralDialog({ source, helplineId, languages, mayRevealAddress, onSent }: Props) {
  const { t } = useTranslation()
  const ids = {
    helpline: useId(),
    installation: useId(),
    service: useId(),
    name: useId(),
    reach: useId(),
    urgency: useId(),
    reason: useId(),
    languages: useId(),
    shared: useId(),
    givenBy: useId(),
    addressReason: useId(),
  }
  const [targets, setTargets] = useState<{ helplines: Named[]; installations: Named[] }>({
    helplines: [],
    installations: [],
  })
  const [services, setServices] = useState<DirectoryService[]>([])
  const [choice, setChoice] = useState<TargetChoice>('helpline')
  const [targetId, setTargetId] = useState('')
  const [partner, setPartner] = useState({ name: '', reach: '' })
  const [urgency, setUrgency] = useState<ReferralUrgency>('soon')
  const [reason, setReason] = useState('')
  const [spoken, setSpoken] = useState('')
  const [shared, setShared] = useState('')
  const [consented, setConsented] = useState(false)
  const [givenBy, setGivenBy] = useState<'person' | 'representative'>('person')
  const [address, setAddress] = useState<string | null>(null)
  // the packet as the server made it from exactly these fields; any change asks for it again
  const [preview, setPreview] = useState<{ body: string; view: ReferralPreview } | null>(null)

  function target(): CreateReferralBody['target'] {
    if (choice === 'helpline') return { kind: 'helpline', helplineId: targetId }
    if (choice === 'installation') return { kind: 'installation', partnerId: targetId }
    if (choice === 'directory') return { kind: 'directory', directoryServiceId: targetId }
    return { kind: 'partner', name: partner.name, ...(partner.reach.trim() && { reach: partner.reach }) }
  }

  function body(): CreateReferralBody {
    return {
      ...source,
      target: target(),
      urgency,
      reason,
      languages: spoken
        .split(/[\s,]+/)
        .map((code) => code.trim().toLowerCase())
        .filter(Boolean),
      shared,
      ...(address !== null && { includeAddress: { reason: address } }),
      // the time the operator ticked it is when the person said yes, on the phone or in the chat
      ...(consented && { consent: { givenAt: new Date().toISOString(), givenBy } }),
    }
  }

  async function submit() {
    const current = body()
    const { consent: _, ...compared } = current
    const key = JSON.stringify(compared)
    if (preview?.body !== key) {
      setPreview({ body: key, view: await previewReferral(current) })
      throw SHOWN
    }
    const sent = await sendReferral(current)
    onSent(t('referrals.sent', { name: sent.to?.name ?? sent.partnerName ?? '' }))
    window.location.hash = referralsHref(helplineId, sent.id)
  }

  const picked = (value: TargetChoice) => {
    setChoice(value)
    setTargetId('')
  }

  return (
    <DeskDialog
      opener={t('referrals.open')}
      title={t('referrals.dialogTitle')}
      intro={t('referrals.dialogIntro')}
      submit={preview ? t('referrals.send') : t('referrals.showPacket')}
      cancel={t('referrals.cancel')}
      onOpen={() => {
        setPreview(null)
        setConsented(false)
        setSpoken(languages.filter((code) => code !== 'und').join(', '))
        listReferralTargets(helplineId).then(setTargets, () => {})
        searchDirectory(helplineId).then(
          (answer) => setServices(answer.services),
          () => {},
        )
      }}
      onSubmit={submit}
      failureText={(error) => (error === SHOWN ? t('referrals.checkPacket') : undefined)}
    >
      <fieldset className="choice-group">
        <legend>{t('referrals.target')}</legend>
        {/* partners on other installations only where the helpline has some */}
        {TARGET_CHOICES.filter((value) => value !== 'installation' || targets.installations.length > 0).map(
          (value) => (
            <label key={value} className="choice">
              <input type="radio" name="target" checked={choice === value} onChange={() => picked(value)} />
              {t(`referrals.targetKind.${value}`)}
            </label>
          ),
        )}
      </fieldset>
      {(choice === 'helpline' || choice === 'installation') && (
        <div className="field">
          <label htmlFor={ids[choice]}>{t(`referrals.${choice}`)}</label>
          <select id={ids[choice]} required value={targetId} onChange={(e) => setTargetId(e.target.value)}>
            <option value="">{t('referrals.choose')}</option>
            {(choice === 'helpline' ? targets.helplines : targets.installations).map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {choice === 'directory' && (
        <div className="field">
          <label htmlFor={ids.service}>{t('referrals.service')}</label>
          <select id={ids.service} required value={targetId} onChange={(e) => setTargetId(e.target.value)}>
            <option value="">{t('referrals.choose')}</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.organisation} — {s.service}
              </option>
            ))}
          </select>
        </div>
      )}
      {choice === 'partner' && (
        <>
          <div className="field">
            <label htmlFor={ids.name}>{t('referrals.partnerName')}</label>
            <input
              id={ids.name}
              required
              maxLength={300}
              value={partner.name}
              onChange={(e) => setPartner({ ...partner, name: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.reach}>{t('referrals.partnerReach')}</label>
            <input
              id={ids.reach}
              maxLength={1000}
              value={partner.reach}
              onChange={(e) => setPartner({ ...partner, reach: e.target.value })}
            />
          </div>
        </>
      )}
      <div className="field">
        <label htmlFor={ids.urgency}>{t('referrals.urgency')}</label>
        <select
          id={ids.urgency}
          value={urgency}
          onChange={(e) => setUrgency(e.target.value as ReferralUrgency)}
        >
          {REFERRAL_URGENCIES.map((u) => (
            <option key={u} value={u}>
              {t(`referrals.urgencies.${u}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.reason}>{t('referrals.reason')}</label>
        <textarea
          id={ids.reason}
          rows={2}
          required
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.languages}>{t('referrals.languages')}</label>
        <input id={ids.languages} value={spoken} onChange={(e) => setSpoken(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.shared}>{t('referrals.shared')}</label>
        <textarea
          id={ids.shared}
          rows={3}
          maxLength={4000}
          value={shared}
          onChange={(e) => setShared(e.target.value)}
        />
      </div>
      {mayRevealAddress && (
        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              checked={address !== null}
              onChange={(e) => setAddress(e.target.checked ? '' : null)}
            />
            {t('referrals.includeAddress')}
          </label>
          {address !== null && (
            <>
              <label htmlFor={ids.addressReason}>{t('referrals.addressReason')}</label>
              <textarea
                id={ids.addressReason}
                rows={2}
                required
                maxLength={500}
                value={address}
                onChange={(e) => setAddress(e.target.value)}
              />
            </>
          )}
        </div>
      )}
      <fieldset className="choice-group referral-consent">
        <legend>{t('referrals.consent')}</legend>
        <label className="choice">
          <input
            type="checkbox"
            required
            checked={consented}
            onChange={(e) => setConsented(e.target.checked)}
          />
          {t('referrals.consentGiven')}
        </label>
        <div className="field">
          <label htmlFor={ids.givenBy}>{t('referrals.givenBy')}</label>
          <select
            id={ids.givenBy}
            value={givenBy}
            onChange={(e) => setGivenBy(e.target.value as 'person' | 'representative')}
          >
            <option value="person">{t('referrals.givenByPerson')}</option>
            <option value="representative">{t('referrals.givenByRepresentative')}</option>
          </select>
        </div>
      </fieldset>
      {preview && (
        <section className="referral-preview" aria-label={t('referrals.packet')}>
          <h3>{t('referrals.packetFor', { name: preview.view.targetName })}</h3>
          <ReferralPacketView
            packet={preview.view.packet}
            urgency={preview.view.urgency}
            addressIncluded={preview.view.addressIncluded}
          />
        </section>
      )}
    </DeskDialog>
  )
}
