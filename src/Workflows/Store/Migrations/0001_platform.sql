-- The platform: people, the organisation tree, roles scoped to it, access tokens, and the journal.

create table app_user (
    id              bigint generated always as identity primary key,
    username        text not null unique,
    display_name    text not null,
    password_hash   text not null,
    failed_logins   int not null default 0,
    locked_until    timestamptz,
    created_at      timestamptz not null
);

create table org_unit (
    id                  bigint generated always as identity primary key,
    code                text not null unique,
    name                text not null,
    kind                text not null check (kind in ('City', 'District', 'Street', 'Community', 'SeatedUnit')),
    parent_id           bigint references org_unit (id),
    -- materialised path of codes from the root, '/C1/D1/S1/': scope checks are prefix matches
    path                text not null,
    party_org_level     text check (party_org_level in ('Branch', 'GeneralBranch', 'Committee')),
    member_count        int check (member_count >= 0),
    secretary_user_id   bigint references app_user (id),
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);
create index org_unit_parent on org_unit (parent_id);
create index org_unit_path on org_unit (path text_pattern_ops);
create index org_unit_kind_path on org_unit (kind, path text_pattern_ops);
create index org_unit_secretary on org_unit (secretary_user_id) where secretary_user_id is not null;

create table user_role (
    user_id         bigint not null references app_user (id) on delete cascade,
    role            text not null check (role in ('SystemAdmin', 'DistrictAdmin', 'StreetOfficer', 'CommunityOfficer', 'Leader', 'Inspector')),
    -- null only for a SystemAdmin at the root of the installation
    org_unit_id     bigint references org_unit (id),
    check (org_unit_id is not null or role = 'SystemAdmin'),
    unique nulls not distinct (user_id, role, org_unit_id)
);
create index user_role_org_unit on user_role (org_unit_id);

create table access_token (
    token_hash      bytea primary key,
    user_id         bigint not null references app_user (id) on delete cascade,
    created_at      timestamptz not null,
    expires_at      timestamptz not null
);
create index access_token_expires on access_token (expires_at);

-- Append-only, hash-chained per stream ('org', 'accounts', 'cycle:<id>', ...).
create table journal_stream (
    stream          text primary key,
    last_seq        bigint not null,
    last_hash       bytea not null
);

create table journal_entry (
    id              bigint generated always as identity primary key,
    stream          text not null,
    seq             bigint not null,
    at              timestamptz not null,
    actor           text,
    action          text not null,
    subject         text,
    -- json, not jsonb: the exact text is kept so its hash can be recomputed
    payload         json,
    previous_hash   bytea not null,
    hash            bytea not null,
    unique (stream, seq)
);
