// A gap in words, as a coordinator says it: "sabato 19–21: volontariato, manca 1 persona". Pure, tested.
import type { RotaGap } from '@ascolto/protocol'
import type { TFunction } from 'i18next'

type Translate = TFunction

/** '19' for 19:00, '19:30' otherwise, on the helpline's wall clock. */
export function hourOf(iso: string, zone: string, locale: string): string {
  const [hour, minute] = new Date(iso)
    .toLocaleTimeString(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .split(':')
  return minute === '00' ? String(Number(hour)) : `${Number(hour)}:${minute}`
}

export function dayOf(iso: string, zone: string, locale: string): string {
  return new Date(iso).toLocaleDateString(locale, { timeZone: zone, weekday: 'long' })
}

/** 'sabato 19–21' */
export function whenOf(startsAt: string, endsAt: string, zone: string, locale: string, t: Translate): string {
  return t('rota.when', {
    day: dayOf(startsAt, zone, locale),
    from: hourOf(startsAt, zone, locale),
    to: hourOf(endsAt, zone, locale),
  })
}

export function gapName(gap: RotaGap, zone: string, locale: string, t: Translate): string {
  const when = whenOf(gap.startsAt, gap.endsAt, zone, locale, t)
  if (gap.kind === 'unstaffed') return t('rota.gap.unstaffed', { when })
  if (gap.kind === 'no_supervision') return t('rota.gap.noSupervision', { when })
  return t(`rota.gap.missing.${gap.role ?? 'volunteer'}`, { when, count: gap.missing ?? 1 })
}
