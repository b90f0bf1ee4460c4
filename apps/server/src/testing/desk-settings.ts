// What the desk's tests share: a helpline's desk settings (categories, closing form, playbook),
// set as a coordinator would, and a person writing in the web chat.
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { call } from './test-server.ts'

export const DESK_SETTINGS = {
  categories: [
    { id: 'loneliness', label: { it: 'Solitudine', en: 'Loneliness' } },
    { id: 'bullying', label: { it: 'Bullismo', en: 'Bullying' } },
    { id: 'dark-periods', label: { it: 'Periodi bui', en: 'Dark periods' } },
  ],
  closingForm: [
    {
      id: 'outcome',
      label: { it: 'Esito', en: 'Outcome' },
      required: true,
      options: [
        { id: 'listened', label: { it: 'Ascoltata', en: 'Listened to' } },
        { id: 'referred', label: { it: 'Indirizzata a un servizio', en: 'Referred to a service' } },
      ],
    },
  ],
  escalationPlaybook: [
    {
      id: 'assess',
      label: { it: 'Valuta il rischio con la persona', en: 'Assess the risk with the person' },
    },
    {
      id: 'emergency',
      label: { it: 'Chiama i servizi di emergenza (112)', en: 'Call emergency services (112)' },
    },
    {
      id: 'child-protection',
      label: { it: 'Informa i servizi per la tutela dei minori', en: 'Inform child protection' },
    },
  ],
}

/** Replaces the `desk` part of the helpline's settings, as its coordinator, through the API. */
export function setDeskSettings(
  server: { url: string },
  helplineId: string,
  coordinatorCookie: string,
  desk: object = DESK_SETTINGS,
) {
  return replaceSettingsPart(server, helplineId, coordinatorCookie, { desk })
}

/** Turns on the helpline's word list with these words, as its coordinator, through the API. */
export function setWordList(
  server: { url: string },
  helplineId: string,
  coordinatorCookie: string,
  words: string[],
) {
  return replaceSettingsPart(server, helplineId, coordinatorCookie, { moderation: { autoFlag: true, words } })
}

/** The emergency take-in procedure of the anti-trafficking line's settings file in docs/settings. */
export const EMERGENCY_CASES = JSON.parse(
  readFileSync(new URL('../../../../docs/settings/anti-trafficking-line.json', import.meta.url), 'utf8'),
).cases

/** Gives the helpline that emergency procedure, as its coordinator, through the API. */
export function setEmergencyProcedure(
  server: { url: string },
  helplineId: string,
  coordinatorCookie: string,
) {
  return replaceSettingsPart(server, helplineId, coordinatorCookie, { cases: EMERGENCY_CASES })
}

async function replaceSettingsPart(
  server: { url: string },
  helplineId: string,
  coordinatorCookie: string,
  part: object,
) {
  const url = `${server.url}/api/helplines/${helplineId}/settings`
  const settings = await call(url, { cookie: coordinatorCookie })
  const saved = await call(url, {
    method: 'PUT',
    cookie: coordinatorCookie,
    body: { ...settings.body, ...part },
  })
  if (saved.status !== 200) throw new Error(`settings refused: ${JSON.stringify(saved.body)}`)
}

/** A person writes in the helpline's web chat, as the widget would. */
export async function writeIn(server: { url: string }, channelId: string, token: string, text: string) {
  const sent = await call(`${server.url}/api/widget/v1/channels/${channelId}/messages`, {
    token,
    body: { clientId: randomUUID(), text },
  })
  if (sent.status !== 201) throw new Error(`writing in failed: ${sent.status}`)
}
