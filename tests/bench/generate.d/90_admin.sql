-- tests/bench/generate, 90_admin: the rest of the audit log and what administrators see:
-- sign-ins and sign-outs over the last two months (pages/auth.c), clients' details changed by
-- staff (client.c client_update: one event per field), gaps in service with the
-- administrators' messages (model/gap.c), and organisations' capacities raised where the
-- generated traffic outgrew them (with the audit rows of that change, model/organisation.c),
-- so the receivers step still offers them.

-- Sign-ins: each active member on about half of the last 42 working days (fewer below a fifth
-- of the design scale), at the start of the day; a third signed out later.
DROP TABLE IF EXISTS gen_signin;
CREATE TABLE gen_signin (staff_id BIGINT UNSIGNED NOT NULL, at DATETIME NOT NULL, org_id BIGINT UNSIGNED NULL,
  out_at DATETIME NULL, PRIMARY KEY (staff_id, at)) ENGINE=MEMORY;
INSERT INTO gen_signin (staff_id, at, org_id, out_at)
SELECT st.id, TIMESTAMP(d.d) + INTERVAL 25200 + HASH(st.id * 8 + d.wd MOD 8, 90) MOD 7200 SECOND, st.last_org_id,
  IF(UNIT(st.id * 8 + d.wd MOD 8, 91) < 0.33,
     TIMESTAMP(d.d) + INTERVAL 50400 + HASH(st.id * 8 + d.wd MOD 8, 92) MOD 14400 SECOND, NULL)
FROM staff st
JOIN gen_day d ON d.work = 1 AND d.d > @today - INTERVAL 60 DAY AND d.d < @today
WHERE st.active = 1 AND UNIT(st.id * 4096 + d.wd, 93) < 0.5 * LEAST(1, @scale * 5);

INSERT INTO events (occurred_at, staff_id, organisation_id, action, subject_type, subject_id, remote_addr)
SELECT x.at, x.staff_id, x.org_id, x.action, 'staff', x.staff_id,
  CONCAT('10.20.', x.staff_id DIV 256 MOD 256, '.', x.staff_id MOD 256)
FROM (SELECT at, staff_id, org_id, 'signin' AS action FROM gen_signin
      UNION ALL SELECT out_at, staff_id, org_id, 'signout' FROM gen_signin WHERE out_at IS NOT NULL) x
ORDER BY x.at;

UPDATE staff st JOIN (SELECT staff_id, MAX(at) AS at FROM gen_signin GROUP BY staff_id) s ON s.staff_id = st.id
SET st.last_signin_at = GREATEST(COALESCE(st.last_signin_at, s.at), s.at);

-- Changed details: one client in fifty had a new phone number entered, by the staff member who
-- first referred them, some weeks later.
INSERT INTO events (occurred_at, staff_id, organisation_id, action, subject_type, subject_id,
  old_value, new_value, detail, remote_addr)
SELECT STRAIGHT_JOIN LEAST(@now - INTERVAL 1 HOUR, c.created_at + INTERVAL 86400 + HASH(s.client_n, 94) MOD 5184000 SECOND),
  s.staff_id, s.sender, 'client.change', 'client', c.id,
  CONCAT('07700900', LPAD((HASH(s.client_n, 64) + 1 + HASH(s.client_n, 95) MOD 998) MOD 1000, 3, '0')), c.phone,
  'Phone', CONCAT('10.20.', s.staff_id DIV 256 MOD 256, '.', s.staff_id MOD 256)
FROM gen_send s JOIN clients c ON c.id = @client_base + s.client_n
WHERE s.is_new = 1 AND c.phone <> '' AND UNIT(s.client_n, 96) < 0.02;

SELECT id INTO @la_hartlepool FROM local_authorities WHERE code = 'E06000001';
SELECT id INTO @la_middlesbrough FROM local_authorities WHERE code = 'E06000002';

