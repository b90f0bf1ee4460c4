// Twilio's opt-out keywords: a message that is exactly one of them (any case, spaces around)
// stops Twilio from delivering anything more from this number to the person, until they send an
// opt-in keyword. Twilio answers the keyword itself; Ascolto records it, so the volunteer sees it
// and no reply is even tried. With Advanced Opt-Out, Twilio names the keyword's type itself.
const STOP = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'])
const START = new Set(['START', 'YES', 'UNSTOP'])

export function optOutOf(body: string, optOutType: string | undefined): 'stop' | 'start' | undefined {
  if (optOutType === 'STOP') return 'stop'
  if (optOutType === 'START') return 'start'
  const word = body.trim().toUpperCase()
  if (STOP.has(word)) return 'stop'
  if (START.has(word)) return 'start'
  return undefined
}
