export * from './kit/contract.ts'
export { channelAdapters } from './registry.ts'
export { visitorRoom, webchatAdapter, widgetProviderMessageId } from './webchat/adapter.ts'
