-- Every org unit knows its line: the ids from the root down to itself, and its street and district. Notices
-- and scopes of every capability (cycles, meetings, liaison points) resolve people from it, so instances no
-- longer carry their own copy.
alter table org_unit add column chain bigint[] not null default '{}';
alter table org_unit add column street_id bigint references org_unit (id);
alter table org_unit add column district_id bigint references org_unit (id);

with recursive line (id, chain, street, district) as (
    select id, array[id], case when kind = 'Street' then id end, case when kind = 'District' then id end
    from org_unit where parent_id is null
    union all
    select c.id, l.chain || c.id,
           case when c.kind = 'Street' then c.id else l.street end,
           case when c.kind = 'District' then c.id else l.district end
    from line l join org_unit c on c.parent_id = l.id
)
update org_unit u set chain = l.chain, street_id = l.street, district_id = l.district from line l where u.id = l.id;

alter table instance drop column unit_chain, drop column street_unit_id, drop column district_unit_id;

-- Timers point at any target a capability fires on ('Stage', 'Task', later 'Meeting', 'Problem', ...);
-- each capability registers a handler for its own target kind.
alter table timer drop constraint timer_kind_check;
alter table timer add column target_kind text;
alter table timer add column target_id bigint;
update timer set target_kind = 'Stage', target_id = cycle_id where kind = 'StageOpen';
update timer set target_kind = 'Task', target_id = task_id where kind <> 'StageOpen';
alter table timer alter column target_kind set not null;
alter table timer alter column target_id set not null;
alter table timer drop column task_id;
alter table timer alter column cycle_id drop not null;
create index timer_target on timer (target_kind, target_id);

-- Tasks that a capability creates outside a template's stages (a rectification, ...) carry their own definition.
alter table task add column origin text not null default 'Stage';
alter table task add column definition jsonb;
