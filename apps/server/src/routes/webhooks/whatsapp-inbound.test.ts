// Meta → Ascolto, for real: the handshake, signatures over the raw body, every message type of the
// recorded fixtures stored once with its kind, a whole multi-entry payload, and random signed
// bodies that never crash the door nor leave anything half-stored.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { whatsappSignature } from '@ascolto/channels'
import { arbitraryWhatsAppPayload as arbitraryPayload } from '@ascolto/channels/testing'
import { createChannel } from '@ascolto/core'
import fc from 'fast-check'
import {
  connectFakeWhatsApp,
  type FakeWhatsApp,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  whatsappPayload,
  whatsappText,
} from '../../testing/fake-whatsapp.ts'
import { openChannelAddresses, openMessageProviderId, openMessageText } from '../../testing/sealed.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../testing/test-server.ts'
import { WEBHOOK_EVENTS_PER_BODY } from './index.ts'

const fixtures = path.resolve(import.meta.dirname, '../../../../../packages/channels/src/whatsapp/fixtures')
// recorded long ago: stamped now, as Meta sends them (events older than its retry window are refused)
const fixture = (name: string) =>
  Buffer.from(
    readFileSync(path.join(fixtures, `${name}.json`), 'utf8').replace(
      /"timestamp": "\d+"/g,
      `"timestamp": "${Math.floor(Date.now() / 1000)}"`,
    ),
  )
const BSUID = 'IT.1795123456789012345'

