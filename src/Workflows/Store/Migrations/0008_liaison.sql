-- Liaison points (办点示范): a leader's community for a year, with its work group, backing unit and targets;
-- visits and the problems they find (问题清单), each on the engine's timers (target kind 'Problem'); the
-- 'VisitDue' reminder runs on the same timers (target kind 'LiaisonPoint'). A leader's level is not stored: it
-- is read from the units of their Leader roles.

create table liaison_point (
    id                  bigint generated always as identity primary key,
    leader_user_id      bigint not null references app_user (id),
    community_id        bigint not null references org_unit (id),
    year                int not null,
    backing_unit_id     bigint not null references org_unit (id),
    -- from when visits are counted: the later of the day it was created and 1 January of its year
    started_on          date not null,
    created_at          timestamptz not null,
    created_by          text not null,
    unique (leader_user_id, community_id, year)
);
create index liaison_point_year on liaison_point (year, community_id);
create index liaison_point_community on liaison_point (community_id);

create table liaison_work_group_member (
    point_id            bigint not null references liaison_point (id),
    ordinal             int not null,
    name                text not null,
    role                text not null,
    -- a member with an account sees the point and may record its visits and progress
    user_id             bigint references app_user (id),
    from_backing_unit   boolean not null,
    primary key (point_id, ordinal)
);
create index liaison_work_group_member_user on liaison_work_group_member (user_id) where user_id is not null;

create table liaison_target (
    id                  bigint generated always as identity primary key,
    point_id            bigint not null references liaison_point (id),
    code                text not null,
    title               text not null,
    due_on              date not null,
    -- the latest entry of liaison_target_progress, kept here for the dashboards; the history is never overwritten
    progress            int not null default 0 check (progress between 0 and 100),
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    unique (point_id, code)
);

create table liaison_target_progress (
    id                  bigint generated always as identity primary key,
    target_id           bigint not null references liaison_target (id),
    progress            int not null check (progress between 0 and 100),
    note                text,
    recorded_at         timestamptz not null,
    recorded_by         text not null
);
create index liaison_target_progress_target on liaison_target_progress (target_id, id);

create table liaison_visit (
    id                  bigint generated always as identity primary key,
    point_id            bigint not null references liaison_point (id),
    visited_on          date not null,
    summary             text not null,
    recorded_at         timestamptz not null,
    recorded_by         text not null
);
create index liaison_visit_point on liaison_visit (point_id, visited_on);

create table liaison_problem (
    id                  bigint generated always as identity primary key,
    point_id            bigint not null references liaison_point (id),
    visit_id            bigint not null references liaison_visit (id),
    description         text not null,
    owner_unit_id       bigint not null references org_unit (id),
    due_on              date not null,
    -- the end of due_on in China; 'overdue' is computed from it for an open problem
    due_at              timestamptz not null,
    status              text not null check (status in ('Open', 'Resolved')),
    overdue_at          timestamptz,
    escalated_at        timestamptz,
    resolved_at         timestamptz,
    resolved_by         text,
    resolution_note     text,
    created_at          timestamptz not null,
    check ((status = 'Resolved') = (resolved_at is not null))
);
create index liaison_problem_point on liaison_problem (point_id, status);
create index liaison_problem_owner on liaison_problem (owner_unit_id, status);
