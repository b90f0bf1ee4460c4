import type { ConsoleEvents } from '@ascolto/protocol'

/**
 * Side effects announced after a commit. The server implements it over Socket.IO (whose
 * PostgreSQL adapter carries it to every instance); use-cases only call it from `afterCommit`.
 */
export type Publisher = {
  toConsoles: <E extends keyof ConsoleEvents>(
    helplineId: string,
    event: E,
    ...args: Parameters<ConsoleEvents[E]>
  ) => void
  /** To every console of one operator alone (their own reveal requests, decided). */
  toOperator: <E extends keyof ConsoleEvents>(
    userId: string,
    event: E,
    ...args: Parameters<ConsoleEvents[E]>
  ) => void
  /**
   * After an audited read of a conversation, the console socket `socketId` (of the session
   * `sessionTag` alone) receives its content as it comes; false when no such socket.
   */
  follow: (socketId: string, sessionTag: string, conversationId: string) => Promise<boolean>
  toWidget: (room: string, event: string, payload: unknown) => void
  /**
   * Who can answer changed without a conversation changing (an operator's availability): the
   * waiting people hear their new wait. Conversations' own changes reach them through toConsoles.
   * Optional: publishers that push nothing to the widget leave it out.
   */
  answeringChanged?: (helplineId: string) => void
  /**
   * A mediator joined (or left) a conversation: their console sockets start (or stop) hearing its
   * messages, on every instance. Optional: publishers that push nothing leave it out.
   */
  mediatorRoom?: (userId: string, conversationId: string, change: 'join' | 'leave') => void
  /** Something was written to the outbox: the worker (here or in another process) should look now. */
  outboxChanged: () => void
}

/** A publisher that tells no one: for work done with no console or widget listening (benchmarks, tests). */
export const silentPublisher: Publisher = {
  toConsoles: () => {},
  toOperator: () => {},
  toWidget: () => {},
  outboxChanged: () => {},
  follow: async () => false,
}
