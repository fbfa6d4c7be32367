-- Account controls. An administrator can disable an account (it cannot sign in, its sessions end).
-- Failed logins are counted per account and client address, and per address across every account, so that
-- one address can neither lock anyone else out nor try its way through many accounts; the per-account counter
-- this replaces is dropped (a lock in force at the upgrade ends with it).
alter table app_user add column disabled_at timestamptz;

create table login_failure (
    -- null: the address's failures against every account and unknown name together
    user_id          bigint references app_user (id) on delete cascade,
    -- the client address as ClientAddress.Key writes it (an IPv6 client by its /64)
    address          text not null,
    failures         int not null,
    first_failure_at timestamptz not null,
    locked_until     timestamptz,
    unique nulls not distinct (user_id, address)
);
create index login_failure_first on login_failure (first_failure_at);

alter table app_user drop column failed_logins, drop column locked_until;

-- ending every session of a person is a delete by user
create index access_token_user on access_token (user_id);
