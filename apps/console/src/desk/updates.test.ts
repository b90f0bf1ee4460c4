/// <reference types="node" />
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { ConversationView, MessageStatus, MessageView } from '@ascolto/protocol'
import {
  emptyQueue,
  placeConversation,
  previewOutdated,
  removeConversations,
  upsertMessage,
} from './updates.ts'

const me = '00000000-0000-4000-8000-000000000001'
const someoneElse = '00000000-0000-4000-8000-000000000002'

function conversation(id: string, patch: Partial<ConversationView> = {}): ConversationView {
  return {
    id,
    helplineId: '00000000-0000-4000-8000-0000000000aa',
    channelKind: 'webchat',
    contactPseudonym: 4821,
    status: 'waiting',
    assignee: null,
    openedAt: '2025-01-01T20:00:00.000Z',
    lastMessageAt: '2025-01-01T20:00:00.000Z',
    dueAt: null,
    preview: 'ciao',
    previewVoicemail: null,
    language: null,
    byPhone: false,
    replyWindowClosesAt: null,
    canAttach: false,
    helpRequested: false,
    riskLevel: 'none',
    flags: [],
    earlierConversations: 0,
    unread: 0,
    review: null,
    personLeftAt: null,
    personAwaySince: null,
    ...patch,
  }
}

const ids = (list: ConversationView[]) => list.map((c) => c.id)

test('the highest risk comes first in both lists, whatever its due time or last message', () => {
  const early = '2025-01-01T20:01:00.000Z'
  let queue = emptyQueue
  for (const c of [
    conversation('none', { openedAt: early }),
    conversation('medium', { riskLevel: 'medium', dueAt: '2025-01-01T23:00:00.000Z' }),
    conversation('imminent', { riskLevel: 'imminent', openedAt: '2025-01-01T22:00:00.000Z' }),
    conversation('high', { riskLevel: 'high' }),
  ]) {
    queue = placeConversation(queue, c, me)
  }
  assert.deepEqual(ids(queue.waiting), ['imminent', 'high', 'medium', 'none'])
  const mine = { status: 'open' as const, assignee: { id: me, displayName: 'Io' } }
  queue = placeConversation(
    queue,
    conversation('quiet', { ...mine, riskLevel: 'high', lastMessageAt: early }),
    me,
  )
  queue = placeConversation(
    queue,
    conversation('lively', { ...mine, lastMessageAt: '2025-01-01T22:00:00.000Z' }),
    me,
  )
  assert.deepEqual(ids(queue.mine), ['quiet', 'lively'])
})

test('a waiting conversation joins the waiting list, longest waiting first', () => {
  let queue = placeConversation(emptyQueue, conversation('b', { openedAt: '2025-01-01T20:05:00.000Z' }), me)
  queue = placeConversation(queue, conversation('a', { openedAt: '2025-01-01T20:01:00.000Z' }), me)
  assert.deepEqual(ids(queue.waiting), ['a', 'b'])
  assert.deepEqual(queue.mine, [])
})

test('a higher risk goes before an earlier due time: an imminent risk tops the waiting list', () => {
  let queue = placeConversation(emptyQueue, conversation('a', { openedAt: '2025-01-01T20:01:00.000Z' }), me)
  queue = placeConversation(
    queue,
    conversation('b', { openedAt: '2025-01-01T20:02:00.000Z', riskLevel: 'high' }),
    me,
  )
  queue = placeConversation(
    queue,
    conversation('c', { openedAt: '2025-01-01T20:09:00.000Z', riskLevel: 'imminent' }),
    me,
  )
  assert.deepEqual(ids(queue.waiting), ['c', 'b', 'a'])
})

test('taking it moves it to mine; someone else taking it removes it', () => {
  const waiting = placeConversation(emptyQueue, conversation('a'), me)
  const mine = placeConversation(
    waiting,
    conversation('a', { status: 'open', assignee: { id: me, displayName: 'Me' } }),
    me,
  )
  assert.deepEqual(ids(mine.waiting), [])
  assert.deepEqual(ids(mine.mine), ['a'])
  const theirs = placeConversation(
    waiting,
    conversation('a', { status: 'open', assignee: { id: someoneElse, displayName: 'Marta' } }),
    me,
  )
  assert.deepEqual(theirs, { waiting: [], mine: [] })
})

