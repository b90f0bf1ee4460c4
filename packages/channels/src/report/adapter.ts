// The report form's door ("Segnala"): the reporter has no address to be reached at, only a
// receipt code to come back with. A reply is "sent" by being kept: it waits in the conversation
// until the code opens the thread (apps/server/src/routes/report). Inbound arrives over that
// route, never a webhook.
import type { ChannelAdapter } from '../kit/contract.ts'

export const reportAdapter = {
  kind: 'report',
  // the address is the receipt code's public locator: it finds the thread, it reaches nobody
  capabilities: { media: false, typing: false, readReceipts: false, addressIsCredential: true },
  send: async (_connection, _to, message) => ({ providerMessageId: `report:${message.id}` }),
} satisfies ChannelAdapter
