-- Demo organisations and the directory groups (conf/demo/directory.ldif) that map to them.
-- Safe to run again: rows are matched by name and group.
INSERT INTO organisations (name) VALUES
  ('Riverside Citizens Advice'),
  ('Northfield Council Housing Options'),
  ('Eastbrook NHS Talking Therapies'),
  ('Southgate Food Bank')
ON DUPLICATE KEY UPDATE name = VALUES(name);

INSERT IGNORE INTO directory_groups (group_dn, organisation_id)
SELECT m.group_dn, o.id
FROM (
  SELECT 'cn=riverside-advice,ou=groups,dc=example,dc=org' AS group_dn, 'Riverside Citizens Advice' AS org
  UNION ALL SELECT 'cn=council-housing,ou=groups,dc=example,dc=org', 'Northfield Council Housing Options'
  UNION ALL SELECT 'cn=talking-therapies,ou=groups,dc=example,dc=org', 'Eastbrook NHS Talking Therapies'
  UNION ALL SELECT 'cn=foodbank,ou=groups,dc=example,dc=org', 'Southgate Food Bank'
) m
JOIN organisations o ON o.name = m.org;
