// A conversation's risk level over the API: a volunteer's flag raises it (imminent risk: imminent,
// a minor at risk: high), a word of the helpline's list raises it to medium, nothing lowers it;
// the queue puts the highest risk first, then the soonest due; every console hears the change.
// (The word is a code word of the helpline's own, which automatic triage does not read as a risk.)
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { ConversationView } from '@ascolto/protocol'
import { setWordList } from '../../../testing/desk-settings.ts'
import { connectConsole, nextEvent } from '../../../testing/sockets.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../../testing/test-server.ts'

describe('risk levels', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let volunteer: Awaited<ReturnType<typeof makeOperator>>

  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    const coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Giulia')
    await setWordList(server, line.helplineId, coordinator.cookie, ['codice viola'])
  })
  after(() => server.close())

  async function writeIn(text: string, token = visitorToken()) {
    const sent = await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
      token,
      body: { clientId: randomUUID(), text },
    })
    assert.equal(sent.status, 201)
    return token
  }
  const waiting = async (): Promise<ConversationView[]> =>
    (await call(`${server.url}/api/conversations?status=waiting`, { cookie: volunteer.cookie })).body
      .conversations
  const byPreview = async (text: string) => {
    const found = (await waiting()).find((c) => c.preview === text)
    assert.ok(found, text)
    return found
  }
  const flag = (id: string, kind: string) =>
    call(`${server.url}/api/conversations/${id}/flags`, {
      cookie: volunteer.cookie,
      body: { kind, reason: 'Detto nella conversazione' },
    })

  it('raises with flags and the word list, never lowers, and orders the queue by it', async () => {
    await writeIn('Buonasera, una domanda')
    await writeIn('Un ragazzo mi scrive')
    await writeIn('Non so a chi dirlo')
    const wordToken = await writeIn('Mi serve il codice viola')
    const plain = await byPreview('Buonasera, una domanda')
    const minor = await byPreview('Un ragazzo mi scrive')
    const imminent = await byPreview('Non so a chi dirlo')
    const word = await byPreview('Mi serve il codice viola')
    assert.equal(plain.riskLevel, 'none')
    assert.equal(word.riskLevel, 'medium')

    // every console hears the new level with the flag
    const socket = await connectConsole(server.url, volunteer.cookie)
    try {
      const heard = nextEvent<ConversationView>(socket, 'conversation.updated', (c) => c.id === minor.id)
      assert.equal((await flag(minor.id, 'minor_at_risk')).status, 201)
      assert.equal((await heard).riskLevel, 'high')
    } finally {
      socket.close()
    }
    assert.equal((await flag(imminent.id, 'imminent_risk')).status, 201)
    // a lesser flag, then a word-list hit, leave an imminent conversation imminent
    assert.equal((await flag(imminent.id, 'minor_at_risk')).status, 201)
    assert.equal((await byPreview('Non so a chi dirlo')).riskLevel, 'imminent')
    assert.equal((await flag(word.id, 'imminent_risk')).status, 201)
    await writeIn('Ho ancora bisogno del codice viola', wordToken)
    assert.equal((await byPreview('Ho ancora bisogno del codice viola')).riskLevel, 'imminent')

    // the highest risk first; equal risks by due time, the one written first first
    assert.deepEqual(
      (await waiting()).map((c) => c.preview),
      [
        'Non so a chi dirlo',
        'Ho ancora bisogno del codice viola',
        'Un ragazzo mi scrive',
        'Buonasera, una domanda',
      ],
    )
  })

  it('refuses a flag on a conversation of another helpline and changes nothing', async () => {
    const other = await makeHelpline(server.pool)
    const stranger = await makeOperator(server, [{ helplineId: other.helplineId, role: 'supervisor' }])
    await writeIn('Una persona qualunque')
    const target = await byPreview('Una persona qualunque')
    const refused = await call(`${server.url}/api/conversations/${target.id}/flags`, {
      cookie: stranger.cookie,
      body: { kind: 'imminent_risk', reason: 'Non è mia' },
    })
    assert.equal(refused.status, 404)
    assert.equal((await byPreview('Una persona qualunque')).riskLevel, 'none')
  })
})
