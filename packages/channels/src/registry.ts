import { emailAdapter } from './email/adapter.ts'
import type { ChannelAdapter } from './kit/contract.ts'
import { reportAdapter } from './report/adapter.ts'
import { telegramAdapter } from './telegram/adapter.ts'
import { twilioAdapter } from './twilio/adapter.ts'
import { webchatAdapter } from './webchat/adapter.ts'
import { whatsappAdapter } from './whatsapp/adapter.ts'

/** Every channel Ascolto speaks: adding one is a new folder and one line here. */
export const channelAdapters: Record<string, ChannelAdapter> = {
  [webchatAdapter.kind]: webchatAdapter,
  [whatsappAdapter.kind]: whatsappAdapter,
  [twilioAdapter.kind]: twilioAdapter,
  [telegramAdapter.kind]: telegramAdapter,
  [emailAdapter.kind]: emailAdapter,
  [reportAdapter.kind]: reportAdapter,
}
