// Keys given to t() are checked against the Italian catalogue, the one every other follows.
import 'i18next'
import type it from './it.json'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof it }
  }
}
