// The five services of docs/settings/, as the simulation sees them: which doors people use, how
// many write on an ordinary day and at which hours, how long a conversation lasts, how many
// people the rota puts on a shift, and in which languages people write.

export type Door = 'whatsapp' | 'sms' | 'voicemail' | 'telegram' | 'email' | 'widget'

export type Profile = {
  /** The settings file in docs/settings/, without .json. */
  name: string
  doors: Partial<Record<Door, number>>
  /** People writing on an ordinary day (before the weekday and holiday factors). */
  perDay: number
  /** Relative arrivals per local hour, 0–23. */
  hours: number[]
  /** Monday first: Mondays are busier, Sundays quieter. */
  weekdays: number[]
  /** Median handling time in minutes (log-normal, σ 0.5). */
  handlingMinutes: number
  volunteersPerShift: number
  /** Supervisors on each shift (1 by default): they acknowledge alerts and make the call-backs. */
  supervisorsPerShift?: number
  /** Median minutes a person waits for a human before leaving (log-normal, σ 0.8). */
  patienceMinutes: number
  /** Language → share of people writing in it. */
  languages: Record<string, number>
}

const flat = (value: number) => Array.from({ length: 24 }, () => value)
/** Quiet nights, a working day, a peak from late afternoon to late evening. */
const EVENINGS = [2, 1, 1, 0.5, 0.5, 0.5, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 5, 7, 9, 10, 9, 7, 4]
const OFFICE = [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 2, 6, 8, 8, 7, 5, 3, 4, 6, 6, 5, 3, 2, 1, 1, 0.5, 0.3]
const DAYTIME = [1, 0.5, 0.5, 0.5, 0.5, 0.5, 1, 2, 4, 5, 5, 5, 4, 4, 5, 5, 5, 5, 5, 5, 4, 3, 2, 1]
const WEEK = [1.35, 1.1, 1, 1, 0.95, 0.8, 0.8]

export const PROFILES: Profile[] = [
  {
    name: 'listening-line',
    doors: { whatsapp: 1 },
    perDay: 18,
    hours: EVENINGS,
    weekdays: WEEK,
    handlingMinutes: 25,
    volunteersPerShift: 2,
    patienceMinutes: 120,
    languages: { it: 0.95, en: 0.05 },
  },
  {
    name: 'social-services-desk',
    // its settings say it: "Qui si scrive soltanto: niente chiamate né gruppi" (WhatsApp, text only)
    doors: { whatsapp: 1 },
    perDay: 14,
    hours: OFFICE,
    weekdays: [1.5, 1.1, 1, 1, 0.9, 0.6, 0.2],
    handlingMinutes: 8,
    volunteersPerShift: 2,
    patienceMinutes: 240,
    languages: { it: 0.9, en: 0.1 },
  },
  {
    name: 'addiction-line',
    doors: { voicemail: 0.4, sms: 0.15, whatsapp: 0.25, email: 0.2 },
    perDay: 12,
    hours: DAYTIME,
    weekdays: WEEK,
    handlingMinutes: 15,
    volunteersPerShift: 2,
    patienceMinutes: 180,
    languages: { it: 1 },
  },
  {
    name: 'anti-trafficking-line',
    doors: { whatsapp: 0.4, sms: 0.2, telegram: 0.2, voicemail: 0.2 },
    perDay: 7,
    hours: flat(1).map((v, hour) => (hour >= 22 || hour < 3 ? 2 : v)),
    weekdays: flat(1).slice(0, 7),
    handlingMinutes: 30,
    volunteersPerShift: 1,
    // every voicemail is due in 15 minutes at any hour and a call lasts ~30: one person who may
    // call back (the role that reveals the number) per shift cannot keep it, nor cover an absence
    supervisorsPerShift: 2,
    patienceMinutes: 60,
    languages: { it: 0.3, en: 0.2, ro: 0.15, es: 0.1, fr: 0.1, ar: 0.05, pcm: 0.05, zh: 0.05 },
  },
  {
    name: 'association-web-chat',
    doors: { widget: 1 },
    perDay: 5,
    hours: EVENINGS,
    // the chat is open on Tuesday and Thursday evenings: people come then
    weekdays: [0.6, 2.5, 0.6, 2.5, 0.6, 0.4, 0.4],
    handlingMinutes: 20,
    volunteersPerShift: 2,
    patienceMinutes: 15,
    languages: { it: 0.95, en: 0.05 },
  },
]

export function profileNamed(name: string): Profile {
  const profile = PROFILES.find((p) => p.name === name)
  if (!profile) throw new Error(`No service ${name}: one of ${PROFILES.map((p) => p.name).join(', ')}`)
  return profile
}
