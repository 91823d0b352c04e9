-- tests/bench/generate, 10_organisations: organisations up to @n_orgs, as an administrator's "new
-- organisation" leaves them (details, issues handled, genders, local authorities, a directory
-- group each, an audit row each), and how much each one receives and sends.
--
-- Sizes are Zipf-like: the organisation ranked r receives in proportion to 1 / (r + 2), so a
-- few receive hundreds of thousands of referrals at the design scale and most a few thousand.
-- The demo's organisations keep their rows and get fixed ranks: Riverside Citizens Advice
-- (amira's) is the largest receiver, Southgate Food Bank (tina's) a middling one, and the
-- closed Westside project and the paused Hillcrest hub received referrals only until then.

-- Fictional place names, and the kinds of organisation with the issues each handles.
DROP TABLE IF EXISTS gen_place;
CREATE TABLE gen_place (place_no INT NOT NULL PRIMARY KEY, name VARCHAR(40) NOT NULL) ENGINE=InnoDB;
INSERT INTO gen_place (place_no, name)
SELECT ROW_NUMBER() OVER (ORDER BY HASH(n, 1)), name FROM (
  SELECT p.seq * 100 + s.seq AS n, CONCAT(ELT(p.seq, 'Ash', 'Oak', 'Elm', 'Birch', 'Hazel', 'Thorn', 'Stone',
      'Mill', 'Brook', 'Marsh', 'Moor', 'Heath', 'Kings', 'Queens', 'Bishops', 'Church', 'Castle',
      'Market', 'Bridge', 'Fair', 'Green', 'Red', 'White', 'Black', 'Long', 'Broad', 'High', 'Low',
      'Nether', 'Upper', 'Far', 'Old', 'New', 'Cold', 'Wind', 'Sand', 'Salt', 'Bright', 'Deep', 'Wood'),
    ELT(s.seq, 'field', 'ford', 'ham', 'ton', 'wood', 'dale', 'gate', 'moor', 'well', 'by', 'thorpe',
      'bury', 'wick', 'ley', 'stow', 'mouth', 'combe', 'hurst')) AS name
  FROM seq_1_to_40 p JOIN seq_1_to_18 s
) places;

DROP TABLE IF EXISTS gen_kind;
CREATE TABLE gen_kind (
  kind_no      INT NOT NULL PRIMARY KEY,
  suffix       VARCHAR(60) NOT NULL,
  send_weight  DOUBLE NOT NULL,   -- councils and the NHS refer far more than they receive
  description  VARCHAR(400) NOT NULL
) ENGINE=InnoDB;
INSERT INTO gen_kind VALUES
  (1, 'Citizens Advice', 1.5, 'Free, confidential and impartial advice on money, debt, benefits, work and housing problems. Drop-in sessions on weekday mornings; appointments by phone.'),
  (2, 'Food Bank', 0.5, 'Emergency food parcels for three days, toiletries and household essentials. Run by volunteers; referral vouchers from partner agencies.'),
  (3, 'Council Housing Options', 3, 'The council''s housing options team: homelessness prevention and relief, the housing register, temporary accommodation and advice for tenants facing eviction.'),
  (4, 'Wellbeing Service', 1, 'Emotional support, peer groups and wellbeing courses for adults, with a weekly drop-in café.'),
  (5, 'NHS Talking Therapies', 2.5, 'NHS talking therapies for adults with anxiety, depression and stress: guided self-help, group courses and one-to-one therapy.'),
  (6, 'Domestic Abuse Service', 1, 'Safety planning, independent domestic violence advisers, refuge referrals and support groups for anyone experiencing domestic abuse.'),
  (7, 'Money Advice', 0.8, 'Debt advice, budgeting help, debt relief orders and breathing space applications.'),
  (8, 'Employment Hub', 0.8, 'Coaching for people looking for work: CVs, applications, interview practice and routes into training.'),
  (9, 'Community Pantry', 0.4, 'A membership food club: a weekly shop of groceries for a small fee, with cooking sessions.'),
  (10, 'Housing Association', 1.2, 'Social housing, tenancy sustainment and support for residents at risk of losing their home.'),
  (11, 'Carers Centre', 0.8, 'Information, breaks and emotional support for unpaid carers of all ages.'),
  (12, 'Jobs and Skills', 0.8, 'Free courses in English, maths and digital skills, apprenticeships and help into work.'),
  (13, 'Welfare Rights', 1, 'Benefit checks, help with claims, mandatory reconsiderations and tribunal appeals.'),
  (14, 'Family Hub', 1.5, 'Support for families with children: parenting, early help, food and wellbeing.'),
  (15, 'Tenancy Support', 1, 'Help to keep a tenancy: rent arrears, landlord disputes, repairs and moving on.'),
  (16, 'Recovery College', 0.8, 'Courses co-produced by people with lived experience of mental ill health, and help back into work or study.');

