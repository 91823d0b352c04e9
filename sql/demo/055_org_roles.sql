-- Organisation roles (issue 13): Riverside Citizens Advice has an Organisation lead and an
-- Organisation manager through directory groups that carry a role (conf/demo/directory.ldif:
-- lucy in riverside-leads, mo in riverside-managers). They are left to their first sign-in,
-- which gives them the membership and its role. Role numbers: 0 Staff, 1 Organisation lead,
-- 2 Organisation manager.
--
-- Safe to run again: INSERT IGNORE on the group's unique (group_dn, organisation_id).
INSERT IGNORE INTO directory_groups (group_dn, organisation_id, role)
SELECT m.group_dn, o.id, m.role
FROM (
  SELECT 'cn=riverside-leads,ou=groups,dc=example,dc=org' AS group_dn, 1 AS role
  UNION ALL SELECT 'cn=riverside-managers,ou=groups,dc=example,dc=org', 2
) m
JOIN organisations o ON o.name = 'Riverside Citizens Advice';
