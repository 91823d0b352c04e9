-- The dashboard's charts (issue 9): how many referrals each organisation received and sent in
-- each hour of the last 40 days, kept as they are written, so that the home page reads at most
-- 30 × 24 rows a side instead of counting every referral of the last 30 days (about 11,000
-- index entries a request for the largest organisation at the design scale).
--
-- Hours, in UTC, rather than days: the charts count each referral on the day its sender's
-- clock showed (Referrals.TimeZone, which the database does not know), and an hour lies wholly
-- on one local day in every zone whose offsets are whole hours, as the United Kingdom's are.
-- The page sums the hours into local days as it summed the referrals before.
--
-- Organisation 0 (no organisation has that id) is every organisation, received side only
-- (every referral is both received and sent): the administrator's chart of all organisations
-- reads its 720 rows where it counted 124,000 referrals of the last 30 days (76 ms) or would
-- sum every organisation's hours here (86,000 rows, 28 ms).
--
-- Kept by triggers, like cache_generation (016): every way a referral is written, deleted or
-- moved (the send, the tests' and the generator's INSERTs, someone's DELETE or UPDATE in the
-- mariadb client) moves the count in the same transaction. Only referrals created in the last
-- 40 days are counted: older hours are never charted, the scheduled job deletes their rows
-- (DASHBOARD_HOUR_COUNTS_DAYS in fcgi/model/dashboard.h is this window), and a bulk load
-- of years of history costs an upsert only for its last few weeks.
--
-- Hot rows: every send to one organisation in one hour adds to one row, and every send at all
-- to the hour's row of organisation 0. On one node a send holds that row from its referral's
-- INSERT to its COMMIT, a few milliseconds, so sends anywhere take turns for that moment:
-- at the design scale a few sends a second at most, each waiting for at most a few others.
-- Under Galera the hosts write through one node at a time; while two nodes take writes at once
-- (a host that lost its first node while the other did not), two sends committed through both
-- at once meet on that row (and sends to one organisation already meet on its row: the other
-- node's send, applied here, takes the row's foreign-key lock and aborts ours). The loser is
-- retried whole (db.c), up to 10 times with a growing pause, as any deadlock is: the cluster
-- test sends 40 at once through two nodes, and all land, most of them after a retry.

CREATE TABLE IF NOT EXISTS referral_hour_counts (
  organisation_id  BIGINT UNSIGNED NOT NULL,
  side             TINYINT UNSIGNED NOT NULL,  -- 0: received, 1: sent
  hour_at          DATETIME NOT NULL,          -- UTC, the first second of the hour
  referrals        INT NOT NULL,
  PRIMARY KEY (organisation_id, side, hour_at),
  KEY referral_hour_counts_hour (hour_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One referral's part in its hours: delta 1 when it is written, -1 when it goes, the same
-- window either way (a referral that has left the window by the time it is deleted leaves an
-- hour that is no longer charted, and is pruned). The one home of the rule for the triggers.
CREATE OR REPLACE PROCEDURE referral_hour_counts_add(receiving BIGINT UNSIGNED,
                                                     sending BIGINT UNSIGNED,
                                                     created DATETIME, delta INT)
BEGIN
  IF created >= UTC_TIMESTAMP() - INTERVAL 40 DAY THEN
    INSERT INTO referral_hour_counts (organisation_id, side, hour_at, referrals)
    VALUES (receiving, 0, DATE_FORMAT(created, '%Y-%m-%d %H:00:00'), delta),
           (sending, 1, DATE_FORMAT(created, '%Y-%m-%d %H:00:00'), delta),
           (0, 0, DATE_FORMAT(created, '%Y-%m-%d %H:00:00'), delta)
    ON DUPLICATE KEY UPDATE referrals = referrals + VALUES(referrals);
  END IF;
END;

CREATE OR REPLACE TRIGGER referrals_hour_count_insert AFTER INSERT ON referrals FOR EACH ROW
  CALL referral_hour_counts_add(NEW.receiving_org_id, NEW.sending_org_id, NEW.created_at, 1);

CREATE OR REPLACE TRIGGER referrals_hour_count_delete AFTER DELETE ON referrals FOR EACH ROW
  CALL referral_hour_counts_add(OLD.receiving_org_id, OLD.sending_org_id, OLD.created_at, -1);

-- The program never moves a referral to another organisation or time; a hand-made UPDATE that
-- does takes it off its old hours and puts it on its new ones.
CREATE OR REPLACE TRIGGER referrals_hour_count_update AFTER UPDATE ON referrals FOR EACH ROW
BEGIN
  IF NOT (OLD.receiving_org_id <=> NEW.receiving_org_id AND OLD.sending_org_id <=> NEW.sending_org_id
          AND OLD.created_at <=> NEW.created_at) THEN
    CALL referral_hour_counts_add(OLD.receiving_org_id, OLD.sending_org_id, OLD.created_at, -1);
    CALL referral_hour_counts_add(NEW.receiving_org_id, NEW.sending_org_id, NEW.created_at, 1);
  END IF;
END;

-- The referrals already there: the last 40 days, through referrals_created. The triggers are
-- in place first, so a send that commits while this runs (other hosts keep serving during a
-- deploy's migration) may already have made its hour's row: the backfill, which reads every
-- committed referral with shared locks, then sets the exact count over it. Re-runnable, like
-- the table and triggers above, should a first attempt stop half-way.
INSERT INTO referral_hour_counts (organisation_id, side, hour_at, referrals)
SELECT receiving_org_id, 0, DATE_FORMAT(created_at, '%Y-%m-%d %H:00:00') h, COUNT(*)
FROM referrals WHERE created_at >= UTC_TIMESTAMP() - INTERVAL 40 DAY
GROUP BY receiving_org_id, h
ON DUPLICATE KEY UPDATE referrals = VALUES(referrals);
INSERT INTO referral_hour_counts (organisation_id, side, hour_at, referrals)
SELECT sending_org_id, 1, DATE_FORMAT(created_at, '%Y-%m-%d %H:00:00') h, COUNT(*)
FROM referrals WHERE created_at >= UTC_TIMESTAMP() - INTERVAL 40 DAY
GROUP BY sending_org_id, h
ON DUPLICATE KEY UPDATE referrals = VALUES(referrals);
INSERT INTO referral_hour_counts (organisation_id, side, hour_at, referrals)
SELECT 0, 0, DATE_FORMAT(created_at, '%Y-%m-%d %H:00:00') h, COUNT(*)
FROM referrals WHERE created_at >= UTC_TIMESTAMP() - INTERVAL 40 DAY
GROUP BY h
ON DUPLICATE KEY UPDATE referrals = VALUES(referrals);
