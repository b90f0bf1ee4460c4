// The public doors under a flood. Every limit is per sender — one address, one visitor — and none
// is global, so whoever floods a door is slowed alone while real people and the providers' own
// servers go on being served. Checked in memory before any database work (a flood must not become
// the database's load); each instance counts on its own, so behind N instances a sender gets up
// to N times the figure. A refusal is a 429 with Retry-After, and changes nothing.
// The sender is the address the trusted proxy reports (ASCOLTO_TRUST_PROXY). Not limited: a
// request from a trusted proxy that names no address (one bucket for everyone behind it would turn
// a flood's limit against every real person at once), and the machine itself (its own tools).
import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { AscoltoError } from '@ascolto/core'
import proxyAddr from '@fastify/proxy-addr'
import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Socket } from 'socket.io'

/** The allowances, each per sender and per instance. */
export const FLOOD_LIMITS = {
  /** Meta, Twilio and Telegram deliver from many addresses; one address past 50 a second is not them. */
  webhookPerAddress: { max: 3000, minutes: 1 },
  /** A school or a shelter behind one address: many people, each writing, reloading the page. */
  widgetPerAddress: { max: 600, minutes: 1 },
  /** One person cannot type more than this; a script can. */
  widgetPerVisitor: { max: 30, minutes: 1 },
  /** New people starting a chat from one address: what keeps a script from filling the queue. */
  newVisitorsPerAddress: { max: 10, minutes: 10 },
  /** Reports sent from the form by one address (each also costs a proof of work). */
  reportsPerAddress: { max: 10, minutes: 10 },
  /** Receipt codes that opened nothing, from one address: guessing stops here. */
  wrongReceiptsPerAddress: { max: 10, minutes: 15 },
  /** Tries of a code to continue a chat from one address: a person mistypes a few times, a guesser more. */
  resumePerAddress: { max: 10, minutes: 10 },
  /** Typing and "seen" from one visitor's token: a person toggles typing a few times per message. */
  widgetSignalsPerVisitor: { max: 60, minutes: 1 },
} as const

/** Widget sockets open at once from one address (a school, each pupil's tab), per instance. */
export const WIDGET_SOCKETS_PER_ADDRESS = 200
/** Sockets on the default namespace from one address: nothing of Ascolto's is served there. */
export const ANONYMOUS_SOCKETS_PER_ADDRESS = 10

export type FloodLimit = (typeof FLOOD_LIMITS)[keyof typeof FLOOD_LIMITS]

type Trust = (address: string, hop: number) => boolean

/** ASCOLTO_TRUST_PROXY as Fastify reads it: the proxies whose X-Forwarded-For is believed. */
const trustOf = (trustProxy: string): Trust =>
  proxyAddr.compile(trustProxy.split(',').map((address) => address.trim()))

/** Whether a request escapes the limits: the machine itself, or a trusted proxy naming no address. */
function unlimited(trusted: Trust) {
  const loopback = proxyAddr.compile('loopback')
  return (request: IncomingMessage, address: string) =>
    loopback(address, 0) ||
    (request.headers['x-forwarded-for'] === undefined && trusted(request.socket.remoteAddress ?? '', 0))
}

export async function registerFloodLimits(app: FastifyInstance, trustProxy: string) {
  const exempt = unlimited(trustOf(trustProxy))
  // global: false: only where a door asks for a limit below; IPv6 senders counted by their /56
  await app.register(fastifyRateLimit, {
    global: false,
    ipv6Subnet: 56,
    allowList: (request) => exempt(request.raw, request.ip),
  })
}

/**
 * A Socket.IO middleware that refuses a socket past the address's share of open ones in its
 * namespace, before anything is looked up; each socket gives its place back when it closes.
 */
export function socketLimit(trustProxy: string, max: number) {
  const trusted = trustOf(trustProxy)
  const exempt = unlimited(trusted)
  const open = new Map<string, number>()
  return (socket: Socket, next: (error?: Error) => void) => {
    const address = proxyAddr(socket.request, trusted)
    if (exempt(socket.request, address)) return next()
    const count = open.get(address) ?? 0
    if (count >= max) return next(new Error('ASCOLTO_ERR_RATE_LIMITED'))
    open.set(address, count + 1)
    socket.once('disconnect', () => {
      const left = (open.get(address) ?? 1) - 1
      if (left > 0) open.set(address, left)
      else open.delete(address)
    })
    next()
  }
}

/**
 * A count per key (a visitor's token) in fixed windows, in memory: `take` says whether one more is
 * allowed, synchronously, so a refused signal costs no query and no promise. The whole map is
 * dropped at each window's end, so it holds only the keys seen in one window.
 */
export function windowCounter(limit: FloodLimit) {
  let counts = new Map<string, number>()
  setInterval(() => {
    counts = new Map()
  }, limit.minutes * 60_000).unref()
  return {
    take(key: string) {
      const count = counts.get(key) ?? 0
      if (count >= limit.max) return false
      counts.set(key, count + 1)
      return true
    },
  }
}

function limiter(app: FastifyInstance, limit: FloodLimit, key: (request: FastifyRequest) => string) {
  const check = app.createRateLimit({
    max: limit.max,
    timeWindow: limit.minutes * 60_000,
    // the store keeps its keys in memory only; a visitor's token is kept as a hash all the same
    keyGenerator: (request) => createHash('sha256').update(key(request)).digest('base64url'),
  })
  const count = async (request: FastifyRequest, reply: Reply) => {
    const verdict = await check(request)
    if (verdict.isAllowed || !verdict.isExceeded) return
    reply.header('retry-after', String(verdict.ttlInSeconds))
    throw new AscoltoError('ASCOLTO_ERR_RATE_LIMITED', 'Too many requests from here: try again shortly')
  }
  return { check, count }
}

type Reply = { header: (name: string, value: string) => unknown }

/** A hook that checks one limit, keyed by the sender's address unless `key` says otherwise: a 429 past it. */
export function floodCheck(
  app: FastifyInstance,
  limit: FloodLimit,
  key: (request: FastifyRequest) => string = (request) => request.ip,
) {
  const { count } = limiter(app, limit, key)
  return (request: FastifyRequest, reply: Reply) => count(request, reply)
}

/**
 * A limit on some of a sender's requests only (their new chats): `counts` says whether this one is,
 * and is asked only of a sender the limits apply to, so an exempt one costs it nothing.
 */
export function countedFloodCheck(app: FastifyInstance, limit: FloodLimit) {
  const { check, count } = limiter(app, limit, (request) => request.ip)
  return async (request: FastifyRequest, reply: Reply, counts: () => Promise<boolean>) => {
    if ((await check(request, { increment: false })).isAllowed || !(await counts())) return
    await count(request, reply)
  }
}

/**
 * A limit on a sender's failures (wrong receipt codes): `failed` counts one; once they reach the
 * limit, `before` refuses the sender's next tries before any work, until the window has passed.
 */
export function failureFloodCheck(app: FastifyInstance, limit: FloodLimit) {
  const { check, count } = limiter(app, limit, (request) => request.ip)
  return {
    before: async (request: FastifyRequest, reply: Reply) => {
      const verdict = await check(request, { increment: false })
      // past it once the failures allowed are used up, before the next piece of work
      if (verdict.isAllowed || verdict.remaining > 0) return
      reply.header('retry-after', String(verdict.ttlInSeconds))
      throw new AscoltoError('ASCOLTO_ERR_RATE_LIMITED', 'Too many requests from here: try again shortly')
    },
    failed: (request: FastifyRequest, reply: Reply) => count(request, reply),
  }
}