-- Which issues each kind handles: share 1 always, less for some of them.
DROP TABLE IF EXISTS gen_kind_issue;
CREATE TABLE gen_kind_issue (kind_no INT NOT NULL, issue_id BIGINT UNSIGNED NOT NULL, share DOUBLE NOT NULL,
  PRIMARY KEY (kind_no, issue_id)) ENGINE=InnoDB;
INSERT INTO gen_kind_issue (kind_no, issue_id, share)
SELECT m.kind_no, i.id, m.share FROM (
  SELECT 1 AS kind_no, 'Debt and money advice' AS issue, 1 AS share UNION ALL SELECT 1, 'Housing', 1
  UNION ALL SELECT 1, 'Employment and skills', 0.7 UNION ALL SELECT 2, 'Food and essentials', 1
  UNION ALL SELECT 2, 'Debt and money advice', 0.3 UNION ALL SELECT 3, 'Housing', 1
  UNION ALL SELECT 3, 'Domestic abuse support', 0.8 UNION ALL SELECT 4, 'Mental health and wellbeing', 1
  UNION ALL SELECT 5, 'Mental health and wellbeing', 1 UNION ALL SELECT 6, 'Domestic abuse support', 1
  UNION ALL SELECT 6, 'Mental health and wellbeing', 0.5 UNION ALL SELECT 7, 'Debt and money advice', 1
  UNION ALL SELECT 8, 'Employment and skills', 1 UNION ALL SELECT 9, 'Food and essentials', 1
  UNION ALL SELECT 10, 'Housing', 1 UNION ALL SELECT 11, 'Mental health and wellbeing', 1
  UNION ALL SELECT 11, 'Food and essentials', 0.4 UNION ALL SELECT 12, 'Employment and skills', 1
  UNION ALL SELECT 13, 'Debt and money advice', 1 UNION ALL SELECT 14, 'Food and essentials', 1
  UNION ALL SELECT 14, 'Mental health and wellbeing', 0.6 UNION ALL SELECT 14, 'Domestic abuse support', 0.5
  UNION ALL SELECT 15, 'Housing', 1 UNION ALL SELECT 15, 'Debt and money advice', 0.6
  UNION ALL SELECT 16, 'Mental health and wellbeing', 1 UNION ALL SELECT 16, 'Employment and skills', 1
) m JOIN issues i ON i.name = m.issue;

-- The new organisations: distinct place × kind pairs in a scrambled order.
DROP TABLE IF EXISTS gen_new_org;
CREATE TABLE gen_new_org (
  n        INT NOT NULL PRIMARY KEY,   -- id = org_base + n
  place    VARCHAR(40) NOT NULL,
  kind_no  INT NOT NULL,
  name     VARCHAR(200) NOT NULL,
  slug     VARCHAR(200) NOT NULL
) ENGINE=InnoDB;
INSERT INTO gen_new_org (n, place, kind_no, name, slug)
SELECT rn, place, kind_no, name, LOWER(REPLACE(name, ' ', '-'))
FROM (
  SELECT ROW_NUMBER() OVER (ORDER BY HASH(x, 2)) AS rn, p.name AS place, k.kind_no,
         CONCAT(p.name, ' ', k.suffix) AS name
  FROM (SELECT place_no * 20 + kind_no AS x, place_no, kind_no FROM gen_place JOIN gen_kind) pk
  JOIN gen_place p ON p.place_no = pk.place_no JOIN gen_kind k ON k.kind_no = pk.kind_no
  WHERE pk.place_no <= 120
) c
WHERE rn <= @n_orgs - (SELECT COUNT(*) FROM organisations)
  AND NOT EXISTS (SELECT 1 FROM organisations o WHERE o.name = c.name);

