// The screen lives in the address, so the browser's back button returns to the queue on a phone,
// and a reload keeps the same screen: #/conversations/<id> is an open conversation,
// #/settings/<helplineId> a helpline's settings (#/settings alone: the first the operator coordinates),
// #/canned-replies/<helplineId> its canned replies, #/room/<helplineId> its supervisor's room, #/reviews the clinical reviews,
// #/statistics/<helplineId> the survey's statistics, #/directory/<helplineId> its directory of services,
// #/archive/<helplineId> the closed conversations, #/partners/<helplineId> its partner installations.
import { useEffect, useState } from 'react'

const CONVERSATION = /^#\/conversations\/([0-9a-f-]{36})$/i
const SETTINGS = /^#\/settings(?:\/([0-9a-f-]{36}))?$/i
const CANNED = /^#\/canned-replies(?:\/([0-9a-f-]{36}))?$/i
const ROOM = /^#\/room(?:\/([0-9a-f-]{36}))?$/i
const REVIEWS = /^#\/reviews$/i
const STATISTICS = /^#\/statistics(?:\/([0-9a-f-]{36}))?$/i
const DIRECTORY = /^#\/directory(?:\/([0-9a-f-]{36}))?$/i
const ARCHIVE = /^#\/archive(?:\/([0-9a-f-]{36}))?$/i
const PARTNERS = /^#\/partners(?:\/([0-9a-f-]{36}))?$/i

export const conversationHref = (id: string) => `#/conversations/${id}`
export const settingsHref = (helplineId: string) => `#/settings/${helplineId}`
export const cannedRepliesHref = (helplineId: string) => `#/canned-replies/${helplineId}`
export const roomHref = (helplineId: string) => `#/room/${helplineId}`
export const statisticsHref = (helplineId: string) => `#/statistics/${helplineId}`
export const directoryHref = (helplineId: string) => `#/directory/${helplineId}`
export const archiveHref = (helplineId: string) => `#/archive/${helplineId}`
export const partnersHref = (helplineId: string) => `#/partners/${helplineId}`
export const REVIEWS_HREF = '#/reviews'
export const QUEUE_HREF = '#/'

/** The address's hash, read again whenever it changes. */
export function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash)
  useEffect(() => {
    const update = () => setHash(window.location.hash)
    window.addEventListener('hashchange', update)
    return () => window.removeEventListener('hashchange', update)
  }, [])
  return hash
}

export type Route =
  | { screen: 'desk'; conversationId: string | null }
  | { screen: 'settings'; helplineId: string | null }
  | { screen: 'canned'; helplineId: string | null }
  | { screen: 'room'; helplineId: string | null }
  | { screen: 'reviews' }
  | { screen: 'statistics'; helplineId: string | null }
  | { screen: 'directory'; helplineId: string | null }
  | { screen: 'archive'; helplineId: string | null }
  | { screen: 'partners'; helplineId: string | null }

export function useRoute(): Route {
  const hash = useHash()
  const settings = SETTINGS.exec(hash)
  if (settings) return { screen: 'settings', helplineId: settings[1] ?? null }
  const canned = CANNED.exec(hash)
  if (canned) return { screen: 'canned', helplineId: canned[1] ?? null }
  const room = ROOM.exec(hash)
  if (room) return { screen: 'room', helplineId: room[1] ?? null }
  if (REVIEWS.test(hash)) return { screen: 'reviews' }
  const statistics = STATISTICS.exec(hash)
  if (statistics) return { screen: 'statistics', helplineId: statistics[1] ?? null }
  const directory = DIRECTORY.exec(hash)
  if (directory) return { screen: 'directory', helplineId: directory[1] ?? null }
  const archive = ARCHIVE.exec(hash)
  if (archive) return { screen: 'archive', helplineId: archive[1] ?? null }
  const partners = PARTNERS.exec(hash)
  if (partners) return { screen: 'partners', helplineId: partners[1] ?? null }
  return { screen: 'desk', conversationId: CONVERSATION.exec(hash)?.[1] ?? null }
}
