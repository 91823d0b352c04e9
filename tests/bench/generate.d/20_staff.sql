-- tests/bench/generate, 20_staff: staff up to @n_staff and their memberships, as their last
-- sign-in left them (a directory membership through the organisation's directory group), a
-- few with a second, manual membership an administrator added. Larger organisations have
-- more staff (in proportion to the square root of their traffic). Generated staff never sign
-- in (the directory does not know them); the demo's people do.
--
-- The demo's testers of Southgate Food Bank (tina, tom, tara) are entered as their first
-- sign-in would enter them, so tina's inbox and lists have her own rows too.

INSERT IGNORE INTO staff (username, display_name, email, directory_dn, is_admin, last_signin_at, created_at)
SELECT t.username, t.display_name, CONCAT(t.username, '@example.org'),
  CONCAT('uid=', t.username, ',ou=people,dc=example,dc=org'), 0, @now - INTERVAL 1 DAY, @first_day
FROM (SELECT 'tina' AS username, 'Tina Tester' AS display_name
      UNION ALL SELECT 'tom', 'Tom Tester' UNION ALL SELECT 'tara', 'Tara Tester') t;

INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source, group_dn)
SELECT s.id, g.organisation_id, 'directory', g.group_dn
FROM staff s JOIN directory_groups g ON g.group_dn = 'cn=foodbank,ou=groups,dc=example,dc=org'
WHERE s.username IN ('tina', 'tom', 'tara');

UPDATE staff s JOIN organisations o ON o.name = 'Southgate Food Bank'
SET s.last_org_id = o.id WHERE s.username IN ('tina', 'tom', 'tara') AND s.last_org_id IS NULL;

-- Generated staff are staff_base + n, counted from after the testers.
UPDATE gen_param SET staff_base = (SELECT MAX(id) FROM staff);
SELECT staff_base INTO @staff_base FROM gen_param;

-- How many each organisation gets.
DROP TABLE IF EXISTS gen_staff_count;
CREATE TABLE gen_staff_count (org_id BIGINT UNSIGNED NOT NULL PRIMARY KEY, n INT NOT NULL, first_n INT NOT NULL DEFAULT 0) ENGINE=InnoDB;
INSERT INTO gen_staff_count (org_id, n)
SELECT org_id, GREATEST(2, ROUND(SQRT(recv_w + send_w) / SUM(SQRT(recv_w + send_w)) OVER ()
                                 * (@n_staff - (SELECT COUNT(*) FROM staff))))
FROM gen_org;
UPDATE gen_staff_count c
JOIN (SELECT org_id, SUM(n) OVER (ORDER BY org_id) - n AS before_n FROM gen_staff_count) b ON b.org_id = c.org_id
SET c.first_n = b.before_n;

-- Names from the lists, weighted to the common ones (rank r chosen in proportion to 1 / (r + 10)).
INSERT INTO staff (id, username, display_name, email, directory_dn, is_admin, active, last_org_id, created_at)
SELECT @staff_base + x.n,
  CONCAT(LEFT(f.name_key, 1), REPLACE(REPLACE(l.name_key, ' ', ''), '-', ''), x.n),
  CONCAT(f.name, ' ', l.name),
  CONCAT(REPLACE(f.name_key, ' ', '-'), '.', REPLACE(l.name_key, ' ', '-'), x.n, '@example.org'),
  CONCAT('uid=', LEFT(f.name_key, 1), REPLACE(REPLACE(l.name_key, ' ', ''), '-', ''), x.n, ',ou=people,dc=example,dc=org'),
  0, UNIT(x.n, 30) >= 0.05, x.org_id, g.start_at - INTERVAL 1 DAY
FROM (SELECT c.org_id, c.first_n + s.seq AS n FROM gen_staff_count c JOIN seq_1_to_2000 s ON s.seq <= c.n) x
JOIN gen_org g ON g.org_id = x.org_id
JOIN gen_first f ON f.rank_no = FLOOR((SELECT COUNT(*) FROM gen_first) * POW(UNIT(x.n, 31), 2))
JOIN gen_last l ON l.rank_no = FLOOR((SELECT COUNT(*) FROM gen_last) * POW(UNIT(x.n, 32), 2));

