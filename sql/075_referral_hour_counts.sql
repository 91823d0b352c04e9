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
-- Kept by triggers, like cache_generation (016): every way a referral is written, deleted or
-- moved (the send, the tests' and the generator's INSERTs, someone's DELETE or UPDATE in the
-- mariadb client) moves the count in the same transaction. Only referrals created in the last
-- 40 days are counted: older hours are never charted, the scheduled job deletes their rows
-- (DASHBOARD_HOUR_COUNTS_DAYS in fcgi/model/dashboard.h is this window), and a bulk load
-- of years of history costs an upsert only for its last few weeks.
--
-- Hot rows: every send to one organisation in one hour adds to one row. On one node that adds
-- no waiting, as sends to or from an organisation already take turns on its row (FOR UPDATE in
-- referral_send.c). Under Galera the hosts write through one node at a time; while two nodes
-- take writes at once (a host that lost its first node while the other did not), sends to one
-- organisation through both already meet on its row (the other node's send, applied here,
-- takes the row's foreign-key lock and aborts ours), and the hour's row adds that meeting for
-- sends from one organisation too. The loser is retried whole (db.c), up to 8 times with a
-- growing pause, as any deadlock is: the cluster test sends 40 at once through two nodes, and
-- all land, most of them after a retry. At the design scale the largest organisation receives
-- a few referrals an hour.

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
           (sending, 1, DATE_FORMAT(created, '%Y-%m-%d %H:00:00'), delta)
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
