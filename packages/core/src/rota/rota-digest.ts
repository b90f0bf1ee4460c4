// The coordinators' daily digest: each morning, the gaps of the next seven days, by e-mail through
// the helpline's own mailbox (where it has one: that is where SMTP is configured). The job queues
// one outbox row per coordinator once a day; the worker sends each, retried like any other.
import type { ChannelAdapter } from '@ascolto/channels'
import { type Pool, withTransaction } from '@ascolto/db'
import type { Services } from '../context.ts'
import { enqueue, type OutboxRow } from '../outbox/outbox.ts'
import { addDays, localDateOf } from '../policy/local-days.ts'
import type { Gap } from './coverage.ts'
import { loadCoverage } from './load-coverage.ts'
import { mailOperator } from './mail-operator.ts'

/** Not before this local hour: a digest read with the morning's coffee, not at midnight. */
const DIGEST_HOUR = 7
const DAYS = 7

type Texts = { intro: (helpline: string) => string; none: string; gap: (gap: Gap, when: string) => string }
// roles named by what is done, one form for everybody ("volontariato, mancano 2 persone")
const ROLE_IT = { volunteer: 'volontariato', supervisor: 'supervisione', mediator: 'mediazione' }
const TEXTS: Record<string, Texts> = {
  it: {
    intro: (helpline) => `Ascolto · ${helpline}: i buchi nei turni dei prossimi sette giorni.`,
    none: 'Nessun buco: i prossimi sette giorni sono coperti.',
    gap: (gap, when) =>
      gap.kind === 'unstaffed'
        ? `${when}: nessuno in turno`
        : gap.kind === 'no_supervision'
          ? `nessuna supervisione ${when}`
          : `${when}: ${ROLE_IT[gap.role]}, ${gap.missing === 1 ? 'manca 1 persona' : `mancano ${gap.missing} persone`}`,
  },
  en: {
    intro: (helpline) => `Ascolto · ${helpline}: gaps in the rota over the next seven days.`,
    none: 'No gaps: the next seven days are covered.',
    gap: (gap, when) =>
      gap.kind === 'unstaffed'
        ? `${when}: nobody on shift`
        : gap.kind === 'no_supervision'
          ? `no supervision ${when}`
          : `${when}: ${gap.missing} ${gap.role}${gap.missing === 1 ? '' : 's'} missing`,
  },
}

/** 'sabato 7 19–21' on the helpline's wall clock. */
function whenOf(gap: Gap, zone: string, locale: string) {
  const hour = (d: Date) => {
    const [h, m] = d
      .toLocaleTimeString('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .split(':')
    return m === '00' ? String(Number(h)) : `${Number(h)}:${m}`
  }
  const day = gap.start.toLocaleDateString(locale, { timeZone: zone, weekday: 'long', day: 'numeric' })
  return `${day} ${hour(gap.start)}–${hour(gap.end)}`
}

export function digestText(helpline: string, gaps: readonly Gap[], zone: string, locale: string): string {
  const texts = TEXTS[locale] ?? (TEXTS.en as Texts)
  const lines = gaps.map((gap) => `- ${texts.gap(gap, whenOf(gap, zone, locale))}`)
  return [texts.intro(helpline), '', ...(lines.length ? lines : [texts.none])].join('\n')
}

/** Once a day per helpline with a mailbox, after DIGEST_HOUR local: a row per active coordinator. */
export async function queueRotaDigests(pool: Pool, now: Date): Promise<number> {
  const { rows } = await pool.query<{ id: string; time_zone: string; channel_id: string }>(
    `select h.id, h.time_zone,
            (select c.id from channel c where c.helpline_id = h.id and c.kind = 'email' and c.enabled
              order by c.created_at limit 1) as channel_id
       from helpline h
      where exists (select 1 from shift s where s.helpline_id = h.id)`,
  )
  let queued = 0
  for (const helpline of rows) {
    if (!helpline.channel_id) continue
    const local = new Date(now).toLocaleString('en-GB', {
      timeZone: helpline.time_zone,
      hour: '2-digit',
      hourCycle: 'h23',
    })
    if (Number(local) < DIGEST_HOUR) continue
    const today = localDateOf(now, helpline.time_zone)
    queued += await withTransaction(pool, async (tx) => {
      const claimed = await tx.query(
        'insert into rota_digest (helpline_id, on_date) values ($1, $2) on conflict do nothing',
        [helpline.id, today],
      )
      if (!claimed.rowCount) return 0
      const coordinators = await tx.query<{ user_id: string }>(
        `select m.user_id from membership m join app_user u on u.id = m.user_id
          where m.helpline_id = $1 and m.role = 'coordinator' and u.deactivated_at is null`,
        [helpline.id],
      )
      for (const { user_id } of coordinators.rows) {
        await enqueue(tx, 'rota_digest', `rota-digest:${helpline.id}`, {
          helplineId: helpline.id,
          channelId: helpline.channel_id,
          userId: user_id,
          from: addDays(today, 1),
        })
      }
      return coordinators.rows.length
    })
  }
  return queued
}

export async function sendRotaDigest(
  pool: Pool,
  services: Services,
  adapters: Record<string, ChannelAdapter>,
  row: OutboxRow,
): Promise<'sent' | 'failed' | 'retry'> {
  const { helplineId, channelId, userId, from } = row.payload as Record<string, string | undefined>
  return mailOperator(
    pool,
    services,
    adapters,
    row,
    { helplineId, channelId, userId, role: 'coordinator' },
    async ({ locale, helplineName }) => {
      if (!helplineId || !from) return null
      const coverage = await loadCoverage(pool, helplineId, from, DAYS)
      return digestText(helplineName, coverage.gaps, coverage.zone, locale)
    },
  )
}
