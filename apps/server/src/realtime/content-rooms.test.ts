// A conversation's content reaches only the consoles that have it open (after an audited read) or
// the operator it is assigned to; every other console of the helpline hears ids and states. What a
// person opens (the conversation, its flags, the person's history, the queue's previews) is audited.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { ConversationView, MessageView } from '@ascolto/protocol'
import type { Socket } from 'socket.io-client'
import {
  type FakeWhatsApp,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  whatsappPayload,
  whatsappText,
} from '../testing/fake-whatsapp.ts'
import { connectConsole, nextEvent } from '../testing/sockets.ts'
import { call, makeOperator, startTestServer, type TestServer } from '../testing/test-server.ts'
import { openWhatsAppConversation, type WhatsAppChat } from '../testing/whatsapp-conversation.ts'

type Operator = Awaited<ReturnType<typeof makeOperator>>

describe('content only where a conversation is open or assigned', () => {
  let server: TestServer
  let fake: FakeWhatsApp
  let chat: WhatsAppChat
  let colleague: Operator
  let third: Operator
  const phone = '393405550101'
  const sockets: Socket[] = []

  before(async () => {
    server = await startTestServer()
    fake = await startFakeWhatsApp()
    chat = await openWhatsAppConversation(server, fake, { phone })
    colleague = await makeOperator(server, [{ helplineId: chat.helplineId, role: 'volunteer' }], 'Marco')
    third = await makeOperator(server, [{ helplineId: chat.helplineId, role: 'volunteer' }], 'Lia')
  })
  after(async () => {
    for (const socket of sockets) socket.close()
    await fake.close()
    await server.close()
  })

  /** A console that keeps everything it is told, as the JSON it arrived as. */
  const listen = async (who: Operator) => {
    const socket = await connectConsole(server.url, who.cookie)
    sockets.push(socket)
    const heard: string[] = []
    socket.onAny((event: string, payload: unknown) => heard.push(`${event} ${JSON.stringify(payload)}`))
    return { socket, heard }
  }
  const messageOn = (socket: Socket, text: string) =>
    nextEvent<MessageView>(socket, 'message.created', (m) => m.direction === 'inbound' && m.text === text)
  const withheldOn = (socket: Socket) =>
    nextEvent<MessageView>(socket, 'message.created', (m) => m.direction === 'inbound' && m.withheld === true)
  const audited = async (actorId: string, action: string) => {
    const { rows } = await server.pool.query<{ subject_id: string | null; details: Record<string, unknown> }>(
      'select subject_id, details from audit_event where actor_id = $1 and action = $2 order by id',
      [actorId, action],
    )
    return rows
  }

  it("sends a colleague's console no message text or preview of a conversation assigned to another", async () => {
    const [assigned, other] = await Promise.all([listen(chat.volunteer), listen(colleague)])
    const text = 'Sono Giovanna, ho paura di tornare a casa stasera'
    const toAssigned = messageOn(assigned.socket, text)
    const toOther = withheldOn(other.socket)
    const updated = nextEvent<ConversationView>(
      other.socket,
      'conversation.updated',
      (c) => c.id === chat.conversationId,
    )
    await chat.write(whatsappText({ phone }, text))
    const whole = await toAssigned
    const withheld = await toOther
    // the same news, the same id and state, without the words
    assert.equal(withheld.id, whole.id)
    assert.equal(withheld.conversationId, chat.conversationId)
    assert.equal(withheld.text, '')
    assert.equal((await updated).preview, '')
    assert.equal((await updated).withheld, true)
    for (const line of other.heard) {
      assert.ok(!line.includes('Giovanna') && !line.includes('paura'), `the colleague heard: ${line}`)
    }
    assert.ok(
      assigned.heard.some((line) => line.startsWith('conversation.updated') && line.includes('paura')),
    )
  })

  it('follows a conversation on the console that opened it, after the read is audited', async () => {
    const other = await listen(colleague)
    const opened = await call(`${server.url}/api/conversations/${chat.conversationId}`, {
      cookie: colleague.cookie,
      headers: { 'x-ascolto-socket': other.socket.id ?? '' },
    })
    assert.equal(opened.status, 200)
    const reads = await audited(colleague.userId, 'conversation.read')
    assert.ok(reads.some((row) => row.subject_id === chat.conversationId))
    const text = 'Adesso riesco a parlare'
    const toOther = messageOn(other.socket, text)
    await chat.write(whatsappText({ phone }, text))
    await toOther
  })

  it("never makes someone else's console follow: the socket named must be of the reading session", async () => {
    const [lia, marco] = await Promise.all([listen(third), listen(colleague)])
    // Marco reads, naming Lia's socket: Marco is audited, Lia's console is not made to follow
    const opened = await call(`${server.url}/api/conversations/${chat.conversationId}`, {
      cookie: colleague.cookie,
      headers: { 'x-ascolto-socket': lia.socket.id ?? '' },
    })
    assert.equal(opened.status, 200)
    const text = 'Una cosa ancora'
    // Marco's other console has not opened it either: both hear it withheld (the positive signal)
    const [toLia, toMarco] = [withheldOn(lia.socket), withheldOn(marco.socket)]
    await chat.write(whatsappText({ phone }, text))
    await Promise.all([toLia, toMarco])
    assert.ok(!lia.heard.some((line) => line.includes(text)))
  })

  it('keeps following what is assigned to the operator after a reconnection, and moves with a transfer', async () => {
    const again = await listen(chat.volunteer)
    const text = 'Ci sei ancora?'
    const toAssigned = messageOn(again.socket, text)
    await chat.write(whatsappText({ phone }, text))
    await toAssigned

    // handed to Lia: her console follows it at once, the first volunteer's hears it withheld
    const lia = await listen(third)
    const transferred = await call(`${server.url}/api/conversations/${chat.conversationId}/transfer`, {
      cookie: chat.volunteer.cookie,
      body: { toUserId: third.userId, note: 'passo a Lia' },
    })
    assert.equal(transferred.status, 200)
    const next = 'Grazie'
    const [toLia, toFirst] = [messageOn(lia.socket, next), withheldOn(again.socket)]
    await chat.write(whatsappText({ phone }, next))
    await Promise.all([toLia, toFirst])
  })

  it('audits the flags with their reasons, the person’s history and the previews a list shows', async () => {
    const base = `${server.url}/api/conversations/${chat.conversationId}`
    assert.equal((await call(`${base}/flags`, { cookie: colleague.cookie })).status, 200)
    assert.equal((await call(`${base}/history`, { cookie: colleague.cookie })).status, 200)
    assert.deepEqual(
      (await audited(colleague.userId, 'conversation.flags.read')).map((row) => row.subject_id),
      [chat.conversationId],
    )
    assert.deepEqual(
      (await audited(colleague.userId, 'conversation.history.read')).map((row) => row.subject_id),
      [chat.conversationId],
    )
    // a second person writes in: the waiting list shows their preview, and says so
    const written = await postWhatsAppWebhook(
      chat.webhookUrl,
      chat.appSecret,
      whatsappPayload({ messages: [whatsappText({ phone: '393405550102' }, 'Buonasera')] }),
    )
    assert.equal(written.status, 200)
    const list = await call(`${server.url}/api/conversations?status=waiting&helplineId=${chat.helplineId}`, {
      cookie: third.cookie,
    })
    assert.equal(list.status, 200)
    const previewed = await audited(third.userId, 'conversations.previewed')
    const shown = list.body.conversations.map((c: ConversationView) => c.id)
    assert.ok(previewed.some((row) => JSON.stringify(row.details.conversationIds) === JSON.stringify(shown)))
    // an outsider's id in another helpline is not read, and nothing is audited for it
    const before = (await audited(third.userId, 'conversation.read')).length
    const unknown = await call(`${server.url}/api/conversations/00000000-0000-4000-8000-000000000000`, {
      cookie: third.cookie,
    })
    assert.equal(unknown.status, 404)
    assert.equal((await audited(third.userId, 'conversation.read')).length, before)
  })
})
