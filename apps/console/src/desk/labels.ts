// The words for what the server sends as data: the person's pseudonym, the channel, a status, a language.
import type { ConversationView } from '@ascolto/protocol'
import { useTranslation } from 'react-i18next'
import it from '../i18n/it.json'
import { doorLabel } from '../shell/door-label.ts'

type KnownChannel = keyof typeof it.channel

const isKnownChannel = (kind: string): kind is KnownChannel => Object.hasOwn(it.channel, kind)

/** "romeno", "arabo": the language's name in the console's own language, or its code. */
export function languageName(code: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}

export function useLabels(myId: string) {
  const { t, i18n } = useTranslation()
  return {
    language: (code: string) => languageName(code, i18n.resolvedLanguage ?? 'it'),
    pseudonym: (conversation: Pick<ConversationView, 'contactPseudonym'>) =>
      t('contact.pseudonym', { number: String(conversation.contactPseudonym) }),
    // a channel added after this console was built still shows, by its own name
    channel: (kind: string) => (isKnownChannel(kind) ? t(`channel.${kind}`) : kind),
    /** The door a conversation came by, as the person used it: a call on the SMS number is the phone. */
    conversationDoor: (conversation: Pick<ConversationView, 'channelKind' | 'byPhone'>) =>
      conversation.byPhone
        ? t('channel.phone')
        : isKnownChannel(conversation.channelKind)
          ? t(`channel.${conversation.channelKind}`)
          : conversation.channelKind,
    door: (kind: string, name?: string | null) =>
      doorLabel(isKnownChannel(kind) ? t(`channel.${kind}`) : kind, kind, name),
    status: ({ status, assignee }: Pick<ConversationView, 'status' | 'assignee'>) => {
      if (status === 'waiting') return t('conversation.statusWaiting')
      if (status === 'closed') return t('conversation.statusClosed')
      if (assignee?.id === myId) return t('conversation.statusMine')
      return t('conversation.statusOther', { name: assignee?.displayName ?? '' })
    },
  }
}
