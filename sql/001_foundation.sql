-- The tables every page needs: organisations, staff and their memberships, directory group
-- mappings, sessions, sign-in throttling, settings and the audit/event log.
-- Times are UTC. Text is utf8mb4 with accent- and case-insensitive comparison.

CREATE TABLE organisations (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name          VARCHAR(200) NOT NULL,
  active        TINYINT(1) NOT NULL DEFAULT 1,
  created_at    DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at    DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  UNIQUE KEY organisations_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE staff (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username        VARCHAR(255) NOT NULL,
  display_name    VARCHAR(255) NOT NULL,
  email           VARCHAR(320) NULL,
  directory_dn    VARCHAR(1024) NULL,
  is_admin        TINYINT(1) NOT NULL DEFAULT 0,
  active          TINYINT(1) NOT NULL DEFAULT 1,
  last_org_id     BIGINT UNSIGNED NULL,
  last_signin_at  DATETIME NULL,
  created_at      DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  UNIQUE KEY staff_username (username),
  CONSTRAINT staff_last_org FOREIGN KEY (last_org_id) REFERENCES organisations (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A directory group (by normalised DN: lower case, no spaces around ',' and '=') whose
-- members are staff of an organisation.
CREATE TABLE directory_groups (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  group_dn         VARCHAR(512) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  organisation_id  BIGINT UNSIGNED NOT NULL,
  created_at       DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  UNIQUE KEY directory_groups_dn_org (group_dn, organisation_id),
  KEY directory_groups_org (organisation_id),
  CONSTRAINT directory_groups_org FOREIGN KEY (organisation_id) REFERENCES organisations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Membership with its source: 'directory' rows are rebuilt at every sign-in from the
-- user's groups; 'manual' rows are an administrator's and survive sign-ins.
CREATE TABLE staff_orgs (
  staff_id         BIGINT UNSIGNED NOT NULL,
  organisation_id  BIGINT UNSIGNED NOT NULL,
  source           ENUM('directory', 'manual') NOT NULL,
  group_dn         VARCHAR(512) CHARACTER SET ascii COLLATE ascii_general_ci NULL,
  added_by         BIGINT UNSIGNED NULL,
  created_at       DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (staff_id, organisation_id, source),
  KEY staff_orgs_org (organisation_id),
  CONSTRAINT staff_orgs_staff FOREIGN KEY (staff_id) REFERENCES staff (id) ON DELETE CASCADE,
  CONSTRAINT staff_orgs_org FOREIGN KEY (organisation_id) REFERENCES organisations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Server-side sessions. Only the SHA-256 of the cookie's token is stored, so a copy of
-- this table cannot be used to sign in.
CREATE TABLE sessions (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash      BINARY(32) NOT NULL,
  staff_id        BIGINT UNSIGNED NOT NULL,
  active_org_id   BIGINT UNSIGNED NULL,
  csrf_token      CHAR(64) CHARACTER SET ascii NOT NULL,
  remote_addr     VARCHAR(64) NULL,
  user_agent      VARCHAR(255) NULL,
  created_at      DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  last_seen_at    DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  UNIQUE KEY sessions_token (token_hash),
  KEY sessions_staff (staff_id),
  KEY sessions_last_seen (last_seen_at),
  CONSTRAINT sessions_staff FOREIGN KEY (staff_id) REFERENCES staff (id) ON DELETE CASCADE,
  CONSTRAINT sessions_org FOREIGN KEY (active_org_id) REFERENCES organisations (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failed sign-ins in the current window, per account (lower-cased username) and per address.
CREATE TABLE login_attempts (
  scope             ENUM('account', 'address') NOT NULL,
  subject           VARCHAR(255) NOT NULL,
  failures          INT UNSIGNED NOT NULL DEFAULT 0,
  window_started_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  last_failure_at   DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (scope, subject)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE settings (
  name        VARCHAR(100) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  value       VARCHAR(1000) NOT NULL,
  updated_at  DATETIME NOT NULL DEFAULT UTC_TIMESTAMP()
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO settings (name, value) VALUES
  ('session_timeout_minutes', '30'),
  ('signin_account_max_failures', '5'),
  ('signin_address_max_failures', '20'),
  ('signin_window_minutes', '15');

-- Everything that happened: sign-ins, administrative changes, and (later) referral timelines.
CREATE TABLE events (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  occurred_at      DATETIME(3) NOT NULL DEFAULT UTC_TIMESTAMP(3),
  staff_id         BIGINT UNSIGNED NULL,
  organisation_id  BIGINT UNSIGNED NULL,
  action           VARCHAR(64) CHARACTER SET ascii NOT NULL,
  subject_type     VARCHAR(32) CHARACTER SET ascii NULL,
  subject_id       BIGINT UNSIGNED NULL,
  old_value        TEXT NULL,
  new_value        TEXT NULL,
  detail           VARCHAR(1000) NULL,
  remote_addr      VARCHAR(64) NULL,
  KEY events_subject (subject_type, subject_id, occurred_at),
  KEY events_staff (staff_id, occurred_at),
  KEY events_action (action, occurred_at),
  KEY events_time (occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
