-- The occurrence a cadence opens next, once it has opened one: the runs of the simulated clock and the
-- start-up check ask the database "is any cadence due?" with one indexed query instead of reading every
-- cadence and evaluating its cron. Null until the cadence first runs (or after its schedule changed): such a
-- cadence is looked at by every run, which sets it.
alter table meeting_cadence add column next_occurrence_at timestamptz;
create index meeting_cadence_next on meeting_cadence (next_occurrence_at) where enabled;