-- Membership through the organisation's directory group, or a manual one where it has none.
INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source, group_dn, added_by, created_at)
SELECT s.id, s.last_org_id, IF(dg.group_dn IS NULL, 'manual', 'directory'), dg.group_dn,
  IF(dg.group_dn IS NULL, (SELECT MIN(id) FROM staff WHERE is_admin = 1), NULL), s.created_at
FROM staff s
LEFT JOIN (SELECT organisation_id, MIN(group_dn) AS group_dn FROM directory_groups GROUP BY organisation_id) dg
  ON dg.organisation_id = s.last_org_id
WHERE s.id > @staff_base;

-- A second organisation for a few, added by an administrator (with its audit row).
INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source, added_by, created_at)
SELECT s.id, ss.org_id, 'manual', (SELECT MIN(id) FROM staff WHERE is_admin = 1),
  GREATEST(s.created_at, g.start_at) + INTERVAL HASH(s.id, 34) MOD 900 DAY
FROM staff s
JOIN gen_send_slot ss ON ss.slot = FLOOR(100000 * UNIT(s.id, 35))
JOIN gen_org g ON g.org_id = ss.org_id
WHERE s.id > @staff_base AND UNIT(s.id, 33) < 0.03 AND ss.org_id <> s.last_org_id;

INSERT INTO events (occurred_at, staff_id, organisation_id, action, subject_type, subject_id, new_value, detail, remote_addr)
SELECT LEAST(m.created_at, @now), m.added_by, m.organisation_id, 'admin.staff.add_membership', 'staff', m.staff_id,
  o.name, CONCAT('Manual membership for ', s.display_name), '10.0.0.10'
FROM staff_orgs m JOIN staff s ON s.id = m.staff_id JOIN organisations o ON o.id = m.organisation_id
WHERE m.staff_id > @staff_base AND m.source = 'manual' AND m.organisation_id <> s.last_org_id
ORDER BY m.created_at;
UPDATE staff_orgs SET created_at = LEAST(created_at, @now) WHERE staff_id > @staff_base;

-- Every organisation's members numbered from 0, and its active ones: "one of its staff" is
-- then a lookup by a number below the count.
DROP TABLE IF EXISTS gen_member;
CREATE TABLE gen_member (org_id BIGINT UNSIGNED NOT NULL, k INT NOT NULL, staff_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (org_id, k)) ENGINE=MEMORY;
INSERT INTO gen_member (org_id, k, staff_id)
SELECT organisation_id, ROW_NUMBER() OVER (PARTITION BY organisation_id ORDER BY staff_id) - 1, staff_id
FROM (SELECT DISTINCT organisation_id, staff_id FROM staff_orgs) m;

DROP TABLE IF EXISTS gen_active_member;
CREATE TABLE gen_active_member LIKE gen_member;
INSERT INTO gen_active_member (org_id, k, staff_id)
SELECT organisation_id, ROW_NUMBER() OVER (PARTITION BY organisation_id ORDER BY staff_id) - 1, staff_id
FROM (SELECT DISTINCT m.organisation_id, m.staff_id FROM staff_orgs m JOIN staff s ON s.id = m.staff_id AND s.active = 1) m;

UPDATE gen_org g
LEFT JOIN (SELECT org_id, COUNT(*) AS n FROM gen_member GROUP BY org_id) a ON a.org_id = g.org_id
LEFT JOIN (SELECT org_id, COUNT(*) AS n FROM gen_active_member GROUP BY org_id) b ON b.org_id = g.org_id
SET g.n_members = COALESCE(a.n, 0), g.n_active = COALESCE(b.n, 0);

-- The administrators (every one gets the consent renewal messages).
DROP TABLE IF EXISTS gen_admin;
CREATE TABLE gen_admin (staff_id BIGINT UNSIGNED NOT NULL PRIMARY KEY) ENGINE=MEMORY;
INSERT INTO gen_admin SELECT id FROM staff WHERE is_admin = 1 AND active = 1;
