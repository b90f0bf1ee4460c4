// The signature between installations on its own: what one signs the other verifies; a changed
// method, path or body, another key, a missing or second signature do not.
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { describe, it } from 'node:test'
import { AscoltoError } from '../errors.ts'
import { publicKeyText } from './installation-key.ts'
import { signRequest, verifySignedRequest } from './signed-request.ts'

const pair = () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  return { publicKey: publicKeyText(publicKey), privateKey }
}
const sender = pair()
const URL_ =
  'https://partner.example/api/partners/v1/helplines/0b8e0f43-5a43-4a4a-9a3b-3f0c2a1d9e11/referrals'
const BODY = '{"hello":"mondo"}'

async function signed(overrides: Partial<Parameters<typeof signRequest>[0]> = {}) {
  return signRequest({ method: 'POST', url: URL_, body: BODY, key: sender, now: new Date(), ...overrides })
}
const verify = (
  headers: Record<string, string>,
  request: { method?: string; url?: string; body?: string } = {},
) =>
  verifySignedRequest(
    {
      method: request.method ?? 'POST',
      url: request.url ?? URL_,
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
      body: Buffer.from(request.body ?? BODY),
    },
    async (keyId) => (keyId === sender.publicKey ? sender.publicKey : null),
  )
const refusedWith = async (promise: Promise<unknown>, code: string) =>
  assert.rejects(promise, (error) => error instanceof AscoltoError && error.code === code)

describe('signed requests between installations', () => {
  it('verifies what was signed, with its key, nonce and time', async () => {
    const now = new Date('2026-12-05T20:00:00Z')
    const headers = await signed({ now })
    assert.match(
      headers['Signature-Input'] ?? '',
      /^sig=\("@method" "@path" "content-digest"\);created=\d+;nonce="[^"]+";keyid="[^"]+";alg="ed25519"$/,
    )
    const verified = await verify(headers)
    assert.equal(verified.keyId, sender.publicKey)
    assert.equal(verified.created.getTime(), now.getTime())
    assert.notEqual((await verify(await signed())).nonce, verified.nonce)
  })

  it('refuses a changed method, path or body, another key, and no signature', async () => {
    const headers = await signed()
    await refusedWith(verify(headers, { method: 'PUT' }), 'ASCOLTO_ERR_BAD_SIGNATURE')
    await refusedWith(
      verify(headers, { url: URL_.replace('referrals', 'referrale') }),
      'ASCOLTO_ERR_BAD_SIGNATURE',
    )
    await refusedWith(verify(headers, { body: '{"hello":"world"}' }), 'ASCOLTO_ERR_BAD_SIGNATURE')
    const forged = await signRequest({
      method: 'POST',
      url: URL_,
      body: BODY,
      key: { ...pair(), publicKey: sender.publicKey },
      now: new Date(),
    })
    await refusedWith(verify(forged), 'ASCOLTO_ERR_BAD_SIGNATURE')
    await refusedWith(
      verify(await signRequest({ method: 'POST', url: URL_, body: BODY, key: pair(), now: new Date() })),
      'ASCOLTO_ERR_UNKNOWN_PARTNER',
    )
    const { Signature: _s, ...unsigned } = headers
    await refusedWith(verify(unsigned), 'ASCOLTO_ERR_UNSIGNED')
    const twice = await signed()
    await refusedWith(
      verify({
        ...headers,
        Signature: `${headers.Signature}, b=${(twice.Signature ?? '').slice(4)}`,
        'Signature-Input': `${headers['Signature-Input']}, b=${(twice['Signature-Input'] ?? '').slice(4)}`,
      }),
      'ASCOLTO_ERR_BAD_SIGNATURE',
    )
  })
})
