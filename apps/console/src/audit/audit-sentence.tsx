// One audit event as a sentence: "Marta ha letto la conversazione con Persona #3154", the subject
// linked where the console can open it (a conversation, a case); an action with no sentence of its
// own reads "Marta: <what>". Names go in as text, never as markup. The raw details stay behind a
// disclosure beside it (audit-screen.tsx).
import type { AuditEventView, MemberRole } from '@ascolto/protocol'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { caseHref } from '../cases/case-route.ts'
import { conversationHref } from '../desk/use-hash-route.ts'
import it from '../i18n/it.json'

const SENTENCES = it.audit.sentences as Record<string, string>
const ROLES = new Set(['volunteer', 'supervisor', 'coordinator', 'mediator'])
/** Stand-ins for the names in the translated sentence: the names go in as text nodes, never as markup. */
const ACTOR = '\uE000'
const SUBJECT = '\uE001'

/** The sentence's key: a block reads by its length ("per 7 giorni", or until someone unblocks). */
function sentenceKey(event: AuditEventView): { key: string; count?: number } | null {
  if (event.action === 'contact.block') {
    const days = event.details.days
    return typeof days === 'number' ? { key: 'contact.block', count: days } : { key: 'contact.block_forever' }
  }
  return Object.hasOwn(SENTENCES, event.action) ? { key: event.action } : null
}

export function AuditSentence({ event }: { event: AuditEventView }) {
  const { t } = useTranslation()
  const actor = event.actor?.displayName ?? t('audit.system')
  const role = (value: unknown) =>
    typeof value === 'string' && ROLES.has(value) ? t(`team.roles.${value as MemberRole}`) : ''
  const subject = event.subject
  const label =
    subject === null
      ? t('audit.unnamed')
      : subject.kind === 'person'
        ? t('contact.pseudonym', { number: String(subject.pseudonym) })
        : subject.kind === 'member'
          ? subject.displayName
          : subject.kind === 'invitation'
            ? subject.email
            : t('audit.aCase')
  const href =
    subject?.kind === 'person' && subject.conversationId
      ? conversationHref(subject.conversationId)
      : subject?.kind === 'case'
        ? caseHref(subject.caseId)
        : undefined
  const sentence = sentenceKey(event)
  if (!sentence) {
    const what = Object.hasOwn(it.audit.actions, event.action)
      ? t(`audit.actions.${event.action as keyof typeof it.audit.actions}`)
      : event.action
    return <>{t('audit.fallback', { actor, what })}</>
  }
  const text: string = t(`audit.sentences.${sentence.key}` as never, {
    actor: ACTOR,
    subject: SUBJECT,
    role: role(event.details.role),
    from: role(event.details.from),
    to: role(event.details.to),
    count: sentence.count,
  })
  return (
    <>
      {text.split(/(\uE000|\uE001)/).map((part, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one sentence, in order
        <Fragment key={index}>
          {part === ACTOR ? (
            actor
          ) : part === SUBJECT ? (
            href ? (
              <a href={href}>{label}</a>
            ) : (
              <strong>{label}</strong>
            )
          ) : (
            part
          )}
        </Fragment>
      ))}
    </>
  )
}