describe('WhatsApp webhook: Meta to Ascolto', () => {
  let server: TestServer
  let fake: FakeWhatsApp
  before(async () => {
    server = await startTestServer()
    fake = await startFakeWhatsApp()
  })
  after(async () => {
    await fake.close()
    await server.close()
  })

  async function door() {
    const { helplineId } = await makeHelpline(server.pool)
    return { helplineId, ...(await connectFakeWhatsApp(server, fake, { helplineId })) }
  }

  const count = async (table: string, channelId: string) =>
    Number(
      (
        await server.pool.query(
          `select count(*) from ${table} where ${table === 'contact' ? 'id in (select contact_id from contact_identity where channel_id = $1)' : 'channel_id = $1'}`,
          [channelId],
        )
      ).rows[0].count,
    )

  async function stored(channelId: string) {
    const { rows } = await server.pool.query(
      `select id, helpline_id, kind, body_sealed, media, reply_to_provider_id, provider_message_id, direction, status
         from message where channel_id = $1 order by seq`,
      [channelId],
    )
    return Promise.all(
      rows.map(async (row) => ({
        kind: row.kind as string,
        text: await openMessageText(server, row.id),
        media: row.media,
        replyTo: row.reply_to_provider_id,
        providerMessageId: row.provider_message_id as string,
        providerId: await openMessageProviderId(server, row.id),
      })),
    )
  }

  it('answers the handshake with the challenge, only with the right verify token', async () => {
    const { webhookUrl, verifyToken } = await door()
    const handshake = (query: Record<string, string>) =>
      fetch(`${webhookUrl}?${new URLSearchParams(query)}`).then(async (r) => ({
        status: r.status,
        text: await r.text(),
        type: r.headers.get('content-type'),
      }))
    const ok = await handshake({
      'hub.mode': 'subscribe',
      'hub.challenge': '1158201444',
      'hub.verify_token': verifyToken,
    })
    assert.deepEqual(ok, { status: 200, text: '1158201444', type: 'text/plain; charset=utf-8' })
    const refused: Array<Record<string, string>> = [
      { 'hub.mode': 'subscribe', 'hub.challenge': '1158201444', 'hub.verify_token': `${verifyToken}x` },
      { 'hub.mode': 'subscribe', 'hub.challenge': '1158201444' },
      { 'hub.mode': 'unsubscribe', 'hub.challenge': '1158201444', 'hub.verify_token': verifyToken },
      { 'hub.mode': 'subscribe', 'hub.challenge': '<script>', 'hub.verify_token': verifyToken },
    ]
    for (const query of refused) {
      assert.equal((await handshake(query)).status, 403, JSON.stringify(query))
    }
  })

  it('is not found for an unknown channel or one of another kind, and 503 without secrets', async () => {
    const { helplineId, channelId: webchat } = await makeHelpline(server.pool)
    const payload = fixture('text')
    assert.equal(
      (await postWhatsAppWebhook(`${server.url}/webhooks/whatsapp/${randomUUID()}`, 'x', payload)).status,
      404,
    )
    assert.equal(
      (await postWhatsAppWebhook(`${server.url}/webhooks/whatsapp/${webchat}`, 'x', payload)).status,
      404,
    )
    assert.equal(
      (await postWhatsAppWebhook(`${server.url}/webhooks/webchat/${webchat}`, 'x', payload)).status,
      404,
    )
    assert.equal(
      (await postWhatsAppWebhook(`${server.url}/webhooks/whatsapp/not-an-id`, 'x', payload)).status,
      400,
    )

    // a channel row without its secrets (half set up by hand): it cannot check anything, so it takes nothing
    const bare = await createChannel(server.pool, {
      helplineId,
      kind: 'whatsapp',
      name: 'WhatsApp',
      config: { phoneNumberId: '109876543210123', graphBaseUrl: fake.url, apiVersion: 'v24.0' },
    })
    const url = `${server.url}/webhooks/whatsapp/${bare.id}`
    const unconfigured = await postWhatsAppWebhook(url, 'x', payload)
    assert.equal(unconfigured.status, 503)
    assert.equal(unconfigured.body.code, 'ASCOLTO_ERR_CHANNEL_NOT_CONFIGURED')
    assert.equal(unconfigured.body.problems, undefined)
    assert.equal((await fetch(`${url}?hub.mode=subscribe&hub.challenge=1&hub.verify_token=x`)).status, 503)
    assert.equal(await count('message', bare.id), 0)
  })

  it('refuses unsigned and wrongly signed bodies with 401, storing nothing', async () => {
    const { webhookUrl, appSecret, channelId } = await door()
    const body = fixture('text')
    const cases = [
      { signature: null },
      { signature: '' },
      { signature: 'sha256=' },
      { signature: `sha256=${'0'.repeat(64)}` },
      { signature: whatsappSignature('another secret', body) },
      // signed, but for other bytes: the same JSON re-serialized is not what was signed
      {
        signature: whatsappSignature(appSecret, JSON.stringify(JSON.parse(body.toString()))),
      },
      { signature: whatsappSignature(appSecret, body).replace('sha256=', 'sha1=') },
    ]
    for (const { signature } of cases) {
      const response = await postWhatsAppWebhook(webhookUrl, appSecret, body, { signature })
      assert.equal(response.status, 401, String(signature))
      assert.equal(response.body.code, 'ASCOLTO_ERR_UNAUTHENTICATED')
    }
    assert.equal(await count('message', channelId), 0)
    assert.equal(await count('contact', channelId), 0)
  })

  const types: Array<[string, string, string]> = [
    ['text', 'text', 'Ciao, è aperto stasera? Ho bisogno di parlare con qualcuno.'],
    ['reply', 'text', 'Sì, grazie della risposta'],
    ['image', 'image', '📷 Questa è la lettera che ho ricevuto'],
    ['audio-voice', 'audio', ''],
    ['video', 'video', ''],
    ['document', 'document', '📄 modulo-richiesta.pdf\nil modulo che mi hanno dato'],
    ['sticker', 'sticker', ''],
    ['location', 'location', "📍 45.4642,9.19 Stazione Centrale, Piazza Duca d'Aosta, Milano"],
    ['contacts', 'contacts', '👤 Centro Aiuto Donna +39 02 1234567\n👤 Marco +39 333 000 1111'],
    ['reaction', 'reaction', '❤️'],
    ['button', 'interactive', '🔘 Richiamatemi'],
    ['interactive-button-reply', 'interactive', '🔘 Accetto'],
    ['interactive-list-reply', 'interactive', '🔘 Casa e alloggio'],
    ['unsupported', 'unsupported', ''],
  ]

  it('stores every type of message once, with its kind, its text sealed and its media id', async () => {
    const { webhookUrl, appSecret, channelId } = await door()
    for (const [name] of types) {
      const response = await postWhatsAppWebhook(webhookUrl, appSecret, fixture(name))
      assert.equal(response.status, 200, name)
      assert.deepEqual(response.body, { received: true })
    }
    const messages = await stored(channelId)
    assert.deepEqual(
      messages.map((m) => [m.kind, m.text]),
      types.map(([, kind, text]) => [kind, text]),
    )
    const image = messages[2]
    assert.deepEqual(image?.media, {
      providerMediaId: '1402976344212345',
      mimeType: 'image/jpeg',
      sha256: '3b8bc5d1f4a3a8d1e0d4f9b0a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0',
    })
    assert.equal(messages[3]?.media.voice, true)
    // the answered message's id only as its keyed hash, like every provider id (provider-ids.ts)
    assert.equal(
      messages[1]?.replyTo,
      server.services.keyring.hashProviderId(
        channelId,
        'wamid.HBgMMzkzNDcxMjM0NTY3FQIAERgSQkE5OTk5OTk5OTk5OTk5OTk5AA==',
      ),
    )
    // one person, one conversation, known by their business-scoped id
    assert.deepEqual(await openChannelAddresses(server, channelId), [BSUID])
    const conversations = await server.pool.query(
      'select count(*)::int as n from conversation where channel_id = $1',
      [channelId],
    )
    assert.equal(conversations.rows[0].n, 1)
    // nothing of the text or the file name in clear in the row
    const raw = await server.pool.query('select media::text as media from message where channel_id = $1', [
      channelId,
    ])
    assert.ok(raw.rows.every((row) => !String(row.media).includes('modulo')))
  })

  it('shows the console each kind, and an empty text where only the kind can be shown', async () => {
    const { webhookUrl, appSecret, helplineId } = await door()
    await postWhatsAppWebhook(webhookUrl, appSecret, fixture('audio-voice'))
    const volunteer = await makeOperator(server, [{ helplineId, role: 'volunteer' }])
    const queue = await call(`${server.url}/api/conversations?status=waiting&helplineId=${helplineId}`, {
      cookie: volunteer.cookie,
    })
    const detail = await call(`${server.url}/api/conversations/${queue.body.conversations[0].id}`, {
      cookie: volunteer.cookie,
    })
    assert.deepEqual(
      detail.body.messages.map((m: { kind: string; text: string }) => [m.kind, m.text]),
      [['audio', '']],
    )
  })

  it('takes nothing from groups, system notices, calls or removed reactions, and still answers 200', async () => {
    const { webhookUrl, appSecret, channelId } = await door()
    for (const name of ['group', 'system', 'calls', 'reaction-removed']) {
      const response = await postWhatsAppWebhook(webhookUrl, appSecret, fixture(name))
      assert.equal(response.status, 200, name)
    }
    assert.equal(await count('message', channelId), 0)
    assert.equal(await count('contact', channelId), 0)
  })

  it('stores a retried webhook once', async () => {
    const { webhookUrl, appSecret, channelId } = await door()
    const body = fixture('text')
    const responses = await Promise.all([1, 2, 3].map(() => postWhatsAppWebhook(webhookUrl, appSecret, body)))
    assert.deepEqual(
      responses.map((r) => r.status),
      [200, 200, 200],
    )
    assert.equal((await postWhatsAppWebhook(webhookUrl, appSecret, body)).status, 200)
    assert.equal(await count('message', channelId), 1)
  })

  it('handles a multi-entry payload whole: each person, in order, only this number', async () => {
    const { webhookUrl, appSecret, channelId } = await door()
    const response = await postWhatsAppWebhook(webhookUrl, appSecret, fixture('multi-entry'))
    assert.equal(response.status, 200)
    // two people are stored side by side: each one's messages in the order written
    const texts = (await stored(channelId)).map((m) => m.text)
    assert.deepEqual(texts.toSorted(), ['Primo messaggio', 'Secondo messaggio', 'Sono Luca'])
    assert.ok(texts.indexOf('Primo messaggio') < texts.indexOf('Secondo messaggio'), texts.join(' / '))
    assert.deepEqual((await openChannelAddresses(server, channelId)).sort(), [
      BSUID,
      'IT.1795987654321098765',
    ])
    const conversations = await server.pool.query(
      'select count(*)::int as n from conversation where channel_id = $1',
      [channelId],
    )
    assert.equal(conversations.rows[0].n, 2)
  })

  it('stores each person’s messages of one body in one transaction, the people who wait together', async () => {
    const { webhookUrl, appSecret, channelId } = await door()
    // more people than the transactions an instance runs at once: the later ones wait, then share one
    const people = Array.from({ length: 12 }, (_, i) => `3934751000${String(i).padStart(2, '0')}`)
    const body = whatsappPayload({
      messages: Array.from({ length: 36 }, (_, i) =>
        whatsappText({ phone: people[i % 12] }, `p${i % 12} n${i}`),
      ),
    })
    assert.equal((await postWhatsAppWebhook(webhookUrl, appSecret, body)).status, 200)
    // a row's xmin is the transaction that wrote it
    const { rows } = await server.pool.query<{ id: string; xmin: string }>(
      'select id, xmin::text from message where channel_id = $1 order by seq',
      [channelId],
    )
    const byPerson = new Map<string, Set<string>>()
    const texts: string[] = []
    for (const row of rows) {
      const text = await openMessageText(server, row.id)
      texts.push(text)
      const person = text.split(' ')[0] ?? ''
      byPerson.set(person, (byPerson.get(person) ?? new Set()).add(row.xmin))
    }
    assert.equal(rows.length, 36)
    assert.deepEqual(
      [...byPerson.values()].map((transactions) => transactions.size),
      Array(12).fill(1),
    )
    assert.ok(new Set(rows.map((row) => row.xmin)).size < people.length, 'some people shared a transaction')
    // each person's in the order written
    for (let p = 0; p < 12; p++) {
      const theirs = texts.filter((text) => text.startsWith(`p${p} `))
      assert.deepEqual(
        theirs,
        [0, 1, 2].map((k) => `p${p} n${p + 12 * k}`),
      )
    }
  })
  it('refuses a body past the bound whole, and takes one at it, each person’s messages in order', async () => {
    const { webhookUrl, appSecret, channelId } = await door()
    const people = Array.from({ length: 20 }, (_, i) => `39347${5_000_000 + i}`)
    const body = (count: number) =>
      whatsappPayload({
        messages: Array.from({ length: count }, (_, i) =>
          whatsappText(
            { phone: people[i % people.length] },
            `p${i % people.length} n${Math.floor(i / people.length)}`,
          ),
        ),
      })
    const refused = await postWhatsAppWebhook(webhookUrl, appSecret, body(5_000))
    assert.equal(refused.status, 413)
    assert.equal(refused.body.code, 'ASCOLTO_ERR_TOO_MANY_EVENTS')
    assert.match(refused.body.message, new RegExp(`at most ${WEBHOOK_EVENTS_PER_BODY}`))
    assert.equal(await count('message', channelId), 0)
    assert.equal(await count('contact', channelId), 0)

    const taken = await postWhatsAppWebhook(webhookUrl, appSecret, body(WEBHOOK_EVENTS_PER_BODY))
    assert.equal(taken.status, 200)
    const perPerson = new Map<string, number[]>()
    for (const { text } of await stored(channelId)) {
      const [person = '', n = ''] = text.split(' ')
      perPerson.set(person, [...(perPerson.get(person) ?? []), Number(n.slice(1))])
    }
    const each = WEBHOOK_EVENTS_PER_BODY / people.length
    assert.equal(perPerson.size, people.length)
    for (const [person, order] of perPerson)
      assert.deepEqual(order, [...Array(each).keys()], `${person} stored as ${order.join(',')}`)
  })

  it('knows a person who hides their number by their business-scoped id', async () => {
    const { webhookUrl, appSecret, channelId } = await door()
    assert.equal((await postWhatsAppWebhook(webhookUrl, appSecret, fixture('text-username'))).status, 200)
    // the same person writing with their number visible is the same contact
    assert.equal((await postWhatsAppWebhook(webhookUrl, appSecret, fixture('text'))).status, 200)
    assert.deepEqual(await openChannelAddresses(server, channelId), [BSUID])
    assert.equal(await count('contact', channelId), 1)
  })

  it('answers 400 to a signed body that is not JSON or not Meta’s envelope, storing nothing', async () => {
    const { webhookUrl, appSecret, channelId } = await door()
    for (const body of [
      '{"object":',
      '',
      'null',
      '[1,2]',
      '{"object":"whatsapp_business_account","entry":{}}',
    ]) {
      const response = await postWhatsAppWebhook(webhookUrl, appSecret, body)
      assert.equal(response.status, 400, body)
      assert.equal(response.body.code, 'ASCOLTO_ERR_VALIDATION')
      assert.equal(typeof response.body.message, 'string')
    }
    const huge = Buffer.alloc(3 * 1024 * 1024 + 1, 0x20)
    assert.equal((await postWhatsAppWebhook(webhookUrl, appSecret, huge)).status, 413)
    assert.equal(await count('message', channelId), 0)
  })

  it('never crashes on random signed bodies: 200 or 400, and whole messages or none', async () => {
    const { webhookUrl, appSecret, channelId } = await door()
    let expectedAtMost = 0
    const outcomes: Record<number, number> = {}
    for (const body of fc.sample(arbitraryPayload, { numRuns: 150, seed: 20261123 })) {
      const text = JSON.stringify(body) ?? 'null'
      const response = await postWhatsAppWebhook(webhookUrl, appSecret, text)
      assert.ok([200, 400].includes(response.status), `${response.status} for ${text.slice(0, 300)}`)
      if (response.status === 200) expectedAtMost += 9
      outcomes[response.status] = (outcomes[response.status] ?? 0) + 1
    }
    // both doors were exercised: refusals and acknowledgements
    assert.ok((outcomes[200] ?? 0) > 10 && (outcomes[400] ?? 0) > 10, JSON.stringify(outcomes))
    // every stored message is whole: a sender, a kind, a sealed text that opens
    const messages = await stored(channelId)
    assert.ok(messages.length > 0 && messages.length <= expectedAtMost, String(messages.length))
    for (const message of messages) {
      assert.equal(typeof message.text, 'string')
      assert.ok(message.kind.length > 0)
      assert.ok(message.providerMessageId.startsWith('h:') && (message.providerId ?? '').length > 0)
    }
    const orphans = await server.pool.query(
      `select count(*)::int as n from message m where channel_id = $1
          and not exists (select 1 from conversation c where c.id = m.conversation_id)`,
      [channelId],
    )
    assert.equal(orphans.rows[0].n, 0)
    assert.equal((await call(`${server.url}/ready`)).status, 200)
  })
})
