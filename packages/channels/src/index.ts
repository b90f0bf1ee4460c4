export * from './kit/contract.ts'
export { channelAdapters } from './registry.ts'
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
