// The channels a webhook door has read, kept by the instance: a message then costs no read of its
// channel. What keeps it safe is the arrival statement (migration 0059), which says the version of
// the channel saved now; the ingest refuses a kept one that is no longer it (StaleChannelError),
// and the door reads the channel again and takes the body anew, so a change saved by any instance
// (a secret, a door disabled, the helpline's settings) is in force from the next message.
import type { Queryable } from '@ascolto/db'
import type { Keyring } from '../crypto/keyring.ts'
import { type ChannelWithSecrets, findChannelWithSecrets } from './find-channel.ts'

/** Channels an instance keeps; past it, the ones kept are forgotten and read again as they come. */
const CHANNELS_KEPT = 1000

/** A kept channel's version is no longer the saved one: read it again, and take the request anew. */
export class StaleChannelError extends Error {
  constructor() {
    super('The channel changed since this instance read it')
  }
}

export type KeptChannel = ChannelWithSecrets & { kept: boolean }

export function keptChannels(db: Queryable, keyring: Keyring) {
  const kept = new Map<string, ChannelWithSecrets>()
  const keyOf = (channelId: string, kind: string) => `${kind}:${channelId}`
  return {
    /** As this instance last read it (kept: true), or read now and kept. */
    async get(channelId: string, kind: string, options: { fresh?: boolean } = {}): Promise<KeptChannel> {
      const key = keyOf(channelId, kind)
      const known = options.fresh ? undefined : kept.get(key)
      if (known) return { ...known, kept: true }
      kept.delete(key)
      const read = await findChannelWithSecrets(db, keyring, channelId, kind)
      if (kept.size >= CHANNELS_KEPT) kept.clear()
      kept.set(key, read)
      return { ...read, kept: false }
    },
  }
}
