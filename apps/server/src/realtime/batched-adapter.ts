// Socket.IO's PostgreSQL adapter, with what one turn of the event loop publishes sent as one NOTIFY
// per namespace. The adapter sends a NOTIFY per emit, and a person's message makes six (the
// conversation to those who follow it and, withheld, to the rest; the rooms it leaves; the message
// the same way and to its mediator): each a statement, and each NOTIFY's commit takes the
// database's one notification lock. Batched, a message is one NOTIFY, and a turn's messages one
// statement however many payloads they fill (a group of people's, transaction-groups.ts, fills
// several). The other instances split
// the batch and take each message as the adapter would have; what must go as an attachment (binary,
// or too long for a NOTIFY) goes as the adapter sends it, after the batch before it.
// An instance that has heard of no other (one installation, the usual case) sends what only other
// instances' sockets need (emits, rooms joined or left) to nobody: a NOTIFY a turn is a statement,
// the notification back on its own LISTEN connection and a wake-up on each side, for no one
// (docs/performance.md, issue 25, eleventh step). The adapters still announce themselves and beat
// as the library does, and each announces itself again once its LISTEN is in place: instances
// started together, each announcing before the other listened, hear of each other a round trip
// after the later one listens, not a heartbeat (5 s) later.
import type { Pool, PoolClient } from '@ascolto/db'
import { PostgresAdapter } from '@socket.io/postgres-adapter'
import { hasBinary, PubSubClient } from '@socket.io/postgres-adapter/dist/util.js'
import type { Namespace } from 'socket.io'
import { MessageType } from 'socket.io-adapter'

/** The adapter's limit of a NOTIFY's payload (PostgreSQL's is 8,000 bytes); beyond, an attachment. */
const PAYLOAD_THRESHOLD = 8000
/** Room left in a batch's payload for its own envelope. */
const ENVELOPE = 200
const CHANNEL_PREFIX = 'socket.io'
/** What reaches only other instances' sockets: with no other instance, sent to nobody. */
const FOR_OTHERS_ONLY: ReadonlySet<MessageType> = new Set([
  MessageType.BROADCAST,
  MessageType.SOCKETS_JOIN,
  MessageType.SOCKETS_LEAVE,
  MessageType.DISCONNECT_SOCKETS,
])
/** Marks a NOTIFY carrying several of the adapter's messages. */
export const BATCH_TYPE = 'ascolto.batch'

type Published = Parameters<PubSubClient['publish']>[0]
type Message = Published & { uid: string; nsp: string; type: MessageType }
type Batch = { uid: string; nsp: string; type: typeof BATCH_TYPE; messages: Message[] }
type Options = { cleanupInterval: number; errorHandler: (error: Error) => void }

/** How a batch's payload starts, up to its namespace: the same order as `Batch`'s fields. */
const batchHead = (uid: string) => `{"uid":${JSON.stringify(uid)},"nsp":`
const UID_START = '{"uid":"'.length

/**
 * PostgreSQL notifies the sender too, and the adapter reads every payload whole before it asks
 * whose it is: this instance's own batches (most of what it hears) are dropped unread instead,
 * known by the uid that leads them (the adapters' uids are plain hex: nothing to unescape).
 */
function dropOwnNotifications(client: PoolClient, ownUids: ReadonlySet<string>) {
  const emit = client.emit
  client.emit = function (this: PoolClient, event: string | symbol, ...args: unknown[]) {
    if (event === 'notification') {
      const payload = (args[0] as { payload?: string }).payload ?? ''
      const uid = payload.slice(UID_START, payload.indexOf('"', UID_START))
      if (ownUids.has(uid) && payload.startsWith(batchHead(uid))) return true
    }
    return emit.call(this, event, ...args)
  } as PoolClient['emit']
}

class BatchingClient extends PubSubClient {
  private readonly pending = new Map<string, Promise<void>>()
  /** Per namespace, what this turn publishes there, each message as JSON. */
  private readonly queued = new Map<string, { uid: string; jsons: string[] }>()

  private readonly notifyPool: Pool
  private readonly options: Options
  private readonly othersHeard: (nsp: string) => boolean
  private closed = false
  /** Resolves once the first LISTEN connection is in place: what others emit from then on is heard. */
  readonly listening: Promise<void>

  constructor(
    notifyPool: Pool,
    options: Options,
    isFromSelf: (message: Message) => boolean,
    onMessage: (message: Message | Batch) => void,
    /** The uids of this instance's namespaces' adapters: what it sends itself. */
    ownUids: ReadonlySet<string>,
    /** Whether the namespace's adapter has heard of another instance (their heartbeats). */
    othersHeard: (nsp: string) => boolean,
    /** Each namespace's adapter announces itself (a LISTEN connection has just been taken). */
    announce: () => void,
  ) {
    super(
      notifyPool as never,
      {
        channelPrefix: CHANNEL_PREFIX,
        tableName: 'socket_io_attachments',
        payloadThreshold: PAYLOAD_THRESHOLD,
        ...options,
      },
      isFromSelf as never,
      onMessage as never,
    )
    this.notifyPool = notifyPool
    this.options = options
    this.othersHeard = othersHeard
    // The parent takes its LISTEN connection in its constructor (and again after losing one), and
    // keeps it in `client`; closed while it connects, it kept the connection it then took checked
    // out for good, and the pool's end at a stop waited for it forever. Taken after the close, a
    // connection is given back at once, and no reconnection is scheduled.
    let client: PoolClient | undefined
    let reconnection: NodeJS.Timeout | undefined
    let listens = () => {}
    this.listening = new Promise((resolve) => {
      listens = resolve
    })
    Object.defineProperties(this, {
      client: {
        get: () => client,
        set: (taken: PoolClient | undefined) => {
          if (!this.closed || !taken) {
            if (taken) dropOwnNotifications(taken, ownUids)
            client = taken
            // the parent sets it once it has listened on every namespace's channel: from now on
            // the others' answers to an announcement are heard
            if (taken) {
              announce()
              listens()
            }
          } else {
            taken.removeAllListeners('end')
            taken.release()
          }
        },
      },
      reconnectTimer: {
        get: () => reconnection,
        set: (timer: NodeJS.Timeout | undefined) => {
          if (this.closed) clearTimeout(timer)
          else reconnection = timer
        },
      },
    })
  }

