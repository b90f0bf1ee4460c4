// The worker role: takes due outbox rows and does them. It wakes at once when this process
// writes to the outbox, on a NOTIFY from another process, and otherwise when the next retry
// falls due (or every few seconds, whichever is sooner).
import type { ChannelAdapter } from '@ascolto/channels'
import {
  claimDue,
  deliverMessage,
  eraseProviderCopies,
  fetchMessageMedia,
  type OutboxKind,
  type OutboxRow,
  runCallConference,
  type Services,
  secondsUntilNextDue,
  sendMediatorAlert,
  sendPasswordReset,
  sendPrivacyNotice,
  sendReadReceipt,
  sendRotaDigest,
  sendSafeguardingAlert,
  sendShiftReminder,
  sendToPartner,
} from '@ascolto/core'
import type { Pool, PoolClient } from '@ascolto/db'
import type { FastifyBaseLogger } from 'fastify'
import { OUTBOX_CHANNEL } from '../realtime/publisher.ts'

/** Rows taken and done at once: also how many sends a killed worker can leave half done. */
export const OUTBOX_BATCH = 16
const IDLE_POLL_MS = 2000
const RELISTEN_MS = 5000

export type OutboxWorker = {
  wake: () => void
  start: (services: Services) => Promise<void>
  stop: () => Promise<void>
}

export function createOutboxWorker(
  pool: Pool,
  adapters: Record<string, ChannelAdapter>,
  log: FastifyBaseLogger,
): OutboxWorker {
  let running = false
  let wakeUp: (() => void) | undefined
  let pendingWake = false
  let loop: Promise<void> | undefined
  let listener: PoolClient | undefined
  let stopListening = async () => {}

  const wake = () => {
    pendingWake = true
    wakeUp?.()
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (pendingWake) return resolve()
      const timer = setTimeout(resolve, ms)
      wakeUp = () => {
        clearTimeout(timer)
        resolve()
      }
    })

  const tasks: Record<OutboxKind, (services: Services, row: OutboxRow) => Promise<string>> = {
    deliver_message: (services, row) => deliverMessage(pool, services, adapters, row),
    fetch_media: (services, row) => fetchMessageMedia(pool, services, adapters, row),
    send_read_receipt: (services, row) => sendReadReceipt(pool, services, adapters, row),
    safeguarding_alert: (services, row) => sendSafeguardingAlert(pool, services, adapters, row),
    mediator_alert: (services, row) => sendMediatorAlert(pool, services, adapters, row),
    erase_provider_copies: (services, row) => eraseProviderCopies(pool, services, adapters, row),
    rota_digest: (services, row) => sendRotaDigest(pool, services, adapters, row),
    call_conference: (services, row) => runCallConference(pool, services, adapters, row),
    shift_reminder: (services, row) => sendShiftReminder(pool, services, adapters, row),
    password_reset: (services, row) => sendPasswordReset(pool, services, adapters, row),
    privacy_notice: (services, row) => sendPrivacyNotice(pool, services, adapters, row),
    referral_remote: (services, row) => sendToPartner(pool, services, row),
  }

  async function run(services: Services, row: OutboxRow) {
    try {
      const task = tasks[row.kind]
      if (!task) {
        log.error({ outboxId: row.id, kind: row.kind }, 'unknown outbox kind')
        return
      }
      const outcome = await task(services, row)
      log.info(
        {
          outboxId: row.id,
          kind: row.kind,
          messageId: row.payload.messageId,
          attempts: row.attempts,
          outcome,
        },
        'outbox task',
      )
    } catch (error) {
      // the lease runs out and the row is tried again
      log.error({ err: error, outboxId: row.id }, 'outbox task failed')
    }
  }

  /** LISTEN for other processes' writes; when the database goes away, poll and listen again later. */
  async function listen() {
    if (!running) return
    try {
      const client = await pool.connect()
      listener = client
      const lost = (error: Error) => {
        log.warn({ err: error }, 'outbox worker lost its listening connection: polling until it is back')
        if (listener === client) listener = undefined
        client.off('notification', wake)
        client.release(error)
        if (running) setTimeout(listen, RELISTEN_MS).unref()
      }
      client.on('notification', wake)
      client.once('error', lost)
      // given back at a stop: what happens to it then is the pool's (an error then is not ours to
      // release again: that threw out of the event and ended the process)
      stopListening = async () => {
        client.off('error', lost)
        client.off('notification', wake)
        await client.query(`unlisten ${OUTBOX_CHANNEL}`).catch(() => {})
        client.release()
      }
      await client.query(`listen ${OUTBOX_CHANNEL}`)
    } catch (error) {
      log.warn({ err: error }, 'outbox worker cannot listen: polling until it can')
      if (running) setTimeout(listen, RELISTEN_MS).unref()
    }
  }

  return {
    wake,
    start: async (services) => {
      running = true
      await listen()
      loop = (async () => {
        while (running) {
          pendingWake = false
          try {
            const rows = await claimDue(pool, OUTBOX_BATCH)
            // at most one row per order key is due at a time, so these may run side by side
            await Promise.all(rows.map((row) => run(services, row)))
            if (rows.length === OUTBOX_BATCH) continue
            const wait = await secondsUntilNextDue(pool)
            await sleep(wait === null ? IDLE_POLL_MS : Math.min(IDLE_POLL_MS, Math.max(0, wait * 1000)))
          } catch (error) {
            log.warn({ err: error }, 'outbox worker cannot reach the database')
            await sleep(IDLE_POLL_MS)
          }
        }
      })()
    },
    stop: async () => {
      running = false
      wake()
      await loop
      if (listener) await stopListening()
    },
  }
}
