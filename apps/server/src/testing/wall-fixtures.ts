// The other side of the wall walk (plugins/helpline-walls.test.ts), for the kinds of record that
// need more than one POST: a step of the helpline's playbook and a redirect of its settings, a
// signed-up shift, a mediator for calls and one brought into a call, a call-back asked for, and a
// passkey of its coordinator. Made through the API where one exists; a call's mediator and a
// call-back come from Twilio's call flow, and a passkey from a browser's authenticator, so those
// rows are written as those flows write them.
import { randomBytes } from 'node:crypto'
import type { Pool } from '@ascolto/db'
import { call } from './test-server.ts'

type Theirs = {
  url: string
  pool: Pool
  cookie: string
  userId: string
  helplineId: string
  channelId: string
  conversationId: string
  messageId: string
  shiftId: string
}

/** The id an insert returned. */
function idOf({ rows }: { rows: Array<{ id: string }> }): string {
  const id = rows[0]?.id
  if (!id) throw new Error('nothing inserted')
  return id
}

export async function makeMoreOfTheirs(theirs: Theirs) {
  const api = async (path: string, body: unknown, method?: string) => {
    const answer = await call(`${theirs.url}${path}`, { cookie: theirs.cookie, body, method })
    if (answer.status >= 300) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`)
    return answer.body
  }
  const settings = await api(`/api/helplines/${theirs.helplineId}/settings`, undefined, 'GET')
  await api(
    `/api/helplines/${theirs.helplineId}/settings`,
    {
      ...settings,
      redirects: [{ id: 'consultorio', label: 'Consultorio', text: { it: 'Puoi scrivere al consultorio.' } }],
      desk: {
        ...settings.desk,
        escalationPlaybook: [{ id: 'avvisa-supervisione', label: { it: 'Avvisa' } }],
      },
    },
    'PUT',
  )
  const day = new Date().toISOString().slice(0, 10)
  const assigned = await api(`/api/shifts/${theirs.shiftId}/assignments`, { date: day, role: 'volunteer' })
  const mediator = await api(`/api/call-mediators?helplineId=${theirs.helplineId}`, {
    label: 'Mediatrice di lingua araba',
    languages: ['ar'],
    phone: '+393331112233',
  })
  const callId = idOf(
    await theirs.pool.query(
      `insert into phone_call (helpline_id, channel_id, call_sid_hash, message_id, conversation_id, started_at)
       values ($1, $2, $3, $4, $5, now()) returning id`,
      [theirs.helplineId, theirs.channelId, randomBytes(32), theirs.messageId, theirs.conversationId],
    ),
  )
  const callParticipant = idOf(
    await theirs.pool.query(
      `insert into call_participant (call_id, helpline_id, mediator_id, label, requested_by, requested_at)
       values ($1, $2, $3, 'Mediatrice di lingua araba', $4, now()) returning id`,
      [callId, theirs.helplineId, mediator.id, theirs.userId],
    ),
  )
  const callback = idOf(
    await theirs.pool.query(
      `insert into callback_request (helpline_id, conversation_id, message_id, due_at)
       values ($1, $2, $3, now() + interval '1 hour') returning id`,
      [theirs.helplineId, theirs.conversationId, theirs.messageId],
    ),
  )
  const passkey = idOf(
    await theirs.pool.query(
      `insert into user_passkey (user_id, credential_id, public_key, name)
       values ($1, $2, $3, 'Chiave di casa') returning id`,
      [theirs.userId, randomBytes(32).toString('base64url'), randomBytes(77)],
    ),
  )
  return {
    step: 'avvisa-supervisione',
    redirect: 'consultorio',
    shiftAssignment: assigned.id as string,
    callMediator: mediator.id as string,
    callParticipant,
    callback,
    passkey,
  }
}
