// A conversation's risk level as a badge, in words first ("Rischio: imminente") and colour second,
// so it reads the same to someone who does not see the colour. Nothing for a conversation at no risk.
import type { RiskLevel } from '@ascolto/protocol'
import { useTranslation } from 'react-i18next'
import './risk.css'

export function RiskBadge({ level, id }: { level: RiskLevel; id?: string }) {
  const { t } = useTranslation()
  if (level === 'none') return null
  return (
    <span id={id} className={`risk-badge risk-${level}`}>
      {t(`risk.levels.${level}`)}
    </span>
  )
}
