-- A timer whose handler failed is set aside as Failed, with the error, instead of rolling back its whole batch
-- (which would block every timer due after it, run after run). An operator re-arms it once the cause is fixed.
alter table timer drop constraint timer_outcome_check;
alter table timer add constraint timer_outcome_check check (outcome in ('Fired', 'Skipped', 'Cancelled', 'Failed'));
alter table timer add column error text;