-- Gaps in service: a referral that could not be sent for an issue, about three a day at the
-- design scale; the drafts they came from have expired since (ids only).
DROP TABLE IF EXISTS gen_gap;
CREATE TABLE gen_gap (n INT UNSIGNED NOT NULL PRIMARY KEY, issue_id BIGINT UNSIGNED NOT NULL,
  org_id BIGINT UNSIGNED NOT NULL, staff_id BIGINT UNSIGNED NOT NULL, la_id BIGINT UNSIGNED NULL,
  age SMALLINT NULL, at DATETIME NOT NULL) ENGINE=MEMORY;
INSERT INTO gen_gap (n, issue_id, org_id, staff_id, la_id, age, at)
SELECT g.s, g.issue_id, g.sender, g.staff_id,
  IF(UNIT(g.s, 97) < 0.9, IF(UNIT(g.s, 98) < 0.5, @la_hartlepool, @la_middlesbrough), NULL),
  IF(UNIT(g.s, 99) < 0.95, 18 + HASH(g.s, 100) MOD 70, NULL), g.sent_at + INTERVAL 10 MINUTE
FROM gen_group g
WHERE g.j = 1 AND UNIT(g.s, 101) < 0.0015 AND g.sent_at + INTERVAL 10 MINUTE <= @now;

INSERT INTO gaps_in_service (draft_id, issue_id, organisation_id, staff_id, local_authority_id, client_age, created_at)
SELECT 1000000000 + n, issue_id, org_id, staff_id, la_id, age, at FROM gen_gap;

INSERT INTO inbox_messages (staff_id, kind, subject, body, link, created_at, read_at)
SELECT a.staff_id, 'gap_in_service', CONCAT('Gap in service: ', i.name),
  CONCAT(o.name, ' could not refer a client ', IF(x.age IS NULL, 'whose age is not known', CONCAT('aged ', x.age)), ', ',
         IF(l.id IS NULL, 'whose local authority is not known', CONCAT('living in ', l.name, ' (', l.code, ')')),
         ', for ', i.name, ': no organisation can receive the referral. Check which organisations handle ',
         i.name, ' and what they accept (age, gender, local authority, capacity).'),
  '', x.at, IF(x.at < @now - INTERVAL 14 DAY OR UNIT(x.n, 102) < 0.5, LEAST(@now, x.at + INTERVAL 1 DAY), NULL)
FROM gen_gap x JOIN gen_admin a JOIN issues i ON i.id = x.issue_id JOIN organisations o ON o.id = x.org_id
LEFT JOIN local_authorities l ON l.id = x.la_id
WHERE x.at >= @inbox_from;

-- Capacity: a limit for about a third of the generated organisations, and more room for any
-- organisation whose open referrals (New or Acknowledged) reach its limit; each change made
-- by the administrator, with its audit row, as the organisation form saves it.
DROP TABLE IF EXISTS gen_capacity;
CREATE TABLE gen_capacity (org_id BIGINT UNSIGNED NOT NULL PRIMARY KEY, was INT UNSIGNED NULL, now_cap INT UNSIGNED NOT NULL) ENGINE=MEMORY;
INSERT INTO gen_capacity (org_id, was, now_cap)
SELECT o.id, o.capacity, GREATEST(10, CEIL(COALESCE(x.n, 0) * 1.25 / 10) * 10)
FROM organisations o
LEFT JOIN (SELECT r.org, COUNT(*) AS n FROM gen_ref r WHERE r.status IN ('new', 'acknowledged') GROUP BY r.org) x ON x.org = o.id
WHERE o.capacity IS NOT NULL AND o.capacity <= COALESCE(x.n, 0)
   OR o.id > @org_base AND o.capacity IS NULL AND UNIT(o.id, 103) < 0.33;

UPDATE organisations o JOIN gen_capacity c ON c.org_id = o.id
SET o.capacity = c.now_cap, o.updated_at = @now - INTERVAL 1 HOUR;

INSERT INTO events (occurred_at, staff_id, organisation_id, action, subject_type, subject_id, old_value, new_value, detail, remote_addr)
SELECT @now - INTERVAL 1 HOUR, (SELECT MIN(id) FROM staff WHERE is_admin = 1), NULL, 'admin.organisation.capacity',
  'organisation', c.org_id, IF(c.was IS NULL, 'No limit', c.was), c.now_cap, 'Capacity', '10.0.0.10'
FROM gen_capacity c ORDER BY c.org_id;
