// Meta's payloads, as the documentation records them (fixtures/), turned into what Ascolto
// stores: one case per message type and status, the business-scoped ids, and the envelope whole.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { WebhookPayloadError } from '../kit/contract.ts'
import { parseWhatsAppWebhook, phoneOf } from './parse-webhook.ts'

const PHONE_NUMBER_ID = '109876543210123'
const BSUID = 'IT.1795123456789012345'
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url))
const parse = (name: string) => parseWhatsAppWebhook(fixture(name), PHONE_NUMBER_ID)
const OURS = 'wamid.HBgMMzkzNDcxMjM0NTY3FQIAERgSQkE5OTk5OTk5OTk5OTk5OTk5AA=='

describe('WhatsApp webhook payloads', () => {
  const cases: Array<{ fixture: string; kind: string; text: string; media?: object; replyTo?: string }> = [
    { fixture: 'text', kind: 'text', text: 'Ciao, è aperto stasera? Ho bisogno di parlare con qualcuno.' },
    {
      fixture: 'reply',
      kind: 'text',
      text: 'Sì, grazie della risposta',
      replyTo: OURS,
    },
    {
      fixture: 'image',
      kind: 'image',
      text: '📷 Questa è la lettera che ho ricevuto',
      media: {
        providerMediaId: '1402976344212345',
        mimeType: 'image/jpeg',
        sha256: '3b8bc5d1f4a3a8d1e0d4f9b0a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0',
      },
    },
    {
      fixture: 'audio-voice',
      kind: 'audio',
      text: '',
      media: {
        providerMediaId: '1402976344212346',
        mimeType: 'audio/ogg; codecs=opus',
        sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
        voice: true,
      },
    },
    {
      fixture: 'video',
      kind: 'video',
      text: '',
      media: {
        providerMediaId: '1402976344212347',
        mimeType: 'video/mp4',
        sha256: '60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752',
      },
    },
    {
      fixture: 'document',
      kind: 'document',
      text: '📄 modulo-richiesta.pdf\nil modulo che mi hanno dato',
      media: {
        providerMediaId: '1402976344212348',
        mimeType: 'application/pdf',
        sha256: 'fd61a03af4f77d870fc21e05e7e80678095c92d808cfb3b5c279ee04c74aca13',
      },
    },
    {
      fixture: 'sticker',
      kind: 'sticker',
      text: '',
      media: {
        providerMediaId: '1402976344212349',
        mimeType: 'image/webp',
        sha256: 'a4e624d686e03ed2767c0abd85c14426b0b1157d2ce81d27bb4fe4f6f01d688a',
      },
    },
    {
      fixture: 'location',
      kind: 'location',
      text: "📍 45.4642,9.19 Stazione Centrale, Piazza Duca d'Aosta, Milano",
    },
    {
      fixture: 'contacts',
      kind: 'contacts',
      text: '👤 Centro Aiuto Donna +39 02 1234567\n👤 Marco +39 333 000 1111',
    },
    { fixture: 'reaction', kind: 'reaction', text: '❤️', replyTo: OURS },
    {
      fixture: 'button',
      kind: 'interactive',
      text: '🔘 Richiamatemi',
      replyTo: 'wamid.HBgMMzkzNDcxMjM0NTY3FQIAERgSQkE4ODg4ODg4ODg4ODg4ODg4AA==',
    },
    {
      fixture: 'interactive-button-reply',
      kind: 'interactive',
      text: '🔘 Accetto',
      replyTo: 'wamid.HBgMMzkzNDcxMjM0NTY3FQIAERgSQkE3Nzc3Nzc3Nzc3Nzc3Nzc3AA==',
    },
    {
      fixture: 'interactive-list-reply',
      kind: 'interactive',
      text: '🔘 Casa e alloggio',
      replyTo: 'wamid.HBgMMzkzNDcxMjM0NTY3FQIAERgSQkE2NjY2NjY2NjY2NjY2NjY2AA==',
    },
    { fixture: 'unsupported', kind: 'unsupported', text: '' },
  ]

  for (const expected of cases) {
    it(`reads ${expected.fixture}`, () => {
      const events = parse(expected.fixture)
      assert.deepEqual(events.ignored, [])
      assert.equal(events.statuses.length, 0)
      const [message] = events.messages
      assert.ok(message)
      assert.match(message.providerMessageId, /^wamid\./)
      assert.equal(message.from, BSUID)
      assert.deepEqual(message.receivedAt, new Date(1795000000 * 1000))
      assert.equal(message.kind, expected.kind)
      assert.equal(message.text, expected.text)
      assert.deepEqual(message.media ?? null, expected.media ?? null)
      assert.equal(message.replyTo ?? null, expected.replyTo ?? null)
    })
  }

  it('knows a person by their business-scoped id, by phone only where no such id came', () => {
    assert.equal(parse('text-username').messages[0]?.from, BSUID)
    assert.equal(parse('text-legacy').messages[0]?.from, '393471234567')
  })

  it('takes no group messages, system notices, calls or removed reactions, and says so', () => {
    assert.deepEqual(parse('group'), { messages: [], statuses: [], ignored: ['group message'] })
    assert.deepEqual(parse('system'), { messages: [], statuses: [], ignored: ['system notice'] })
    assert.deepEqual(parse('calls'), { messages: [], statuses: [], ignored: ['field calls'] })
    assert.deepEqual(parse('reaction-removed'), { messages: [], statuses: [], ignored: ['reaction removed'] })
  })

  it('reads every status, with the code of a failure', () => {
    for (const status of ['sent', 'delivered', 'read'] as const) {
      assert.deepEqual(parse(`status-${status}`), {
        messages: [],
        statuses: [
          {
            providerMessageId: 'wamid.HBgMMzkzNDcxMjM0NTY3FQIAERgSOUFCQkNDRERFRkYwMDExMjIzAA==',
            status,
            at: new Date(1795000000 * 1000),
            errorCode: null,
          },
        ],
        ignored: [],
      })
    }
    assert.equal(parse('status-failed').statuses[0]?.errorCode, '131047')
  })

  it('reads a payload whole: every entry and change, ours only, in order', () => {
    const events = parse('multi-entry')
    assert.deepEqual(
      events.messages.map((m) => [m.from, m.text]),
      [
        [BSUID, 'Primo messaggio'],
        ['IT.1795987654321098765', 'Sono Luca'],
        [BSUID, 'Secondo messaggio'],
      ],
    )
    assert.deepEqual(
      events.statuses.map((s) => s.status),
      ['delivered'],
    )
    assert.deepEqual(events.ignored, ['another phone number', 'field message_template_status_update'])
  })

  it('refuses what is not Meta’s envelope, and ignores other objects', () => {
    const refused = [
      '',
      'not json',
      '[]',
      '42',
      '{"object":"whatsapp_business_account"}',
      '{"object":"whatsapp_business_account","entry":[1]}',
    ]
    for (const body of refused) {
      assert.throws(() => parseWhatsAppWebhook(Buffer.from(body), PHONE_NUMBER_ID), WebhookPayloadError, body)
    }
    assert.deepEqual(parseWhatsAppWebhook(Buffer.from('{"object":"page","entry":[]}'), PHONE_NUMBER_ID), {
      messages: [],
      statuses: [],
      ignored: ['object page'],
    })
  })

  it('skips a message it cannot attribute, and keeps the others of the same payload', () => {
    const payload = JSON.parse(fixture('text').toString())
    const value = payload.entry[0].changes[0].value
    const good = value.messages[0]
    value.contacts = []
    value.messages = [
      { ...good, id: undefined },
      { ...good, from: undefined, from_user_id: undefined },
      7,
      good,
    ]
    const events = parseWhatsAppWebhook(Buffer.from(JSON.stringify(payload)), PHONE_NUMBER_ID)
    assert.deepEqual(events.ignored, [
      'message without an id',
      'message without a sender',
      'malformed message',
    ])
    assert.equal(events.messages.length, 1)
  })

  it('writes one number one way: a leading "+", full-width and Arabic-Indic digits are the same sender', () => {
    const senders = [
      '393471234567',
      '+393471234567',
      '３９３４７１２３４５６７',
      '٣٩٣٤٧١٢٣٤٥٦٧',
      '۳۹۳۴۷۱۲۳۴۵۶۷',
    ].map(
      (from) =>
        parseWhatsAppWebhook(
          Buffer.from(
            JSON.stringify({
              object: 'whatsapp_business_account',
              entry: [
                {
                  id: '1',
                  changes: [
                    {
                      field: 'messages',
                      value: {
                        messaging_product: 'whatsapp',
                        metadata: { display_phone_number: '390212345678', phone_number_id: PHONE_NUMBER_ID },
                        messages: [
                          {
                            from,
                            id: `wamid.${from}`,
                            timestamp: '1796480000',
                            type: 'text',
                            text: { body: 'x' },
                          },
                        ],
                      },
                    },
                  ],
                },
              ],
            }),
          ),
          PHONE_NUMBER_ID,
        ).messages[0]?.from,
    )
    assert.deepEqual(new Set(senders), new Set(['393471234567']))
    // a business-scoped id is no number: left as it is
    assert.equal(phoneOf(BSUID), BSUID)
  })
})
