-- The working calendar is cached by every host; this counter says when a host's copy is stale. Any statement
-- that writes calendar_year bumps it (a statement trigger, so no writer can forget), and a host reads the one
-- number before each use, reloading the years only when it moved.
create table calendar_revision (
    only_row        boolean primary key default true check (only_row),
    revision        bigint not null
);
insert into calendar_revision (only_row, revision) values (true, 1);

create function calendar_revision_bump() returns trigger language plpgsql as $$
begin
    update calendar_revision set revision = revision + 1;
    return null;
end
$$;

create trigger calendar_year_revision
after insert or update or delete or truncate on calendar_year
for each statement execute function calendar_revision_bump();
