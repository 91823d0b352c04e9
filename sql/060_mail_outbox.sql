-- E-mail notifications: the outbox, each staff member's choices, and the subscriptions to a
-- refusal and to a group becoming Unresolved.

-- One e-mail to one staff member, written by model/inbox.c in the transaction of the change
-- it tells of (so a change that rolls back leaves no row). The text here holds no personal
-- data: the writers give a subject and body of their own for mail. The sender claims rows
-- with a lease (lease_until, lease_token; the claim is FOR UPDATE SKIP LOCKED), so several
-- senders never send one twice.
--   mode 'immediate': sent as soon as the sender sees it.
--   mode 'digest': waits until the staff member's digest hour, when the day's rows are
--   gathered into one 'digest' row (state 'digested' for the gathered ones).
CREATE TABLE mail_outbox (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  staff_id         BIGINT UNSIGNED NOT NULL,
  kind             VARCHAR(32) CHARACTER SET ascii NOT NULL,
  mode             ENUM('immediate', 'digest') NOT NULL,
  state            ENUM('pending', 'sent', 'failed', 'digested') NOT NULL DEFAULT 'pending',
  subject          VARCHAR(300) NOT NULL,
  body             TEXT NOT NULL,
  link             VARCHAR(300) NOT NULL DEFAULT '',
  created_at       DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  next_attempt_at  DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  attempts         INT UNSIGNED NOT NULL DEFAULT 0,
  lease_until      DATETIME NULL,
  lease_token      CHAR(32) CHARACTER SET ascii NULL,
  last_error       VARCHAR(500) NULL,
  sent_at          DATETIME NULL,
  failed_at        DATETIME NULL,
  digest_id        BIGINT UNSIGNED NULL, -- the digest row that carried it
  KEY mail_outbox_due (state, mode, next_attempt_at),
  KEY mail_outbox_staff (staff_id, state, mode),
  KEY mail_outbox_recent (state, created_at),
  CONSTRAINT mail_outbox_staff FOREIGN KEY (staff_id) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A staff member's choice per kind of message; no row: the kind's default (e-mail at once).
CREATE TABLE mail_preferences (
  staff_id  BIGINT UNSIGNED NOT NULL,
  kind      VARCHAR(32) CHARACTER SET ascii NOT NULL,
  mode      ENUM('inbox', 'immediate', 'digest') NOT NULL,
  PRIMARY KEY (staff_id, kind),
  CONSTRAINT mail_preferences_staff FOREIGN KEY (staff_id) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The local hour (0-23, Referrals.TimeZone) of the daily digest, and the local day of the
-- last one (one digest a day).
ALTER TABLE staff
  ADD COLUMN digest_hour TINYINT UNSIGNED NOT NULL DEFAULT 8,
  ADD COLUMN digest_sent_on DATE NULL;

-- Issue 12 point 7: the sender may opt in to a refusal and to the group becoming Unresolved.
ALTER TABLE referral_subscriptions
  ADD COLUMN refused TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN unresolved TINYINT(1) NOT NULL DEFAULT 0;
