-- Assessment fixes.
--
-- A finding's rectification is verified (销号) in the role of whoever recorded the finding: 'inspector' for an
-- Inspector, 'districtAdmin' for a district administrator — a district without inspector accounts can close the
-- findings its administrators record. Findings recorded before were all verified by inspectors.
alter table finding add column reviewer text not null default 'inspector' check (reviewer in ('inspector', 'districtAdmin'));
alter table finding alter column reviewer drop default;

-- The results as published (结果通报), one row per participant, written in the publication's transaction and never
-- changed: the results, the participant list and the accountability report read a published cycle from here, so
-- nothing done after publication (a renamed unit, a score changed behind the frozen-input trigger, a new formula in
-- the code) moves a grade that has been circulated. `scores` holds the sheet as published ([{code, score, vetoed}]).
create table assessment_result (
    cycle_id        bigint not null references assessment_publication (cycle_id),
    org_unit_id     bigint not null references org_unit (id),
    org_unit_code   text not null,
    name            text not null,
    rank            int not null check (rank >= 1),
    indicator_score numeric(9, 2),
    rating_score    numeric(9, 2),
    bonus           numeric(9, 2) not null,
    total           numeric(9, 2) not null,
    vetoed          boolean not null,
    grade           text not null check (grade in ('Excellent', 'Good', 'Fair', 'Poor')),
    scores          jsonb not null,
    excellent       int,
    good            int,
    fair            int,
    poor            int,
    primary key (cycle_id, org_unit_id)
);

-- Cycles published before this table existed: their ResultsPublished journal entry holds the figures as published
-- (hash-chained; the unit's name there since 0012, else its name now), and their scores and votes have been frozen since.
insert into assessment_result (cycle_id, org_unit_id, org_unit_code, name, rank, indicator_score, rating_score, bonus, total, vetoed, grade,
                               scores, excellent, good, fair, poor)
select p.cycle_id, u.id, u.code, coalesce(r ->> 'name', u.name), (r ->> 'rank')::int, (r ->> 'indicatorScore')::numeric, (r ->> 'ratingScore')::numeric,
       (r ->> 'bonus')::numeric, (r ->> 'total')::numeric, (r ->> 'vetoed')::boolean, r ->> 'grade',
       coalesce((select jsonb_agg(jsonb_build_object('code', s.code, 'score', s.score, 'vetoed', s.vetoed) order by s.code)
                 from indicator_score s where s.cycle_id = p.cycle_id and s.org_unit_id = u.id), '[]'::jsonb),
       d.excellent, d.good, d.fair, d.poor
from assessment_publication p
join journal_entry j on j.stream = 'cycle:' || p.cycle_id and j.action = 'ResultsPublished'
cross join lateral json_array_elements(j.payload -> 'results') r
join instance i on i.cycle_id = p.cycle_id
join org_unit u on u.id = i.org_unit_id and u.code = r ->> 'orgUnitCode'
left join democratic_rating d on d.cycle_id = p.cycle_id and d.org_unit_id = u.id;

create function assessment_result_published() returns trigger language plpgsql as $$
begin
    raise exception 'the results of cycle % are published; they cannot change', old.cycle_id
        using errcode = 'restrict_violation';
end
$$;

create trigger assessment_result_published
    before update or delete on assessment_result
    for each row execute function assessment_result_published();