-- When each one started (most before the data begins, some joined since) and whether it has
-- closed or paused since: closed ones neither send nor receive after that; paused ones only
-- stop receiving.
DROP TABLE IF EXISTS gen_org;
CREATE TABLE gen_org (
  org_id       BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  name         VARCHAR(200) NOT NULL,
  kind_no      INT NULL,
  recv_rank    INT NOT NULL,
  send_rank    INT NOT NULL,
  recv_w       DOUBLE NOT NULL DEFAULT 0,
  send_w       DOUBLE NOT NULL DEFAULT 0,
  start_at     DATETIME NOT NULL,
  recv_until   DATETIME NULL,
  send_until   DATETIME NULL,
  women_only   TINYINT NOT NULL DEFAULT 0,
  n_members    INT NOT NULL DEFAULT 0,
  n_active     INT NOT NULL DEFAULT 0,
  n_issues     INT NOT NULL DEFAULT 0
) ENGINE=MEMORY;

INSERT INTO organisations (id, name, description, contact_email, contact_phone, address, website,
  active, accepting, capacity, min_age, max_age, all_genders, all_local_authorities, created_at, updated_at)
SELECT @org_base + g.n, g.name,
  CONCAT(k.description, ' Serving ', g.place, ' and the surrounding area.'),
  CONCAT('info@', g.slug, '.example.org'),
  CONCAT('01632', 960000 + HASH(g.n, 3) MOD 1000),
  CONCAT(1 + HASH(g.n, 4) MOD 180, ' ', ELT(1 + HASH(g.n, 5) MOD 8, 'High Street', 'Station Road',
    'Church Lane', 'Victoria Road', 'Market Place', 'Park Road', 'Queen Street', 'Mill Lane'),
    '\n', g.place, '\nTS', 1 + HASH(g.n, 6) MOD 27, ' ', HASH(g.n, 7) MOD 10,
    SUBSTRING('ABDEFGHJLNPQRSTUWXYZ', 1 + HASH(g.n, 8) MOD 20, 1),
    SUBSTRING('ABDEFGHJLNPQRSTUWXYZ', 1 + HASH(g.n, 9) MOD 20, 1)),
  CONCAT('https://', g.slug, '.example.org'),
  UNIT(g.n, 10) >= 0.02,
  UNIT(g.n, 10) >= 0.06,
  NULL,
  ELT(1 + HASH(g.n, 11) MOD 5, 16, 16, 18, 18, NULL),
  IF(g.kind_no IN (8, 12) AND UNIT(g.n, 12) < 0.5, 67, NULL),
  NOT (g.kind_no = 6 AND UNIT(g.n, 13) < 0.3),
  UNIT(g.n, 14) < 0.6,
  p.first_day - INTERVAL 60 DAY + INTERVAL FLOOR(IF(UNIT(g.n, 15) < 0.75, 0, UNIT(g.n, 16) * 1700) * 86400
    + 32400 + HASH(g.n, 22) MOD 28800) SECOND,
  p.first_day - INTERVAL 60 DAY + INTERVAL FLOOR(IF(UNIT(g.n, 15) < 0.75, 0, UNIT(g.n, 16) * 1700) * 86400
    + 32400 + HASH(g.n, 22) MOD 28800) SECOND
FROM gen_new_org g JOIN gen_kind k ON k.kind_no = g.kind_no JOIN gen_param p;

-- What each handles: the kind's issues (the optional ones by their share), at least one.
INSERT IGNORE INTO organisation_issues (organisation_id, issue_id)
SELECT @org_base + g.n, ki.issue_id
FROM gen_new_org g JOIN gen_kind_issue ki ON ki.kind_no = g.kind_no
WHERE ki.share >= 1 OR UNIT(g.n * 8 + ki.issue_id, 17) < ki.share;

INSERT IGNORE INTO organisation_genders (organisation_id, gender_id)
SELECT o.id, r.id FROM organisations o JOIN reference_values r ON r.list = 'gender' AND r.name = 'Female'
WHERE o.id > @org_base AND o.all_genders = 0;

-- The local authorities of those that do not cover them all: the demo's Tees Valley pair,
-- and sometimes one more.
INSERT IGNORE INTO organisation_local_authorities (organisation_id, local_authority_id)
SELECT o.id, la.id
FROM organisations o JOIN local_authorities la
WHERE o.id > @org_base AND o.all_local_authorities = 0
  AND (la.code IN ('E06000001', 'E06000002') OR UNIT(o.id * 32 + la.id, 18) < 0.05);

