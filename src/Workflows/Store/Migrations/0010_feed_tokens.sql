-- Secret links for calendar apps, which cannot send a bearer token: one live link per person, read-only,
-- valid until replaced or revoked. Only the SHA-256 of the secret is stored.
create table feed_token (
    user_id         bigint primary key references app_user (id) on delete cascade,
    token_hash      bytea not null unique,
    created_at      timestamptz not null
);
