export {
  type AutoReplyInput,
  type AutoReplyKind,
  decideAutoReplies,
  describeNextOpening,
} from './auto-reply.ts'
export { dueTime, queuedSince } from './due-time.ts'
export { holidayName, isPublicHoliday, type Locale } from './holidays.ts'
export { matchesWordList } from './moderation.ts'
export {
  type ClosedBy,
  currentRangeEnd,
  HORIZON_DAYS,
  isOpen,
  nextOpening,
  type OpenInterval,
  type OpeningDay,
  openIntervalsOn,
  openingDay,
  openRangesOn,
} from './opening.ts'
export { RISK_OF_FLAG, RISK_OF_WORD_LIST } from './risk.ts'
export {
  type Closure,
  checkOpeningRules,
  type DateException,
  DEFAULT_ALWAYS_OPEN_DUE_MINUTES,
  DEFAULT_TIME_ZONE,
  type OpeningRules,
  type PatronSaintDay,
  type TimeRange,
  WEEKDAYS,
  type Weekday,
  type WeeklySchedule,
} from './schedule.ts'
export { type Triage, triageMessage } from './triage/triage.ts'
