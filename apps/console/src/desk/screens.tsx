// The screens beside the conversations, one per folder, by the address: who may open each (a role
// at one of their helplines) and what it shows. The router (desk.tsx) renders the one the address
// names; with none, or one the operator may not open, the conversations. A new screen is a row here
// and a route in use-hash-route.ts.
import type { Membership, SessionView } from '@ascolto/protocol'
import type { ReactNode } from 'react'
import { ArchiveScreen } from '../archive/archive-screen.tsx'
import { CannedRepliesScreen } from '../canned-replies/canned-replies-screen.tsx'
import { DirectoryScreen } from '../directory/directory-screen.tsx'
import { PartnersScreen } from '../partners/partners-screen.tsx'
import { ReviewsScreen } from '../reviews/reviews-screen.tsx'
import { RoomScreen } from '../room/room-screen.tsx'
import { SettingsScreen } from '../settings/settings-screen.tsx'
import { StatisticsScreen } from '../statistics/statistics-screen.tsx'
import type { useLabels } from './labels.ts'
import type { useDeskSetups } from './use-desk-setup.ts'
import type { Route } from './use-hash-route.ts'

/** What every screen may need from the desk around it. */
export type ScreenContext = {
  session: SessionView
  labels: ReturnType<typeof useLabels>
  desks: ReturnType<typeof useDeskSetups>
  /** Grows whenever the socket says a conversation changed: live screens read again. */
  roomVersion: number
  onError: (error: unknown) => void
}

type Screen = {
  /** Who may open it: coordinators, or supervisors (coordinators too), or every member. */
  role: 'coordinator' | 'supervisor' | 'member'
  /** `helplines`: those of the operator's where they have the role; `helplineId`: the one shown. */
  render: (context: ScreenContext, helplines: Membership[], helplineId: string) => ReactNode
}

const SCREENS: Record<Exclude<Route['screen'], 'desk'>, Screen> = {
  settings: {
    role: 'coordinator',
    render: ({ desks }, helplines, helplineId) => (
      <SettingsScreen helplines={helplines} helplineId={helplineId} onSaved={desks.reload} />
    ),
  },
  canned: {
    role: 'coordinator',
    render: ({ desks }, helplines, helplineId) => (
      <CannedRepliesScreen
        helplines={helplines}
        helplineId={helplineId}
        setup={desks.setups[helplineId]}
        onChanged={desks.reload}
      />
    ),
  },
  room: {
    role: 'supervisor',
    render: ({ desks, labels, roomVersion, onError }, helplines, helplineId) => (
      <RoomScreen
        helplines={helplines}
        helplineId={helplineId}
        version={roomVersion}
        labels={labels}
        maxConcurrent={desks.setups[helplineId]?.desk.maxConcurrent}
        onError={onError}
      />
    ),
  },
  statistics: {
    role: 'supervisor',
    render: ({ labels, onError }, helplines, helplineId) => (
      <StatisticsScreen helplines={helplines} helplineId={helplineId} labels={labels} onError={onError} />
    ),
  },
  directory: {
    role: 'member',
    render: ({ desks, onError }, helplines, helplineId) => (
      <DirectoryScreen
        helplines={helplines}
        helplineId={helplineId}
        setup={desks.setups[helplineId]}
        onError={onError}
      />
    ),
  },
  partners: {
    role: 'coordinator',
    render: ({ onError }, helplines, helplineId) => (
      <PartnersScreen helplines={helplines} helplineId={helplineId} onError={onError} />
    ),
  },
  archive: {
    role: 'member',
    render: ({ session, desks, labels, onError }, helplines, helplineId) => (
      <ArchiveScreen
        helplines={helplines}
        helplineId={helplineId}
        supervises={session.memberships.some((m) => m.helplineId === helplineId && m.role !== 'volunteer')}
        setup={desks.setups[helplineId]}
        labels={labels}
        onError={onError}
      />
    ),
  },
  reviews: {
    role: 'member',
    render: ({ session, onError }) => (
      <ReviewsScreen supervises={session.memberships.some((m) => m.role !== 'volunteer')} onError={onError} />
    ),
  },
}

const hasRole = (role: Screen['role']) => (m: Membership) =>
  role === 'member' || (role === 'coordinator' ? m.role === 'coordinator' : m.role !== 'volunteer')

/** The helplines where the operator may open screens of that role (for the links to them). */
export const helplinesWhere = (session: SessionView, role: Screen['role']) =>
  session.memberships.filter(hasRole(role))

/**
 * The screen the address names, for its helpline (the address's, else the first the operator may
 * open it for); null for the conversations, or a screen the operator may not open.
 */
export function screenFor(route: Route, context: ScreenContext): { name: string; element: ReactNode } | null {
  if (route.screen === 'desk') return null
  const screen = SCREENS[route.screen]
  const helplines = helplinesWhere(context.session, screen.role)
  const helplineId = ('helplineId' in route ? route.helplineId : null) ?? helplines[0]?.helplineId
  if (!helplineId || helplines.length === 0) return null
  return { name: route.screen, element: screen.render(context, helplines, helplineId) }
}
