// The statistics screen's tables of the period as rows for a spreadsheet, in the helpline's main
// language: the same suppressed cells as on the screen ('<5', and '*' for a cell withheld beside
// it), times in seconds (blank where no conversation had one). One sheet per table; a table the
// screen shows once per question (closing form, survey, reports) is one sheet with the question
// as its first column.
import type { LocalizedText, OperatorFigures, PeriodTable, Statistics } from '@ascolto/protocol'
import { sheetCell } from './sheet-cell.ts'

export const SHEET_WORDS = {
  it: {
    door: 'Canale',
    allDoors: 'Tutti i canali',
    closed: 'Chiuse',
    answered: 'Hanno risposto al questionario',
    queueMedian: 'Tempo in coda, mediana (s)',
    queueAverage: 'Tempo in coda, media (s)',
    firstResponseMedian: 'Prima risposta, mediana (s)',
    firstResponseAverage: 'Prima risposta, media (s)',
    durationMedian: 'Durata, mediana (s)',
    durationAverage: 'Durata, media (s)',
    abandoned: 'Lasciate prima di una risposta',
    abandonedWaitMedian: 'Loro attesa, mediana (s)',
    category: 'Categoria',
    withoutCategory: 'Senza categoria',
    conversations: 'Conversazioni',
    question: 'Domanda',
    answer: 'Risposta',
    unanswered: 'Senza risposta',
    removed: (id: string) => `${id} (rimossa)`,
    calls: 'Chiamate',
    endings: {
      answered: 'Con risposta',
      unanswered: 'Senza risposta',
      voicemail: 'In segreteria',
      abandoned: 'Chiuse mentre squillavano',
      refused: 'Rifiutate',
    },
    ringMedian: 'Attesa, mediana (s)',
    talkMedian: 'Durata, mediana (s)',
    talkAverage: 'Durata, media (s)',
    callbackMedian: 'Prima richiamata, mediana (s)',
    kind: 'Tipo',
    opened: 'Aperti',
    closedCases: 'Chiusi',
    contacts: 'Persone per percorso (media)',
    caseConversations: 'Conversazioni per percorso (media)',
    caseKinds: { standard: 'Percorso di aiuto', emergency: 'Presa in carico in emergenza' } as Record<
      string,
      string
    >,
    caseOutcomes: {
      'goal-reached': 'Obiettivo raggiunto',
      referred: 'Inviato a un servizio',
      'lost-contact': 'Contatto perso',
      declined: 'La persona ha rinunciato',
      other: 'Altro',
    } as Record<string, string>,
    partner: 'Servizio',
    direction: 'Direzione',
    directions: { in: 'Ricevuti', out: 'Inviati' },
    total: 'Totale',
    referralStates: {
      sent: 'Inviata',
      received: 'Ricevuta',
      accepted: 'Accettata',
      in_charge: 'Presa in carico',
      closed: 'Chiusa',
      refused: 'Rifiutata',
    } as Record<string, string>,
    inChargeMedian: 'Presa in carico, mediana (s)',
    people: 'Persone',
    yesNo: { yes: 'sì', no: 'no' } as Record<string, string>,
    reportsReceived: 'Segnalazioni ricevute',
    reports: 'Segnalazioni',
    operator: 'Operatrice o operatore',
    handled: 'Conversazioni seguite',
    kinds: {
      webchat: 'Chat sul sito',
      whatsapp: 'WhatsApp',
      telegram: 'Telegram',
      email: 'E-mail',
      phone: 'Telefono',
      logged: 'Registrati a mano',
      report: 'Segnalazioni',
    } as Record<string, string>,
  },
  en: {
    door: 'Door',
    allDoors: 'All doors',
    closed: 'Closed',
    answered: 'Answered the survey',
    queueMedian: 'Time in queue, median (s)',
    queueAverage: 'Time in queue, average (s)',
    firstResponseMedian: 'First response, median (s)',
    firstResponseAverage: 'First response, average (s)',
    durationMedian: 'Length, median (s)',
    durationAverage: 'Length, average (s)',
    abandoned: 'Left before an answer',
    abandonedWaitMedian: 'Their wait, median (s)',
    category: 'Category',
    withoutCategory: 'No category',
    conversations: 'Conversations',
    question: 'Question',
    answer: 'Answer',
    unanswered: 'Not answered',
    removed: (id: string) => `${id} (removed)`,
    calls: 'Calls',
    endings: {
      answered: 'Answered',
      unanswered: 'Unanswered',
      voicemail: 'Voicemail',
      abandoned: 'Hung up while ringing',
      refused: 'Refused',
    },
    ringMedian: 'Wait, median (s)',
    talkMedian: 'Length, median (s)',
    talkAverage: 'Length, average (s)',
    callbackMedian: 'First call-back, median (s)',
    kind: 'Kind',
    opened: 'Opened',
    closedCases: 'Closed',
    contacts: 'People per case (average)',
    caseConversations: 'Conversations per case (average)',
    caseKinds: { standard: 'Path of help', emergency: 'Emergency take-in' } as Record<string, string>,
    caseOutcomes: {
      'goal-reached': 'Goal reached',
      referred: 'Referred to a service',
      'lost-contact': 'Contact lost',
      declined: 'The person declined',
      other: 'Other',
    } as Record<string, string>,
    partner: 'Service',
    direction: 'Direction',
    directions: { in: 'Received', out: 'Sent' },
    total: 'Total',
    referralStates: {
      sent: 'Sent',
      received: 'Received',
      accepted: 'Accepted',
      in_charge: 'Taken in charge',
      closed: 'Closed',
      refused: 'Refused',
    } as Record<string, string>,
    inChargeMedian: 'Taken in charge, median (s)',
    people: 'People',
    yesNo: { yes: 'yes', no: 'no' } as Record<string, string>,
    reportsReceived: 'Reports received',
    reports: 'Reports',
    operator: 'Operator',
    handled: 'Conversations handled',
    kinds: {
      webchat: 'Web chat',
      whatsapp: 'WhatsApp',
      telegram: 'Telegram',
      email: 'E-mail',
      phone: 'Phone',
      logged: 'Logged by hand',
      report: 'Reports',
    } as Record<string, string>,
  },
}
export type SheetWords = (typeof SHEET_WORDS)['it']
export const sheetWords = (language: string): SheetWords =>
  language === 'en' ? SHEET_WORDS.en : SHEET_WORDS.it

