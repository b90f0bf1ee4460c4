-- The statistics screen folds a period's rollup rows by door, categories, answers and abandonment
-- (statistics/count-closed-conversations.ts), and its times by door, measure and second
-- (statistics/times-of-histogram.ts). Taking these columns as independent, the planner expected ten
-- to a thousand times the groups a line has (48,000 for ~120; 72,000 for ~10,000), so it sorted a
-- year's rows on disk rather than hashing them: 330 and 900 ms of a year's screen, on a million
-- conversations a year with the year before kept. Told how many distinct groups the columns make
-- together (ANALYZE keeps it, as autovacuum runs it), it hashes them in a few megabytes: 80 and
-- 260 ms (docs/performance.md).
create statistics conversation_fact_day_groups (ndistinct)
  on channel_id, channel_kind, categories, outcome, abandoned, (coalesce(survey_answers <> '{}', false))
  from conversation_fact_day;
create statistics conversation_seconds_day_groups (ndistinct)
  on channel_id, channel_kind, measure, seconds
  from conversation_seconds_day;
