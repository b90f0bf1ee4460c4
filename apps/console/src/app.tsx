// The session decides the screen: nothing yet (asking the server), sign-in, or the desk.
import type { SessionView } from '@ascolto/protocol'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { whenUnauthenticated } from './api/http.ts'
import { loadSession } from './api/session.ts'
import { Desk } from './desk/desk.tsx'
import { MediatorScreen } from './mediation/mediator-screen.tsx'
import { RotaGate } from './rota/rota-gate.tsx'
import { SignIn } from './sign-in/sign-in.tsx'
import { linkToken } from './sign-in/sign-in-api.ts'
import { TeamGate } from './team/team-gate.tsx'

type SessionState =
  | { phase: 'loading' }
  | { phase: 'signed-out' }
  | { phase: 'signed-in'; session: SessionView }

export function App() {
  const { t } = useTranslation()
  const [state, setState] = useState<SessionState>({ phase: 'loading' })

  useEffect(() => {
    whenUnauthenticated(() => setState({ phase: 'signed-out' }))
    // a password reset link is for whoever holds it, signed in or not: using it ends the sessions
    if (linkToken()?.kind === 'reset') return setState({ phase: 'signed-out' })
    loadSession().then(
      (session) => setState(session ? { phase: 'signed-in', session } : { phase: 'signed-out' }),
      // the server cannot be reached: the form will say so when it is used
      () => setState({ phase: 'signed-out' }),
    )
  }, [])

  if (state.phase === 'loading') {
    return (
      <p className="page-loading" role="status">
        {t('app.loading')}
      </p>
    )
  }
  if (state.phase === 'signed-out' || state.session.secondFactor.mustEnrol) {
    const session = state.phase === 'signed-in' ? state.session : undefined
    return <SignIn session={session} onSignedIn={(next) => setState({ phase: 'signed-in', session: next })} />
  }
  const signedOut = () => setState({ phase: 'signed-out' })
  // a mediator and nothing else has no desk: their own screen, scoped to the conversations they are in
  const { memberships, user } = state.session
  if (!user.isAdmin && memberships.length > 0 && memberships.every((m) => m.role === 'mediator')) {
    return <MediatorScreen session={state.session} onSignedOut={signedOut} />
  }
  return (
    <TeamGate session={state.session} onSignedOut={signedOut}>
      <RotaGate session={state.session} onSignedOut={signedOut}>
        <Desk session={state.session} onSignedOut={signedOut} />
      </RotaGate>
    </TeamGate>
  )
}
