-- The demo's staff, entered as their first sign-in would enter them (conf/demo/directory.ldif),
-- so that the demo referrals, notes, files and inbox messages have their people from the very
-- first start: Amira Khan, Ben Okafor, Chloe Davies and Sam Admin (the administrator), with the
-- memberships their directory groups give them. Each sign-in then re-reads the directory and
-- corrects anything that differs. The testers (tina, tom, tara) are left to their first sign-in,
-- as the automated tests expect.
--
-- Plus one manual membership, to show both sources side by side on the staff pages: chloe is in
-- Eastbrook NHS Talking Therapies through her directory group, and an administrator has also
-- added her to Riverside Citizens Advice by hand.
--
-- Safe to run again: INSERT IGNORE on the unique username and the membership's primary key.
INSERT IGNORE INTO staff (username, display_name, email, directory_dn, is_admin) VALUES
  ('amira', 'Amira Khan', 'amira@example.org', 'uid=amira,ou=people,dc=example,dc=org', 0),
  ('ben', 'Ben Okafor', 'ben@example.org', 'uid=ben,ou=people,dc=example,dc=org', 0),
  ('chloe', 'Chloe Davies', 'chloe@example.org', 'uid=chloe,ou=people,dc=example,dc=org', 0),
  ('admin', 'Sam Admin', 'admin@example.org', 'uid=admin,ou=people,dc=example,dc=org', 1);

INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source, group_dn)
SELECT s.id, g.organisation_id, 'directory', g.group_dn
FROM (
  SELECT 'amira' AS username, 'cn=riverside-advice,ou=groups,dc=example,dc=org' AS group_dn
  UNION ALL SELECT 'admin', 'cn=riverside-advice,ou=groups,dc=example,dc=org'
  UNION ALL SELECT 'ben', 'cn=council-housing,ou=groups,dc=example,dc=org'
  UNION ALL SELECT 'ben', 'cn=talking-therapies,ou=groups,dc=example,dc=org'
  UNION ALL SELECT 'chloe', 'cn=talking-therapies,ou=groups,dc=example,dc=org'
) m
JOIN staff s ON s.username = m.username
JOIN directory_groups g ON g.group_dn = m.group_dn;

INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source, added_by)
SELECT s.id, o.id, 'manual', (SELECT a.id FROM staff a WHERE a.username = 'admin')
FROM staff s
JOIN organisations o ON o.name = 'Riverside Citizens Advice' AND o.active = 1
WHERE s.username = 'chloe';

-- Ben works mostly for the council: his first sign-in starts there (he can switch to Eastbrook).
UPDATE staff s JOIN organisations o ON o.name = 'Northfield Council Housing Options'
SET s.last_org_id = o.id
WHERE s.username = 'ben' AND s.last_org_id IS NULL;