INSERT IGNORE INTO directory_groups (group_dn, organisation_id, created_at)
SELECT CONCAT('cn=', g.slug, ',ou=groups,dc=example,dc=org'), @org_base + g.n, o.created_at
FROM gen_new_org g JOIN organisations o ON o.id = @org_base + g.n;

-- Sizes and lifetimes. Generated ranks are a scrambled order; the demo's are pinned (Riverside
-- a little below rank 1's share: about 330,000 referrals at the design scale).
INSERT INTO gen_org (org_id, name, kind_no, recv_rank, send_rank, start_at, recv_until, send_until, women_only)
SELECT o.id, o.name, g.kind_no,
  COALESCE(d.recv_rank, 2 + ROW_NUMBER() OVER (ORDER BY HASH(o.id, 19))),
  COALESCE(d.send_rank, 2 + ROW_NUMBER() OVER (ORDER BY HASH(o.id, 20))),
  GREATEST(o.created_at + INTERVAL 30 DAY, p.first_day),
  CASE WHEN d.name IS NOT NULL THEN p.now_at - INTERVAL d.recv_months MONTH
       WHEN o.active = 0 THEN p.now_at - INTERVAL FLOOR(30 + UNIT(o.id, 21) * 700) DAY
       WHEN o.accepting = 0 THEN p.now_at - INTERVAL FLOOR(10 + UNIT(o.id, 21) * 80) DAY END,
  CASE WHEN d.name IS NOT NULL THEN p.now_at - INTERVAL d.send_months MONTH
       WHEN o.active = 0 THEN p.now_at - INTERVAL FLOOR(30 + UNIT(o.id, 21) * 700) DAY END,
  o.all_genders = 0
FROM organisations o
JOIN gen_param p
LEFT JOIN gen_new_org g ON o.id = @org_base + g.n
LEFT JOIN (
  SELECT 'Riverside Citizens Advice' AS name, 1 AS recv_rank, 6 AS send_rank, NULL AS recv_months, NULL AS send_months
  UNION ALL SELECT 'Northfield Council Housing Options', 4, 1, NULL, NULL
  UNION ALL SELECT 'Eastbrook NHS Talking Therapies', 15, 12, NULL, NULL
  UNION ALL SELECT 'Southgate Food Bank', 45, 80, NULL, NULL
  UNION ALL SELECT 'Riverside Women''s Centre', 70, 150, NULL, NULL
  UNION ALL SELECT 'Westside Money Advice Project', 120, 200, 9, 9
  UNION ALL SELECT 'Hillcrest Employment Hub', 160, 220, 2, NULL
) d ON d.name = o.name;

-- The demo organisations existed before the data begins.
UPDATE gen_org g JOIN organisations o ON o.id = g.org_id JOIN gen_param p
SET g.start_at = p.first_day
WHERE o.id <= @org_base;

UPDATE gen_org g LEFT JOIN gen_kind k ON k.kind_no = g.kind_no
SET g.recv_w = 1e0 / (g.recv_rank + IF(g.name = 'Riverside Citizens Advice', 2.55, 2)),
    g.send_w = COALESCE(k.send_weight, 1.5) / POW(g.send_rank + 2, 0.9);

