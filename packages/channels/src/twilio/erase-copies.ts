// Twilio keeps every SMS and MMS (body and media) and every recording in the account's logs until
// they are deleted, and every call's log (the caller's number, times): erasure and retention delete
// them there too. DELETE …/Messages/{Sid}.json removes a message with its media; DELETE
// …/Recordings/{Sid}.json a voicemail's recording; DELETE …/Calls/{Sid}.json a call's log.
// 204 is done, and so is 404 (deleted already, or never kept); anything else is the outbox's to retry.
import type { TwilioConfig } from './config.ts'
import { basicAuth, callTwilio, SEND_TIMEOUT_MS, sendErrorOf } from './send.ts'

/**
 * An MMS's items are stored as `{MessageSid}/{index}`; a voicemail by its RecordingSid (RE…); a
 * call by `call:{CallSid}`. Calls recorded before migration 0032 kept only a keyed hash of their
 * sid (`call:` and hex): there is no id left to delete those by.
 */
function resourceOf(providerMessageId: string) {
  if (providerMessageId.startsWith('call:')) {
    const sid = providerMessageId.slice('call:'.length)
    return /^CA[0-9a-f]{32}$/.test(sid) ? `Calls/${sid}` : null
  }
  const sid = providerMessageId.split('/', 1)[0] ?? ''
  return sid.startsWith('RE') ? `Recordings/${sid}` : `Messages/${sid}`
}

export async function eraseTwilioCopies(
  config: TwilioConfig,
  authToken: string,
  providerMessageIds: readonly string[],
): Promise<void> {
  const account = `${config.apiBaseUrl}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}`
  for (const resource of new Set(providerMessageIds.map(resourceOf))) {
    if (resource === null) continue
    const response = await callTwilio(
      `${account}/${resource}.json`,
      { method: 'DELETE', headers: { authorization: basicAuth(config, authToken) } },
      SEND_TIMEOUT_MS,
    )
    if (response.status === 204 || response.status === 404) continue
    throw sendErrorOf(response.status, await response.json().catch(() => null))
  }
}
