-- The scheduled job (referrals run-jobs): a lease so one instance works at a time, even on
-- several hosts, and what it has already told people, so each message is sent once.

CREATE TABLE job_leases (
  name        VARCHAR(64) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  holder      VARCHAR(200) NOT NULL,
  expires_at  DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per referral, timeframe and due date whose overdue message was sent.
CREATE TABLE overdue_notices (
  referral_id  BIGINT UNSIGNED NOT NULL,
  due_kind     ENUM('update', 'close') NOT NULL,
  due_date     DATE NOT NULL,
  sent_at      DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (referral_id, due_kind, due_date),
  CONSTRAINT overdue_notices_referral FOREIGN KEY (referral_id) REFERENCES referrals (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per group and consent found expired (a renewed consent can expire again).
CREATE TABLE consent_expiry_notices (
  group_id    BIGINT UNSIGNED NOT NULL,
  consent_id  BIGINT UNSIGNED NOT NULL,
  expired_at  DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (group_id, consent_id),
  CONSTRAINT consent_expiry_notices_group FOREIGN KEY (group_id) REFERENCES referral_groups (id),
  CONSTRAINT consent_expiry_notices_consent FOREIGN KEY (consent_id) REFERENCES consents (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