-- Issues handled, numbered per organisation (a receiver's issue is picked by number).
DROP TABLE IF EXISTS gen_org_issue;
CREATE TABLE gen_org_issue (org_id BIGINT UNSIGNED NOT NULL, k INT NOT NULL, issue_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (org_id, k)) ENGINE=MEMORY;
INSERT INTO gen_org_issue (org_id, k, issue_id)
SELECT organisation_id, ROW_NUMBER() OVER (PARTITION BY organisation_id ORDER BY issue_id) - 1, issue_id
FROM organisation_issues oi JOIN issues i ON i.id = oi.issue_id AND i.active = 1;
UPDATE gen_org g JOIN (SELECT org_id, COUNT(*) AS n FROM gen_org_issue GROUP BY org_id) c ON c.org_id = g.org_id
SET g.n_issues = c.n;

-- Slot tables: a uniform number picks a slot, and the slots are shared out by weight, so a
-- weighted choice is one primary key lookup. Receivers of any issue, receivers per issue, and
-- senders.
DROP TABLE IF EXISTS gen_recv_slot;
CREATE TABLE gen_recv_slot (slot INT NOT NULL PRIMARY KEY, org_id BIGINT UNSIGNED NOT NULL) ENGINE=MEMORY;
INSERT INTO gen_recv_slot (slot, org_id)
SELECT s.seq, c.org_id
FROM (SELECT org_id,
        FLOOR(100000 * (SUM(recv_w) OVER (ORDER BY org_id) - recv_w) / SUM(recv_w) OVER ()) AS lo,
        FLOOR(100000 * SUM(recv_w) OVER (ORDER BY org_id) / SUM(recv_w) OVER ()) AS hi
      FROM gen_org WHERE n_issues > 0) c
JOIN seq_0_to_99999 s ON s.seq >= c.lo AND s.seq < c.hi;

DROP TABLE IF EXISTS gen_send_slot;
CREATE TABLE gen_send_slot (slot INT NOT NULL PRIMARY KEY, org_id BIGINT UNSIGNED NOT NULL) ENGINE=MEMORY;
INSERT INTO gen_send_slot (slot, org_id)
SELECT s.seq, c.org_id
FROM (SELECT org_id,
        FLOOR(100000 * (SUM(send_w) OVER (ORDER BY org_id) - send_w) / SUM(send_w) OVER ()) AS lo,
        FLOOR(100000 * SUM(send_w) OVER (ORDER BY org_id) / SUM(send_w) OVER ()) AS hi
      FROM gen_org) c
JOIN seq_0_to_99999 s ON s.seq >= c.lo AND s.seq < c.hi;

DROP TABLE IF EXISTS gen_issue_slot;
CREATE TABLE gen_issue_slot (issue_id BIGINT UNSIGNED NOT NULL, slot INT NOT NULL, org_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (issue_id, slot)) ENGINE=MEMORY;
INSERT INTO gen_issue_slot (issue_id, slot, org_id)
SELECT c.issue_id, s.seq, c.org_id
FROM (SELECT oi.issue_id, g.org_id,
        FLOOR(10000 * (SUM(g.recv_w) OVER (PARTITION BY oi.issue_id ORDER BY g.org_id) - g.recv_w)
              / SUM(g.recv_w) OVER (PARTITION BY oi.issue_id)) AS lo,
        FLOOR(10000 * SUM(g.recv_w) OVER (PARTITION BY oi.issue_id ORDER BY g.org_id)
              / SUM(g.recv_w) OVER (PARTITION BY oi.issue_id)) AS hi
      FROM gen_org_issue oi JOIN gen_org g ON g.org_id = oi.org_id) c
JOIN seq_0_to_9999 s ON s.seq >= c.lo AND s.seq < c.hi;

-- When every choice fails (the sender itself, closed, not yet started), the two largest
-- receivers that were there all along take it: never both the sender.
DROP TABLE IF EXISTS gen_fallback;
CREATE TABLE gen_fallback (id TINYINT NOT NULL PRIMARY KEY, recv1 BIGINT UNSIGNED NOT NULL,
  recv2 BIGINT UNSIGNED NOT NULL, send1 BIGINT UNSIGNED NOT NULL) ENGINE=MEMORY;
INSERT INTO gen_fallback
SELECT 1,
  (SELECT org_id FROM gen_org WHERE recv_until IS NULL AND start_at <= @first_day AND n_issues > 0 ORDER BY recv_rank, org_id LIMIT 1),
  (SELECT org_id FROM gen_org WHERE recv_until IS NULL AND start_at <= @first_day AND n_issues > 0 ORDER BY recv_rank, org_id LIMIT 1 OFFSET 1),
  (SELECT org_id FROM gen_org WHERE send_until IS NULL AND start_at <= @first_day ORDER BY send_rank, org_id LIMIT 1);

-- Issue names, for the messages and events.
DROP TABLE IF EXISTS gen_issue;
CREATE TABLE gen_issue (issue_id BIGINT UNSIGNED NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL) ENGINE=MEMORY;
INSERT INTO gen_issue SELECT id, name FROM issues;

-- The administrator's audit trail of creating them.
INSERT INTO events (occurred_at, staff_id, organisation_id, action, subject_type, subject_id,
  new_value, detail, remote_addr)
SELECT o.created_at, (SELECT MIN(id) FROM staff WHERE is_admin = 1), NULL, 'admin.organisation.create',
  'organisation', o.id, o.name, 'Organisation created', '10.0.0.10'
FROM organisations o WHERE o.id > @org_base ORDER BY o.id;
