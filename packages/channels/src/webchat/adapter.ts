// The web chat: the widget on the helpline's own site. Inbound arrives over the widget API
// (apps/server/src/routes/widget), outbound is a push to the visitor's sockets.
import { createHash } from 'node:crypto'
import type { WidgetMessage } from '@ascolto/protocol'
import type { ChannelAdapter } from '../kit/contract.ts'

/**
 * The socket room of one visitor. A plain hash is enough here: the token is 256 random bits,
 * and the room name never leaves the server.
 */
export function visitorRoom(token: string) {
  return `visitor:${createHash('sha256').update(token).digest('hex')}`
}

/** The provider id of a widget message: its client id, scoped to the visitor, so no visitor can collide with another. */
export function widgetProviderMessageId(token: string, clientId: string) {
  return `${createHash('sha256').update(token).digest('hex').slice(0, 32)}:${clientId}`
}

export const webchatAdapter = {
  kind: 'webchat',
  capabilities: { media: false, typing: true, readReceipts: true, addressIsCredential: true },
  send: async (_connection, to, message, context) => {
    const payload: WidgetMessage = {
      id: message.id,
      clientId: null,
      direction: 'outbound',
      text: message.text,
      createdAt: message.createdAt.toISOString(),
      fromLine: message.fromLine ?? false,
    }
    context.pushToWidget(visitorRoom(to), 'message', payload)
    return { providerMessageId: `webchat:${message.id}` }
  },
} satisfies ChannelAdapter
