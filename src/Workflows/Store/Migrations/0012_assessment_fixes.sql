-- Assessment fixes.
--
-- A finding's rectification is verified (销号) in the role of whoever recorded the finding: 'inspector' for an
-- Inspector, 'districtAdmin' for a district administrator — a district without inspector accounts can close the
-- findings its administrators record. Findings recorded before were all verified by inspectors.
alter table finding add column reviewer text not null default 'inspector' check (reviewer in ('inspector', 'districtAdmin'));
alter table finding alter column reviewer drop default;
