-- Clients, consent, referrals and the journey that creates them (drafts), with the tables
-- the lists and the inbox read. Every list filters through an index named below.

CREATE TABLE clients (
  id                  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  title_id            BIGINT UNSIGNED NULL,
  first_name          VARCHAR(100) NOT NULL,
  last_name           VARCHAR(100) NOT NULL,
  -- match keys (fcgi/matching.c): exact search compares these with the date of birth
  -- (binary: the keys are already folded; a collation would fold ß, æ, ø its own way)
  first_name_key      VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,
  last_name_key       VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,
  first_name_sound    VARCHAR(16) CHARACTER SET ascii NOT NULL DEFAULT '',
  last_name_sound     VARCHAR(16) CHARACTER SET ascii NOT NULL DEFAULT '',
  date_of_birth       DATE NOT NULL,
  pronoun_id          BIGINT UNSIGNED NULL,
  gender_id           BIGINT UNSIGNED NULL,
  gender_description  VARCHAR(100) NOT NULL DEFAULT '',
  email               VARCHAR(254) NOT NULL DEFAULT '',
  phone               VARCHAR(20) NOT NULL DEFAULT '',
  alt_phone           VARCHAR(20) NOT NULL DEFAULT '',
  contact_email       TINYINT(1) NOT NULL DEFAULT 0,
  contact_phone       TINYINT(1) NOT NULL DEFAULT 0,
  contact_sms         TINYINT(1) NOT NULL DEFAULT 0,
  contact_voicemail   TINYINT(1) NOT NULL DEFAULT 0,
  contact_post        TINYINT(1) NOT NULL DEFAULT 0,
  nhs_number          CHAR(10) CHARACTER SET ascii NOT NULL DEFAULT '',
  gp_practice_name    VARCHAR(200) NOT NULL DEFAULT '',
  gp_ods_code         CHAR(6) CHARACTER SET ascii NOT NULL DEFAULT '',
  address_line1       VARCHAR(200) NOT NULL DEFAULT '',
  address_line2       VARCHAR(200) NOT NULL DEFAULT '',
  town                VARCHAR(100) NOT NULL DEFAULT '',
  postcode            VARCHAR(8) CHARACTER SET ascii NOT NULL DEFAULT '',
  no_fixed_abode      TINYINT(1) NOT NULL DEFAULT 0,
  local_authority_id  BIGINT UNSIGNED NULL,
  created_by          BIGINT UNSIGNED NOT NULL,
  created_at          DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at          DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  KEY clients_exact (last_name_key, first_name_key, date_of_birth),
  KEY clients_dob (date_of_birth),
  KEY clients_sound (last_name_sound, first_name_sound),
  KEY clients_email (email),
  CONSTRAINT clients_la FOREIGN KEY (local_authority_id) REFERENCES local_authorities (id),
  CONSTRAINT clients_gender FOREIGN KEY (gender_id) REFERENCES reference_values (id),
  CONSTRAINT clients_title FOREIGN KEY (title_id) REFERENCES reference_values (id),
  CONSTRAINT clients_pronoun FOREIGN KEY (pronoun_id) REFERENCES reference_values (id),
  CONSTRAINT clients_creator FOREIGN KEY (created_by) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Which organisations may see a client: those that sent or received a referral for them.
CREATE TABLE client_orgs (
  client_id        BIGINT UNSIGNED NOT NULL,
  organisation_id  BIGINT UNSIGNED NOT NULL,
  created_at       DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (client_id, organisation_id),
  KEY client_orgs_org (organisation_id, client_id),
  CONSTRAINT client_orgs_client FOREIGN KEY (client_id) REFERENCES clients (id),
  CONSTRAINT client_orgs_org FOREIGN KEY (organisation_id) REFERENCES organisations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE consents (
  id                      BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id               BIGINT UNSIGNED NOT NULL,
  organisation_id         BIGINT UNSIGNED NOT NULL,
  recorded_by             BIGINT UNSIGNED NOT NULL,
  recorded_at             DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  given_by_client         TINYINT(1) NOT NULL DEFAULT 1,
  consentor_name          VARCHAR(200) NOT NULL DEFAULT '',
  consentor_relationship  VARCHAR(100) NOT NULL DEFAULT '',
  KEY consents_client (client_id, recorded_at),
  CONSTRAINT consents_client FOREIGN KEY (client_id) REFERENCES clients (id),
  CONSTRAINT consents_org FOREIGN KEY (organisation_id) REFERENCES organisations (id),
  CONSTRAINT consents_staff FOREIGN KEY (recorded_by) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The referrals for one client and one issue sent in one go: the first receiver to
-- acknowledge takes it (taken_by_org_id), the rest become Removed.
CREATE TABLE referral_groups (
  id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id         BIGINT UNSIGNED NOT NULL,
  issue_id          BIGINT UNSIGNED NOT NULL,
  sending_org_id    BIGINT UNSIGNED NOT NULL,
  created_by        BIGINT UNSIGNED NOT NULL,
  consent_id        BIGINT UNSIGNED NOT NULL,
  urgent            TINYINT(1) NOT NULL DEFAULT 0,
  taken_by_org_id   BIGINT UNSIGNED NULL,
  taken_at          DATETIME NULL,
  unresolved        TINYINT(1) NOT NULL DEFAULT 0,
  created_at        DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  KEY referral_groups_client (client_id),
  KEY referral_groups_sender (sending_org_id, unresolved, created_at),
  CONSTRAINT referral_groups_client FOREIGN KEY (client_id) REFERENCES clients (id),
  CONSTRAINT referral_groups_issue FOREIGN KEY (issue_id) REFERENCES issues (id),
  CONSTRAINT referral_groups_sender FOREIGN KEY (sending_org_id) REFERENCES organisations (id),
  CONSTRAINT referral_groups_consent FOREIGN KEY (consent_id) REFERENCES consents (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE referrals (
  id                  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  group_id            BIGINT UNSIGNED NOT NULL,
  client_id           BIGINT UNSIGNED NOT NULL,
  issue_id            BIGINT UNSIGNED NOT NULL,
  sending_org_id      BIGINT UNSIGNED NOT NULL,
  receiving_org_id    BIGINT UNSIGNED NOT NULL,
  created_by          BIGINT UNSIGNED NOT NULL,
  urgent              TINYINT(1) NOT NULL DEFAULT 0,
  status              ENUM('new', 'acknowledged', 'refused', 'closed', 'withdrawn', 'removed', 'no_response') NOT NULL DEFAULT 'new',
  update_due          DATE NOT NULL,
  close_due           DATE NOT NULL,
  closure_reason_id   BIGINT UNSIGNED NULL,
  status_reason       VARCHAR(1000) NOT NULL DEFAULT '',
  created_at          DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at          DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  closed_at           DATETIME NULL,
  KEY referrals_group (group_id),
  KEY referrals_client (client_id, created_at),
  KEY referrals_received (receiving_org_id, status, created_at),
  KEY referrals_sent (sending_org_id, status, created_at),
  KEY referrals_due (status, update_due),
  CONSTRAINT referrals_group FOREIGN KEY (group_id) REFERENCES referral_groups (id),
  CONSTRAINT referrals_client FOREIGN KEY (client_id) REFERENCES clients (id),
  CONSTRAINT referrals_issue FOREIGN KEY (issue_id) REFERENCES issues (id),
  CONSTRAINT referrals_sender FOREIGN KEY (sending_org_id) REFERENCES organisations (id),
  CONSTRAINT referrals_receiver FOREIGN KEY (receiving_org_id) REFERENCES organisations (id),
  CONSTRAINT referrals_reason FOREIGN KEY (closure_reason_id) REFERENCES closure_reasons (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Questionnaire answers of one group (one issue), shared only with that group's receivers.
-- The question's text and options are copied: editing a question later changes no answer.
CREATE TABLE answers (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  group_id       BIGINT UNSIGNED NOT NULL,
  question_id    BIGINT UNSIGNED NULL,
  position       INT NOT NULL DEFAULT 0,
  question_text  VARCHAR(500) NOT NULL,
  kind           VARCHAR(20) CHARACTER SET ascii NOT NULL,
  answer         TEXT NOT NULL,
  KEY answers_group (group_id, position),
  CONSTRAINT answers_group FOREIGN KEY (group_id) REFERENCES referral_groups (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Whom to tell, in their inbox, about what happens to referrals they sent.
CREATE TABLE referral_subscriptions (
  group_id       BIGINT UNSIGNED NOT NULL,
  staff_id       BIGINT UNSIGNED NOT NULL,
  acknowledged   TINYINT(1) NOT NULL DEFAULT 0,
  closed         TINYINT(1) NOT NULL DEFAULT 0,
  note_added     TINYINT(1) NOT NULL DEFAULT 0,
  file_added     TINYINT(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (group_id, staff_id),
  CONSTRAINT referral_subscriptions_group FOREIGN KEY (group_id) REFERENCES referral_groups (id),
  CONSTRAINT referral_subscriptions_staff FOREIGN KEY (staff_id) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The journey's saved state, per staff member and organisation: every value entered, by
-- field name, so Back, reload, errors and a timed-out session lose nothing.
CREATE TABLE drafts (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  staff_id         BIGINT UNSIGNED NOT NULL,
  organisation_id  BIGINT UNSIGNED NOT NULL,
  client_id        BIGINT UNSIGNED NULL,
  step             VARCHAR(32) CHARACTER SET ascii NOT NULL DEFAULT 'find',
  -- set when sent: a replayed send finds it and shows what was sent
  sent_at          DATETIME NULL,
  created_at       DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at       DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  KEY drafts_owner (staff_id, organisation_id, sent_at, updated_at),
  KEY drafts_updated (updated_at),
  CONSTRAINT drafts_staff FOREIGN KEY (staff_id) REFERENCES staff (id),
  CONSTRAINT drafts_org FOREIGN KEY (organisation_id) REFERENCES organisations (id),
  CONSTRAINT drafts_client FOREIGN KEY (client_id) REFERENCES clients (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE draft_values (
  draft_id  BIGINT UNSIGNED NOT NULL,
  name      VARCHAR(100) CHARACTER SET ascii NOT NULL,
  position  INT NOT NULL DEFAULT 0,
  value     TEXT NOT NULL,
  PRIMARY KEY (draft_id, name, position),
  CONSTRAINT draft_values_draft FOREIGN KEY (draft_id) REFERENCES drafts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A referral that could not be sent for an issue because no organisation was eligible.
CREATE TABLE gaps_in_service (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  draft_id         BIGINT UNSIGNED NOT NULL,
  issue_id         BIGINT UNSIGNED NOT NULL,
  organisation_id  BIGINT UNSIGNED NOT NULL,
  staff_id         BIGINT UNSIGNED NOT NULL,
  local_authority_id BIGINT UNSIGNED NULL,
  client_age       SMALLINT UNSIGNED NULL,
  created_at       DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  UNIQUE KEY gaps_once (draft_id, issue_id),
  KEY gaps_time (created_at),
  CONSTRAINT gaps_issue FOREIGN KEY (issue_id) REFERENCES issues (id),
  CONSTRAINT gaps_org FOREIGN KEY (organisation_id) REFERENCES organisations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Per-user messages: opted-in updates on referrals sent, system messages for administrators.
CREATE TABLE inbox_messages (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  staff_id    BIGINT UNSIGNED NOT NULL,
  kind        VARCHAR(32) CHARACTER SET ascii NOT NULL,
  subject     VARCHAR(300) NOT NULL,
  body        VARCHAR(2000) NOT NULL DEFAULT '',
  link        VARCHAR(300) NOT NULL DEFAULT '',
  created_at  DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  read_at     DATETIME NULL,
  KEY inbox_unread (staff_id, read_at, created_at),
  KEY inbox_recent (staff_id, created_at),
  CONSTRAINT inbox_staff FOREIGN KEY (staff_id) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO settings (name, value) VALUES ('draft_expiry_days', '30');
