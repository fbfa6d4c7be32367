-- A template's owner: the org unit whose district administrators (at it or above it) may edit and publish it, and
-- over which (or beneath which) it may be launched. Null is the installation: only a system administrator or a
-- district administrator at a City edits it, and it may be launched anywhere. Templates stored before owners
-- existed, the shipped ones among them, belong to the installation. Every version of a key carries the same owner
-- (the engine copies it to each new version); a published row stays immutable under its trigger, which this column
-- does not change.
alter table template_version add column owner_unit_id bigint references org_unit (id);
create index template_version_owner on template_version (owner_unit_id) where owner_unit_id is not null;