test('a closed conversation leaves the queue', () => {
  const mine = placeConversation(
    emptyQueue,
    conversation('a', { status: 'open', assignee: { id: me, displayName: 'Me' } }),
    me,
  )
  assert.deepEqual(placeConversation(mine, conversation('a', { status: 'closed' }), me), {
    waiting: [],
    mine: [],
  })
})

test('an update replaces the conversation in place of adding it twice', () => {
  const queue = placeConversation(emptyQueue, conversation('a'), me)
  const updated = placeConversation(queue, conversation('a', { preview: 'ci sei?' }), me)
  assert.equal(updated.waiting.length, 1)
  assert.equal(updated.waiting[0]?.preview, 'ci sei?')
})

test('a message status change replaces the message; a new one is appended', () => {
  const withStatus = (m: MessageView, status: MessageStatus): MessageView => ({ ...m, status })
  const message = {
    id: 'm1',
    conversationId: 'a',
    direction: 'outbound',
    kind: 'text',
    text: 'Ciao, sono qui',
    status: 'queued',
    author: { id: me, displayName: 'Me' },
    createdAt: '2025-01-01T20:06:00.000Z',
    errorCode: null,
    flagged: false,
    hidden: null,
  } as MessageView
  const sent = upsertMessage([message], withStatus(message, 'delivered'))
  assert.deepEqual(
    sent.map((m) => m.status),
    ['delivered'],
  )
  assert.equal(upsertMessage(sent, { ...message, id: 'm2' }).length, 2)
  // the POST's answer (queued) arriving after the worker's news (delivered) does not undo it
  assert.equal(upsertMessage(sent, message)[0]?.status, 'delivered')
  assert.equal(
    upsertMessage(upsertMessage([message], withStatus(message, 'read')), withStatus(message, 'delivered'))[0]
      ?.status,
    'read',
  )
})

test('a hidden message loses its text, unless this operator may read hidden messages', () => {
  const message: MessageView = {
    id: 'm1',
    conversationId: 'a',
    direction: 'inbound',
    kind: 'text',
    text: 'sei un incapace',
    status: 'received',
    author: null,
    createdAt: '2025-01-01T20:06:00.000Z',
    errorCode: null,
    flagged: true,
    hidden: null,
    media: null,
  }
  const pushed: MessageView = { ...message, text: '', hidden: { reason: 'offensive' } }
  assert.deepEqual(upsertMessage([message], pushed), [pushed])
  assert.deepEqual(upsertMessage([message], pushed, { revealHidden: true }), [
    { ...pushed, text: 'sei un incapace' },
  ])
  // a message not hidden is replaced as it comes, even for a supervisor
  const edited = { ...message, text: '' }
  assert.deepEqual(upsertMessage([message], edited, { revealHidden: true }), [edited])
})

test('a conversation whose person was erased leaves both lists', () => {
  const queue = {
    waiting: [conversation('a')],
    mine: [conversation('b', { status: 'open', assignee: { id: me, displayName: 'Me' } })],
  }
  assert.deepEqual(removeConversations(queue, ['a', 'b', 'z']), { waiting: [], mine: [] })
  assert.deepEqual(removeConversations(queue, ['z']), queue)
})

test('a change pushed without its preview keeps the preview read over the API, and says when it is outdated', () => {
  const read = placeConversation(emptyQueue, conversation('a', { preview: 'ho bisogno di parlare' }), me)
  const later = '2025-01-01T20:05:00.000Z'
  const pushed = conversation('a', { preview: '', withheld: true, dueAt: later })
  const placed = placeConversation(read, pushed, me)
  assert.equal(placed.waiting[0]?.preview, 'ho bisogno di parlare')
  assert.equal(placed.waiting[0]?.dueAt, later)
  assert.equal(placed.waiting[0]?.withheld, undefined)
  assert.equal(previewOutdated(read, pushed), false, 'the same last message: the preview read still holds')
  assert.equal(
    previewOutdated(read, { ...pushed, lastMessageAt: later }),
    true,
    'a newer message: read again',
  )
  assert.equal(previewOutdated(read, conversation('b', { preview: '', withheld: true })), true, 'a new one')
  assert.equal(previewOutdated(read, conversation('b')), false, 'pushed whole: nothing to read')
})
