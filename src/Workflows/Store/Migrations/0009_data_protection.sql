-- ASP.NET Core data-protection keys (they sign the UI's anti-forgery tokens), shared by every host on the
-- database so that a form served by one host validates on another.
create table data_protection_key (
    id              bigint generated always as identity primary key,
    friendly_name   text,
    xml             text not null,
    created_at      timestamptz not null default now()
);
