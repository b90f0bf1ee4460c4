export { emailAdapter } from './email/adapter.ts'
export { configOf as emailConfigOf, type EmailConfig, emailConnection } from './email/config.ts'
export { htmlAsText, parseMail } from './email/parse-mail.ts'
export { stripQuoted } from './email/strip-quoted.ts'
export { type InboxWatch, watchInbox } from './email/watch-inbox.ts'
export * from './kit/contract.ts'
export { channelAdapters } from './registry.ts'
export { telegramAdapter } from './telegram/adapter.ts'
export { TELEGRAM_API_URL, type TelegramConfig, telegramConnection } from './telegram/config.ts'
export { telegramMessageId } from './telegram/parse-webhook.ts'
export { SECRET_TOKEN_HEADER as TELEGRAM_SECRET_HEADER } from './telegram/secret-token.ts'
export { sendTelegramText } from './telegram/send.ts'
export { describeBot, setTelegramWebhook } from './telegram/set-webhook.ts'
export { twilioAdapter } from './twilio/adapter.ts'
export {
  TWILIO_API_URL,
  type TwilioConfig,
  type TwilioSecrets,
  twilioConnection,
  webhookUrlOf as twilioWebhookUrl,
} from './twilio/config.ts'
export { TWILIO_SIGNATURE_HEADER, twilioSignature } from './twilio/signature.ts'
export { visitorRoom, webchatAdapter, widgetProviderMessageId } from './webchat/adapter.ts'
export { whatsappAdapter } from './whatsapp/adapter.ts'
export {
  WHATSAPP_API_VERSION,
  WHATSAPP_GRAPH_URL,
  type WhatsAppConfig,
  type WhatsAppConnectionInput,
  type WhatsAppSecrets,
  whatsappConnection,
} from './whatsapp/config.ts'
export { isBusinessScopedUserId } from './whatsapp/send.ts'
export { SIGNATURE_HEADER as WHATSAPP_SIGNATURE_HEADER, whatsappSignature } from './whatsapp/signature.ts'