  override close() {
    this.closed = true
    super.close()
  }

  /**
   * Resolves at once: Socket.IO's adapter waits for it before it delivers to this instance's own
   * sockets, which need no NOTIFY (under load, that wait was a round trip of PostgreSQL's on every
   * console event's way). The other instances hear it in the next turn's NOTIFY.
   */
  override publish(published: Published): Promise<void> {
    const message = published as Message
    if (FOR_OTHERS_ONLY.has(message.type) && !this.othersHeard(message.nsp)) return Promise.resolve()
    const json = JSON.stringify(message)
    // binary or long: the adapter's own way (an attachment), once what was queued before it is sent
    if (hasBinary(message) || Buffer.byteLength(json) > PAYLOAD_THRESHOLD - ENVELOPE) {
      ;(this.pending.get(message.nsp) ?? Promise.resolve())
        .then(() => super.publish(published))
        .catch(this.options.errorHandler)
      return Promise.resolve()
    }
    const queued = this.queued.get(message.nsp)
    if (queued) {
      queued.jsons.push(json)
      return Promise.resolve()
    }
    this.queued.set(message.nsp, { uid: message.uid, jsons: [json] })
    const sent = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.send(message.nsp))
    this.pending.set(message.nsp, sent)
    return Promise.resolve()
  }

  private async send(nsp: string) {
    const { uid, jsons } = this.queued.get(nsp) ?? { uid: '', jsons: [] }
    this.queued.delete(nsp)
    this.pending.delete(nsp)
    // as many as fit in one payload; the rare overflow in the next. Every payload is a batch led by
    // its sender's uid, so the sender knows its own at a glance (dropOwnNotifications).
    const payloads: string[] = []
    let group: string[] = []
    let size = 0
    const close = () => {
      if (group.length > 0)
        payloads.push(
          `${batchHead(uid)}${JSON.stringify(nsp)},"type":"${BATCH_TYPE}","messages":[${group.join(',')}]}`,
        )
      group = []
      size = 0
    }
    for (const json of jsons) {
      const length = Buffer.byteLength(json) + 1
      if (size + length > PAYLOAD_THRESHOLD - ENVELOPE) close()
      group.push(json)
      size += length
    }
    close()
    // every payload of the turn in one statement, one round trip: notified in the array's order.
    // Each its own parameter: as a text[] parameter, node-postgres escaped every quote of the JSON
    // (a seventh of what the instance allocated under load).
    const each = payloads.map((_, index) => `$${index + 2}::text`).join(', ')
    await this.notifyPool
      .query(`select pg_notify($1, payload) from unnest(array[${each}]) as payload`, [
        `${CHANNEL_PREFIX}#${nsp}`,
        ...payloads,
      ])
      .catch(this.options.errorHandler)
  }
}

/** As `createAdapter` of @socket.io/postgres-adapter, with the messages of one turn in one NOTIFY. */
export function createBatchedAdapter(pool: Pool, options: Options) {
  const namespaces = new Map<string, PostgresAdapter>()
  const ownUids = new Set<string>()
  // the adapter's own fields, protected: the library's createAdapter reads them the same way
  const adapterOf = (message: { nsp: string }) =>
    namespaces.get(message.nsp) as unknown as
      | {
          uid: string
          onMessage: (message: Message) => void
          /** The other instances heard from lately (heartbeats), by uid. */
          nodesMap: ReadonlyMap<string, number>
          publish: (message: { type: MessageType }) => void
        }
      | undefined
  const client = new BatchingClient(
    pool,
    options,
    (message) => adapterOf(message)?.uid === message.uid,
    (message) => {
      const messages = message.type === BATCH_TYPE ? (message as Batch).messages : [message as Message]
      for (const one of messages) adapterOf(one)?.onMessage(one)
    },
    ownUids,
    (nsp) => (adapterOf({ nsp })?.nodesMap.size ?? 0) > 0,
    () => {
      for (const nsp of namespaces.keys())
        adapterOf({ nsp })?.publish({ type: MessageType.INITIAL_HEARTBEAT })
    },
  )
  // Socket.IO calls it with `new`, which an arrow function refuses
  // biome-ignore lint/complexity/useArrowFunction: constructed with new by Socket.IO
  const adapter = function (nsp: Namespace) {
    const adapter = new PostgresAdapter(nsp, {}, client)
    namespaces.set(nsp.name, adapter)
    const uid = adapterOf({ nsp: nsp.name })?.uid ?? ''
    ownUids.add(uid)
    client.addNamespace(nsp.name)
    const close = adapter.close.bind(adapter)
    adapter.close = () => {
      namespaces.delete(nsp.name)
      ownUids.delete(uid)
      if (namespaces.size === 0) client.close()
      return close()
    }
    return adapter
  }
  return Object.assign(adapter, { listening: client.listening })
}
