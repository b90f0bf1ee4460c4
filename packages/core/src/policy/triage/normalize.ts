// The one spelling every triage rule is written against: lower case, no accents, no emoji,
// apostrophes as spaces ("m'ammazzo" → "m ammazzo"), chat shorthand spelled out ("nn" → "non"),
// letters held down collapsed ("morireeee" → "morire"), and clause breaks kept as " | ".

/** Chat shorthand that hides a word a rule looks for: Italian first, then English. */
const SHORTHAND: Record<string, string> = {
  nn: 'non',
  n: 'non',
  x: 'per',
  xke: 'perche',
  xche: 'perche',
  ke: 'che',
  cmq: 'comunque',
  qlc: 'qualche',
  tt: 'tutto',
  sn: 'sono',
  nulla: 'niente',
  u: 'you',
  ur: 'your',
  im: 'i m',
  dont: 'don t',
  cant: 'can t',
  wont: 'won t',
  didnt: 'didn t',
  ive: 'i ve',
  rn: 'right now',
  tn: 'tonight',
  tonite: 'tonight',
  pls: 'please',
}

const LAUGHTER =
  /(?:\b(?:a?h[ae]h[ae]h?[ae]?h*|lol+|xd+|lmao+|mdr+|jaja+|jeje+|ajaj+|hihi+)\b|[\u{1F602}\u{1F923}\u{1F606}\u{1F605}])/iu

export type Normalized = {
  /** the whole message in rule spelling, clauses separated by " | " */
  text: string
  /** a laugh or a laughing emoji in the message: a hyperbole is read as one */
  laughing: boolean
}

export function normalizeForTriage(input: string): Normalized {
  const laughing = LAUGHTER.test(input)
  const text = input
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    // ß, æ, œ and Romanian ș/ț (comma below) after NFD lose nothing; spell the rest in ASCII
    .replace(/[ß]/g, 'ss')
    .replace(/[’'`´]/g, ' ')
    // a clause ends at . ! ? ; : , a new line or a long dash; "…" too
    .replace(/[.!?;:,\n\r…—–]+/g, ' | ')
    .replace(/[^a-z0-9| ]+/g, ' ')
    .replace(/([a-z])\1{2,}/g, '$1')
    .split(/\s+/)
    .filter((token) => token.length > 0)
    .map((token) => SHORTHAND[token] ?? token)
    .join(' ')
    .replace(/(?:\| )+/g, '| ')
    .replace(/^\| |\| ?$/g, '')
    .trim()
  return { text, laughing }
}
