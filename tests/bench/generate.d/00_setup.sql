-- tests/bench/generate, 00_setup: the run's parameters and the calendar every later step reads.
-- The generator's working tables are called gen_* and live beside the program's tables until
-- the driver drops them at the end; most are MEMORY tables, for speed. Every id the generator writes is an explicit "base + n", the
-- bases being the largest ids already there (the demo's rows stay as they are), so each step
-- can compute another step's ids without looking them up.
--
-- Input: @scale (set by the driver). Times: UTC, as the program stores them.

DROP TABLE IF EXISTS gen_param;
CREATE TABLE gen_param (
  id                   TINYINT NOT NULL PRIMARY KEY,
  scale                DOUBLE NOT NULL,
  now_at               DATETIME NOT NULL,
  today                DATE NOT NULL,
  first_day            DATE NOT NULL,
  -- how much: clients and sends (one consent each) scale; organisations and staff do not
  n_clients            BIGINT NOT NULL,
  n_sends              BIGINT NOT NULL,
  n_orgs               INT NOT NULL,
  n_staff              INT NOT NULL,
  business_minutes     BIGINT NOT NULL DEFAULT 0,
  -- the largest ids before the run
  org_base             BIGINT NOT NULL,
  staff_base           BIGINT NOT NULL,
  client_base          BIGINT NOT NULL,
  consent_base         BIGINT NOT NULL,
  group_base           BIGINT NOT NULL,
  referral_base        BIGINT NOT NULL,
  note_base            BIGINT NOT NULL,
  file_base            BIGINT NOT NULL,
  -- the settings the program works with, read once
  update_days          INT NOT NULL,
  close_days           INT NOT NULL,
  urgent_update_days   INT NOT NULL,
  urgent_close_days    INT NOT NULL,
  auto_close_days      INT NOT NULL,
  auto_close_reason    BIGINT NULL,
  consent_expiry_days  INT NOT NULL,
  legacy_issue         BIGINT NULL,
  -- referrals before this were made before the specific issues existed (some used the legacy one)
  legacy_until         DATETIME NOT NULL,
  -- inbox messages are kept for a year (see 85_inbox.sql)
  inbox_from           DATETIME NOT NULL
) ENGINE=InnoDB;

INSERT INTO gen_param (id, scale, now_at, today, first_day, n_clients, n_sends, n_orgs, n_staff,
  org_base, staff_base, client_base, consent_base, group_base, referral_base, note_base, file_base,
  update_days, close_days, urgent_update_days, urgent_close_days, auto_close_days,
  auto_close_reason, consent_expiry_days, legacy_issue, legacy_until, inbox_from)
SELECT 1, @scale, UTC_TIMESTAMP(), UTC_DATE(), UTC_DATE() - INTERVAL 5 YEAR,
  GREATEST(100, ROUND(1000000 * @scale)), GREATEST(350, ROUND(3490000 * @scale)), 500, 5000,
  (SELECT COALESCE(MAX(id), 0) FROM organisations), (SELECT COALESCE(MAX(id), 0) FROM staff),
  (SELECT COALESCE(MAX(id), 0) FROM clients), (SELECT COALESCE(MAX(id), 0) FROM consents),
  (SELECT COALESCE(MAX(id), 0) FROM referral_groups), (SELECT COALESCE(MAX(id), 0) FROM referrals),
  (SELECT COALESCE(MAX(id), 0) FROM notes), (SELECT COALESCE(MAX(id), 0) FROM files),
  (SELECT CAST(value AS SIGNED) FROM settings WHERE name = 'update_within_days'),
  (SELECT CAST(value AS SIGNED) FROM settings WHERE name = 'close_within_days'),
  (SELECT CAST(value AS SIGNED) FROM settings WHERE name = 'urgent_update_within_days'),
  (SELECT CAST(value AS SIGNED) FROM settings WHERE name = 'urgent_close_within_days'),
  (SELECT CAST(value AS SIGNED) FROM settings WHERE name = 'auto_close_days'),
  (SELECT CAST(value AS SIGNED) FROM settings WHERE name = 'auto_close_reason_id'),
  (SELECT CAST(value AS SIGNED) FROM settings WHERE name = 'consent_expiry_days'),
  (SELECT id FROM issues WHERE active = 0 ORDER BY id LIMIT 1),
  UTC_DATE() - INTERVAL 42 MONTH,
  UTC_TIMESTAMP() - INTERVAL 1 YEAR;

-- The calendar from before the first send to well after the last due date. A working day is
-- what fcgi/workdays.c counts: Monday to Friday, not a bank holiday of the table (so, as the
-- program sees it, years the table does not cover have no bank holidays). wd counts working
-- days up to and including d: n working days after d is the working day numbered wd(d) + n,
-- whether or not d itself is one (workdays_add), and workdays_between(a, b) = wd(b) - wd(a).
DROP TABLE IF EXISTS gen_day;
CREATE TABLE gen_day (
  d     DATE NOT NULL PRIMARY KEY,
  work  TINYINT NOT NULL,
  wd    INT NOT NULL,
  -- sends happen on the working days up to today, numbered from 0 (NULL: no sends that day)
  bd    INT NULL,
  KEY gen_day_bd (bd)
) ENGINE=MEMORY;

INSERT INTO gen_day (d, work, wd)
SELECT d, work, SUM(work) OVER (ORDER BY d)
FROM (
  SELECT p.first_day - INTERVAL 30 DAY + INTERVAL s.seq DAY AS d,
         WEEKDAY(p.first_day - INTERVAL 30 DAY + INTERVAL s.seq DAY) < 5
           AND NOT EXISTS (SELECT 1 FROM bank_holidays h
                           WHERE h.holiday_date = p.first_day - INTERVAL 30 DAY + INTERVAL s.seq DAY) AS work
  FROM gen_param p JOIN seq_0_to_3000 s
  WHERE p.first_day - INTERVAL 30 DAY + INTERVAL s.seq DAY <= p.today + INTERVAL 1 YEAR
) days;

UPDATE gen_day g
JOIN (SELECT d, ROW_NUMBER() OVER (ORDER BY d) - 1 AS bd
      FROM gen_day JOIN gen_param p
      WHERE work = 1 AND d >= p.first_day AND d <= p.today) b ON b.d = g.d
SET g.bd = b.bd;

DROP TABLE IF EXISTS gen_wd;
CREATE TABLE gen_wd (wd INT NOT NULL PRIMARY KEY, d DATE NOT NULL) ENGINE=MEMORY;
INSERT INTO gen_wd SELECT wd, d FROM gen_day WHERE work = 1;

-- Sends happen between 08:00 and 18:00 UTC (09:00 to 19:00 in summer): 600 minutes a working
-- day, so a send's date is its date in London too. Today counts up to a few minutes ago.
UPDATE gen_param p SET p.business_minutes =
  (SELECT COUNT(*) FROM gen_day WHERE bd IS NOT NULL AND d < p.today) * 600
  + IF((SELECT work FROM gen_day WHERE d = p.today) = 1,
       LEAST(600, GREATEST(0, TIMESTAMPDIFF(MINUTE, TIMESTAMP(p.today) + INTERVAL 8 HOUR, p.now_at) - 5)), 0);

-- 1, 2, 3: for "one row per ..." joins (a SEQUENCE table joined with a condition on each row
-- makes MariaDB re-plan its range per row).
DROP TABLE IF EXISTS gen_k;
CREATE TABLE gen_k (k TINYINT NOT NULL) ENGINE=MEMORY;
INSERT INTO gen_k VALUES (1), (2), (3);
