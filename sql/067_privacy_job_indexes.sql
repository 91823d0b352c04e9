-- The privacy steps of the scheduled job (issue 15) read only their work, as every step does
-- (sql/015_jobs_scale.sql): a run with nothing to do reads next to nothing however many
-- clients, referrals and staff there are.

-- Retention walks the referrals in the order they closed, from where the last run stopped
-- (retention_progress) to the cutoff (the run's clock less retention_months): each closure
-- is looked at once, when it becomes old enough, and its client redacted if nothing of the
-- client's is open or closed since the cutoff (otherwise that later closure brings the client
-- back when it becomes old enough). Rows given a closed_at before the mark after a run (a
-- backdated import) are not walked: set the mark back to have them considered.
ALTER TABLE referrals ADD KEY referrals_closed (closed_at);

CREATE TABLE retention_progress (
  id           TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  closed_at    DATETIME NOT NULL,
  referral_id  BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO retention_progress (id, closed_at, referral_id) VALUES (1, '0001-01-01 00:00:00', 0);

-- Inactivity reads only the staff who are due: the latest of the last sign-in, the account's
-- creation and its last reactivation, indexed with what the step filters on.
ALTER TABLE staff
  ADD COLUMN last_active_at DATETIME AS (GREATEST(COALESCE(last_signin_at, created_at),
    COALESCE(active_since, created_at), created_at)) VIRTUAL,
  ADD KEY staff_inactive (active, is_admin, last_active_at);
