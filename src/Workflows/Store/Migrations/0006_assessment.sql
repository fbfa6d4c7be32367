-- Inspection and assessment: findings (问题) with their rectification tasks (整改 → 销号), the indicator scores
-- and democratic rating votes of the year-end assessment, and the publication that freezes them.
-- Their history is the cycle's journal (FindingRecorded, ScoresRecorded, RatingRecorded, ResultsPublished);
-- these tables hold the current state only.

create table finding (
    id                  bigint generated always as identity primary key,
    cycle_id            bigint not null references cycle (id),
    instance_id         bigint not null references instance (id),
    org_unit_id         bigint not null references org_unit (id),
    -- the rectification task; set in the transaction that records the finding (its key names the finding)
    task_id             bigint unique references task (id),
    description         text not null,
    severity            text not null check (severity in ('Minor', 'Major', 'Serious')),
    indicator_code      text,
    rectify_within_days int not null check (rectify_within_days between 1 and 250),
    -- years the due date crossed without a published holiday schedule (weekends only were counted there)
    assumed_years       int[] not null default '{}',
    recorded_by         text not null,
    recorded_at         timestamptz not null
);
create index finding_cycle_unit on finding (cycle_id, org_unit_id);
create index finding_instance on finding (instance_id);

create table indicator_score (
    cycle_id        bigint not null references cycle (id),
    org_unit_id     bigint not null references org_unit (id),
    code            text not null,
    -- points for a scored or bonus item; 0 for a veto item, which says only whether it was found
    score           numeric(9, 2) not null check (score >= 0),
    vetoed          boolean not null default false,
    comment         text,
    scored_by       text not null,
    scored_at       timestamptz not null,
    primary key (cycle_id, org_unit_id, code)
);

create table democratic_rating (
    cycle_id        bigint not null references cycle (id),
    org_unit_id     bigint not null references org_unit (id),
    excellent       int not null check (excellent >= 0),
    good            int not null check (good >= 0),
    fair            int not null check (fair >= 0),
    poor            int not null check (poor >= 0),
    rated_by        text not null,
    rated_at        timestamptz not null,
    primary key (cycle_id, org_unit_id),
    check (excellent + good + fair + poor > 0)
);

-- Once a cycle's results are published its scores and votes never change: the code answers 409, and the
-- trigger below holds even against hand-written SQL.
create table assessment_publication (
    cycle_id        bigint primary key references cycle (id),
    published_at    timestamptz not null,
    published_by    text not null
);

create function assessment_input_frozen() returns trigger language plpgsql as $$
declare
    cycle bigint := case when tg_op = 'DELETE' then old.cycle_id else new.cycle_id end;
begin
    if exists (select 1 from assessment_publication where cycle_id = cycle)
       or tg_op = 'UPDATE' and exists (select 1 from assessment_publication where cycle_id = old.cycle_id) then
        raise exception 'the results of cycle % are published; its scores and votes cannot change', cycle
            using errcode = 'restrict_violation';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end
$$;

create trigger indicator_score_frozen
    before insert or update or delete on indicator_score
    for each row execute function assessment_input_frozen();

create trigger democratic_rating_frozen
    before insert or update or delete on democratic_rating
    for each row execute function assessment_input_frozen();
