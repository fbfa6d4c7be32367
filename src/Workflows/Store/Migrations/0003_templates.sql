-- Templates (workflow definitions), versioned per key: at most one draft, any number of published versions.
-- A published version never changes (the trigger below holds even against hand-written SQL); a running cycle
-- refers to (template_key, version) and so keeps the definition it was launched with.

create table template_version (
    template_key    text not null,
    version         int not null check (version >= 1),
    status          text not null check (status in ('Draft', 'Published')),
    name            text not null,
    -- the canonical definition, every default spelled out (TemplateJson), so later releases' defaults cannot change it
    definition      jsonb not null,
    created_at      timestamptz not null,
    created_by      text not null,
    updated_at      timestamptz not null,
    updated_by      text not null,
    published_at    timestamptz,
    published_by    text,
    primary key (template_key, version),
    check ((status = 'Published') = (published_at is not null and published_by is not null))
);

create unique index template_version_one_draft on template_version (template_key) where status = 'Draft';

create function template_version_published_is_immutable() returns trigger language plpgsql as $$
begin
    if old.status = 'Published' then
        raise exception 'template % version % is published and cannot change', old.template_key, old.version
            using errcode = 'restrict_violation';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end
$$;

create trigger template_version_immutable
    before update or delete on template_version
    for each row execute function template_version_published_is_immutable();
