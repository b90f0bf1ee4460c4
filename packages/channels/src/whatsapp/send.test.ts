// What Meta's answers mean for the outbox: which failures are worth waiting for, which are final.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ChannelConfigError } from '../kit/contract.ts'
import { whatsappConnection } from './config.ts'
import { sendErrorOf } from './graph.ts'
import { sendWhatsAppText, textMessageBody } from './send.ts'

const graph = (code: number, subcode?: number) => ({
  error: {
    message: 'x',
    type: 'OAuthException',
    code,
    ...(subcode ? { error_subcode: subcode } : {}),
    fbtrace_id: 'A',
  },
})

describe('WhatsApp send errors', () => {
  const cases: Array<[string, number, unknown, string, boolean]> = [
    ['throughput limit', 400, graph(130429), '130429', true],
    ['account rate limit', 400, graph(80007), '80007', true],
    ['pair rate limit', 400, graph(131056), '131056', true],
    ['app call limit', 403, graph(4), '4', true],
    ['graph throttling', 400, graph(613), '613', true],
    ['expired token: waits for an administrator to renew it', 401, graph(190, 463), '190', true],
    ['something went wrong', 500, graph(131000), '131000', true],
    ['service unavailable', 503, graph(131016), '131016', true],
    ['HTTP 429 without a body', 429, undefined, 'HTTP_429', true],
    ['HTTP 502 from a proxy', 502, '<html>', 'HTTP_502', true],
    ['24-hour window closed', 400, graph(131047), '131047', false],
    ['undeliverable', 400, graph(131026), '131026', false],
    ['invalid parameter', 400, graph(100), '100', false],
    ['BSUID not supported for this message', 400, graph(131062), '131062', false],
    ['HTTP 404 without a body', 404, {}, 'HTTP_404', false],
    ['an unknown code on a server error is still worth a retry', 500, graph(999999), '999999', true],
  ]
  for (const [name, status, body, code, retryable] of cases) {
    it(`${name}: ${code}, ${retryable ? 'retried' : 'final'}`, () => {
      const error = sendErrorOf(status, body)
      assert.equal(error.code, code)
      assert.equal(error.retryable, retryable)
    })
  }

  it('writes to a phone number with `to`, to a business-scoped id with `recipient`', () => {
    assert.deepEqual(textMessageBody('393471234567', 'ciao'), {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '393471234567',
      type: 'text',
      text: { preview_url: false, body: 'ciao' },
    })
    const toUser = textMessageBody('IT.1795123456789012345', 'ciao')
    assert.equal('recipient' in toUser && toUser.recipient, 'IT.1795123456789012345')
    assert.equal('to' in toUser, false)
  })

  it('treats an unreachable Graph API as worth a retry', async () => {
    const { config } = whatsappConnection({
      phoneNumberId: '1',
      accessToken: 'x'.repeat(16),
      appSecret: 'x'.repeat(16),
      verifyToken: 'x'.repeat(16),
      graphBaseUrl: 'http://127.0.0.1:9',
    })
    await assert.rejects(sendWhatsAppText(config, 'token', '393471234567', 'ciao'), {
      code: 'ASCOLTO_ERR_NETWORK',
      retryable: true,
    })
  })
})

describe('WhatsApp connection settings', () => {
  it('fills the defaults and trims what was pasted', () => {
    const { config, secrets } = whatsappConnection({
      phoneNumberId: ' 109876543210123\n',
      accessToken: 'EAAGtoken-123456\n',
      appSecret: '0123456789abcdef0123456789abcdef',
      verifyToken: 'a-verify-token',
      graphBaseUrl: 'http://localhost:4010/',
    })
    assert.deepEqual(config, {
      phoneNumberId: '109876543210123',
      graphBaseUrl: 'http://localhost:4010',
      apiVersion: 'v24.0',
    })
    assert.equal(secrets.accessToken, 'EAAGtoken-123456')
  })

  it('names every problem at once', () => {
    assert.throws(
      () => whatsappConnection({ phoneNumberId: '+39 02', graphBaseUrl: 'graph', apiVersion: '24' }),
      (error: unknown) => error instanceof ChannelConfigError && error.problems.length === 6,
    )
  })
})