type Row = (string | number)[]
const ENDINGS = ['answered', 'unanswered', 'voicemail', 'abandoned', 'refused'] as const
const SCALE = ['1', '2', '3', '4', '5']
/** A time in seconds or a number per case; blank where there is none. */
const figure = (value: number | null) => value ?? ''
/** Keys in the order first met: the columns of outcomes or states across every row. */
const keysOf = (lists: { key: string }[][]) => [...new Set(lists.flat().map(({ key }) => key))]

export function periodSheet(stats: Statistics, table: PeriodTable): Row[] {
  const words = sheetWords(stats.language)
  const text = (cell: Statistics['withoutCategory']) => sheetCell(cell, stats.minimumCell)
  const label = ({ id, label }: { id: string; label: LocalizedText | null }) =>
    label ? (label[stats.language] ?? Object.values(label)[0] ?? id) : words.removed(id)
  const doorName = (door: { channelId: string | null; channelName: string | null; channelKind?: string }) =>
    door.channelName ?? words.kinds[door.channelKind ?? ''] ?? door.channelKind ?? ''

  switch (table) {
    case 'conversations': {
      const withSurvey = stats.survey.questions.length > 0
      const figures = ({
        closed,
        answered,
        queue,
        firstResponse,
        duration,
        ...left
      }: Statistics['total']) => [
        text(closed),
        ...(withSurvey ? [text(answered)] : []),
        figure(queue.median),
        figure(queue.average),
        figure(firstResponse.median),
        figure(firstResponse.average),
        figure(duration.median),
        figure(duration.average),
        text(left.abandoned),
        figure(left.abandonedWait.median),
      ]
      return [
        [
          words.door,
          words.closed,
          ...(withSurvey ? [words.answered] : []),
          words.queueMedian,
          words.queueAverage,
          words.firstResponseMedian,
          words.firstResponseAverage,
          words.durationMedian,
          words.durationAverage,
          words.abandoned,
          words.abandonedWaitMedian,
        ],
        ...stats.channels.map((door) => [doorName(door), ...figures(door)]),
        [words.allDoors, ...figures(stats.total)],
      ]
    }
    case 'closedByCategory':
      return [
        [words.category, words.conversations],
        ...stats.categories.map((category) => [label(category), text(category.count)]),
        [words.withoutCategory, text(stats.withoutCategory)],
      ]
    case 'closingForm':
      return [
        [words.question, words.answer, words.conversations],
        ...stats.closingForm.flatMap((question) => [
          ...question.answers.map((answer) => [label(question), label(answer), text(answer.count)]),
          [label(question), words.unanswered, text(question.unanswered)],
        ]),
      ]
    case 'calls':
      return [
        [
          words.door,
          words.calls,
          ...ENDINGS.map((key) => words.endings[key]),
          words.ringMedian,
          words.talkMedian,
          words.talkAverage,
          words.callbackMedian,
        ],
        ...stats.calls.map((door) => [
          door.channelId === null ? words.allDoors : doorName(door),
          text(door.calls),
          ...ENDINGS.map((key) => text(door[key])),
          figure(door.ring.median),
          figure(door.talk.median),
          figure(door.talk.average),
          figure(door.callbackFirstResponse.median),
        ]),
      ]
    case 'casesByKind': {
      const outcomes = keysOf(stats.cases.map((kind) => kind.outcomes.map((o) => ({ key: o.outcome }))))
      return [
        [
          words.kind,
          words.opened,
          words.closedCases,
          words.durationMedian,
          words.durationAverage,
          words.contacts,
          words.caseConversations,
          ...outcomes.map((outcome) => words.caseOutcomes[outcome] ?? outcome),
        ],
        ...stats.cases.map((kind) => [
          words.caseKinds[kind.kind] ?? kind.kind,
          text(kind.opened),
          text(kind.closed),
          figure(kind.duration.median),
          figure(kind.duration.average),
          figure(kind.contacts.average),
          figure(kind.conversations.average),
          ...outcomes.map((outcome) => text(kind.outcomes.find((o) => o.outcome === outcome)?.count ?? 0)),
        ]),
      ]
    }
    case 'referralsByPartner': {
      const states = keysOf(stats.referrals.map((row) => row.states.map((s) => ({ key: s.state }))))
      return [
        [
          words.partner,
          words.direction,
          words.total,
          ...states.map((state) => words.referralStates[state] ?? state),
          words.inChargeMedian,
        ],
        ...stats.referrals.map((row) => [
          row.partner,
          words.directions[row.direction],
          text(row.total),
          ...states.map((state) => text(row.states.find((s) => s.state === state)?.count ?? 0)),
          figure(row.inChargeMedianSeconds),
        ]),
      ]
    }
    case 'survey': {
      const count = (channelId: string | null, questionId: string, answer: string) =>
        stats.survey.counts.find(
          (c) => c.channelId === channelId && c.questionId === questionId && c.answer === answer,
        )?.count ?? 0
      return [
        [words.question, words.door, words.answer, words.people],
        ...stats.survey.questions.flatMap((question) =>
          stats.channels.flatMap((door) =>
            (question.kind === 'scale' ? SCALE : ['yes', 'no']).map((answer) => [
              label({ id: question.id, label: question.text }),
              doorName(door),
              words.yesNo[answer] ?? answer,
              text(count(door.channelId, question.id, answer)),
            ]),
          ),
        ),
      ]
    }
    case 'reports':
      return [
        [words.question, words.answer, words.reports],
        [words.reportsReceived, '', text(stats.reports.total)],
        ...stats.reports.questions.flatMap((question) =>
          question.answers.map((answer) => [label(question), label(answer), text(answer.count)]),
        ),
      ]
  }
}

/** The figures per operator, by name as the server lists them: never ranked, in the file too. */
export function operatorSheet(figures: OperatorFigures): Row[] {
  const words = sheetWords(figures.language)
  return [
    [words.operator, words.handled, words.firstResponseMedian, words.durationMedian],
    ...figures.operators.map((operator) => [
      operator.name,
      sheetCell(operator.handled, figures.minimumCell),
      figure(operator.firstReplyMedian),
      figure(operator.durationMedian),
    ]),
  ]
}
