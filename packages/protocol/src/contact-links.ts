// People on several doors: the other conversations of the same person, as a supervisor linked
// them. A link shows pseudonyms and doors, never an address.
import Type, { type Static } from 'typebox'

const Id = Type.String({ format: 'uuid' })

export const LinkContactsBody = Type.Object(
  {
    /** A conversation of the other contact: the console knows conversations, not contacts. */
    otherConversationId: Id,
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
)
export type LinkContactsBody = Static<typeof LinkContactsBody>

export const ContactLinkView = Type.Object({
  id: Id,
  /** The other person's pseudonym and door, and their latest conversation there. */
  pseudonym: Type.Integer(),
  channelKind: Type.String(),
  conversationId: Type.Union([Id, Type.Null()]),
  linkedAt: Type.String({ format: 'date-time' }),
  linkedBy: Type.Union([Type.String(), Type.Null()]),
})
export type ContactLinkView = Static<typeof ContactLinkView>

export const ContactLinkList = Type.Object({ links: Type.Array(ContactLinkView) })
export type ContactLinkList = Static<typeof ContactLinkList>
