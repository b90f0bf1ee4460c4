// The packet as the receiving service reads it: the reason, languages, urgency, what the person
// agreed to share, and an address only when revealed under the audited rules.
import type { ReferralPacket, ReferralUrgency } from '@ascolto/protocol'
import { useTranslation } from 'react-i18next'

type Props = {
  packet: ReferralPacket | null
  urgency: ReferralUrgency
  /** In a preview: the address will be revealed at sending (and audited). */
  addressIncluded?: boolean
}

export function ReferralPacketView({ packet, urgency, addressIncluded }: Props) {
  const { t } = useTranslation()
  if (!packet) return <p className="muted">{t('referrals.erased')}</p>
  const addresses = packet.addresses.map((a) => `${a.channelKind}: ${a.address}`).join(' · ')
  return (
    <dl className="referral-packet">
      <dt>{t('referrals.urgency')}</dt>
      <dd>{t(`referrals.urgencies.${urgency}`)}</dd>
      <dt>{t('referrals.reason')}</dt>
      <dd>{packet.reason}</dd>
      <dt>{t('referrals.spoken')}</dt>
      <dd>{packet.languages.join(', ') || '—'}</dd>
      <dt>{t('referrals.shared')}</dt>
      <dd>{packet.shared || '—'}</dd>
      <dt>{t('referrals.address')}</dt>
      <dd>{addresses || (addressIncluded ? t('referrals.addressAtSending') : t('referrals.noAddress'))}</dd>
    </dl>
  )
}
