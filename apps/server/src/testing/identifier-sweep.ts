// The sweep for raw identifiers in what staff receive: a person's phone number, e-mail address,
// Telegram id and the IP addresses of their requests, in every form a careless presenter could
// show them — with or without the country code, with spaces, dashes or dots, any case, URL-encoded,
// and a number wrapped in base64 as Meta's message ids wrap it.

export type PersonIdentifiers = {
  /** E.164, with the plus: '+393471239876'. */
  phones?: string[]
  emails?: string[]
  /** Telegram's numeric user (= private chat) id. */
  telegramIds?: string[]
  /** IPv4 or IPv6 addresses, as a request came from. */
  ips?: string[]
}

type Probe = { name: string; test: (text: string) => boolean }

/** Runs of digits with the separators people write between them: "+39 347 123-98.76", "(347) 1239876". */
const DIGIT_RUN = /\+?\d[\d\s().-]{6,}\d/g

const digitsIn = (text: string) => [...text.matchAll(DIGIT_RUN)].map((run) => run[0].replace(/\D/g, ''))

/** The middle of a number's base64 at each of the three alignments (it may sit anywhere in an id). */
function base64Forms(digits: string): string[] {
  return [0, 1, 2].flatMap((offset) => {
    const encoded = Buffer.from(`${'\0'.repeat(offset)}${digits}`).toString('base64')
    const middle = encoded.slice(offset ? 4 : 0, -4)
    return middle.length >= 8 ? [middle, middle.replace(/\+/g, '-').replace(/\//g, '_')] : []
  })
}

/** The fully written form of an IPv6 address ('2001:db8::77' → '2001:0db8:0000:…:0077'). */
function expandIpv6(ip: string): string {
  const [head = '', tail = ''] = ip.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups = ip.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left
  return groups.map((group) => group.padStart(4, '0')).join(':')
}

function probesFor(identifiers: PersonIdentifiers): Probe[] {
  const probes: Probe[] = []
  for (const phone of identifiers.phones ?? []) {
    const digits = phone.replace(/\D/g, '')
    // the national number (without +39) is enough to find the person
    const national = digits.replace(/^39/, '')
    probes.push({
      name: `phone ${phone}`,
      test: (text) => digitsIn(text).some((run) => run.includes(national)),
    })
    for (const form of base64Forms(digits))
      probes.push({ name: `phone ${phone} in base64`, test: (text) => text.includes(form) })
  }
  for (const email of identifiers.emails ?? []) {
    const forms = [email, encodeURIComponent(email)].map((form) => form.toLowerCase())
    probes.push({
      name: `e-mail ${email}`,
      test: (text) => {
        const lower = text.toLowerCase()
        return forms.some((form) => lower.includes(form))
      },
    })
  }
  for (const id of identifiers.telegramIds ?? []) {
    probes.push({ name: `Telegram id ${id}`, test: (text) => digitsIn(text).some((run) => run.includes(id)) })
  }
  for (const ip of identifiers.ips ?? []) {
    const forms = ip.includes(':')
      ? [ip, expandIpv6(ip), encodeURIComponent(ip)].map((form) => form.toLowerCase())
      : [ip, `::ffff:${ip}`]
    // an address is whole: 10.0.0.7 is not in 10.0.0.77
    const patterns = forms.map(
      (form) => new RegExp(`(?<![\\w.:])${form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.:])`, 'i'),
    )
    probes.push({ name: `IP ${ip}`, test: (text) => patterns.some((pattern) => pattern.test(text)) })
  }
  return probes
}

/** A sweeper for these people's identifiers: given a text, the names of those it carries. */
export function identifierSweeper(identifiers: PersonIdentifiers) {
  const probes = probesFor(identifiers)
  return (text: string): string[] => [
    ...new Set(probes.filter((probe) => probe.test(text)).map((probe) => probe.name)),
  ]
}
