-- The business calendar: one row per year of the State Council's holiday schedule.
-- A year is published, read and replaced as a whole, and the runtime loads every year before it computes due
-- dates; so a year's days are two small jsonb arrays of {date, name} beside it: one row per year, one query
-- for the whole calendar. The rules across days (inside the year, no repeats, never in both lists) are
-- checked in CalendarYearValidator before any write.
create table calendar_year (
    year            int primary key check (year between 1900 and 2999),
    -- the notice the schedule comes from, e.g. 国务院办公厅关于2026年部分节假日安排的通知
    source          text not null,
    -- statutory days off, weekend days inside a holiday span included
    holidays        jsonb not null check (jsonb_typeof(holidays) = 'array'),
    -- weekend days worked instead (调休)
    workdays        jsonb not null check (jsonb_typeof(workdays) = 'array'),
    -- null while the year is the one shipped in calendars/cn-<year>.json; the administrator's username once edited
    updated_by      text,
    updated_at      timestamptz not null
);
