-- What administrators configure: issues and their questionnaires, organisations and what
-- they accept, timeframes and automation settings, closure reasons, bank holidays, local
-- authorities, postcodes and the title/gender/pronoun lists.

CREATE TABLE issues (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name         VARCHAR(100) NOT NULL,
  description  VARCHAR(1000) NOT NULL DEFAULT '',
  position     INT NOT NULL DEFAULT 0,
  active       TINYINT(1) NOT NULL DEFAULT 1,
  created_at   DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  UNIQUE KEY issues_name (name),
  KEY issues_order (active, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A question of an issue's questionnaire. Retired questions are no longer asked; answers
-- keep a copy of the question text they answered, so editing a question changes no answer.
CREATE TABLE questions (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  issue_id     BIGINT UNSIGNED NOT NULL,
  position     INT NOT NULL DEFAULT 0,
  kind         ENUM('text', 'long_text', 'yes_no', 'single_choice', 'multiple_choice', 'date') NOT NULL,
  text         VARCHAR(500) NOT NULL,
  hint         VARCHAR(500) NOT NULL DEFAULT '',
  required     TINYINT(1) NOT NULL DEFAULT 0,
  retired      TINYINT(1) NOT NULL DEFAULT 0,
  created_at   DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  KEY questions_issue (issue_id, retired, position),
  CONSTRAINT questions_issue FOREIGN KEY (issue_id) REFERENCES issues (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The options of a single or multiple choice question, in order.
CREATE TABLE question_options (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  question_id  BIGINT UNSIGNED NOT NULL,
  position     INT NOT NULL DEFAULT 0,
  label        VARCHAR(200) NOT NULL,
  KEY question_options_question (question_id, position),
  CONSTRAINT question_options_question FOREIGN KEY (question_id) REFERENCES questions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE local_authorities (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name         VARCHAR(200) NOT NULL,
  code         CHAR(9) CHARACTER SET ascii NOT NULL,
  active       TINYINT(1) NOT NULL DEFAULT 1,
  UNIQUE KEY local_authorities_code (code),
  UNIQUE KEY local_authorities_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Postcode (upper case, no spaces) → local authority, from the ONS Postcode Directory.
CREATE TABLE postcodes (
  postcode            VARCHAR(8) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  local_authority_id  BIGINT UNSIGNED NOT NULL,
  town                VARCHAR(100) NULL,
  is_terminated       TINYINT(1) NOT NULL DEFAULT 0,
  KEY postcodes_la (local_authority_id),
  CONSTRAINT postcodes_la FOREIGN KEY (local_authority_id) REFERENCES local_authorities (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The configured lists a client's details choose from: titles, genders, pronouns.
CREATE TABLE reference_values (
  id        BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  list      ENUM('title', 'gender', 'pronoun') NOT NULL,
  name      VARCHAR(100) NOT NULL,
  position  INT NOT NULL DEFAULT 0,
  retired   TINYINT(1) NOT NULL DEFAULT 0,
  UNIQUE KEY reference_values_name (list, name),
  KEY reference_values_order (list, retired, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE closure_reasons (
  id        BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name      VARCHAR(200) NOT NULL,
  position  INT NOT NULL DEFAULT 0,
  retired   TINYINT(1) NOT NULL DEFAULT 0,
  UNIQUE KEY closure_reasons_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE bank_holidays (
  holiday_date  DATE NOT NULL PRIMARY KEY,
  name          VARCHAR(200) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE organisations
  ADD COLUMN description    VARCHAR(2000) NOT NULL DEFAULT '' AFTER name,
  ADD COLUMN contact_email  VARCHAR(254) NOT NULL DEFAULT '' AFTER description,
  ADD COLUMN contact_phone  VARCHAR(20) NOT NULL DEFAULT '' AFTER contact_email,
  ADD COLUMN address        VARCHAR(500) NOT NULL DEFAULT '' AFTER contact_phone,
  ADD COLUMN website        VARCHAR(500) NOT NULL DEFAULT '' AFTER address,
  ADD COLUMN accepting      TINYINT(1) NOT NULL DEFAULT 1 AFTER active,
  -- the most open referrals at once; NULL: no limit
  ADD COLUMN capacity       INT UNSIGNED NULL AFTER accepting,
  -- the ages accepted, inclusive; NULL: no lower or upper limit
  ADD COLUMN min_age        SMALLINT UNSIGNED NULL AFTER capacity,
  ADD COLUMN max_age        SMALLINT UNSIGNED NULL AFTER min_age,
  ADD COLUMN all_genders    TINYINT(1) NOT NULL DEFAULT 1 AFTER max_age,
  ADD COLUMN all_local_authorities TINYINT(1) NOT NULL DEFAULT 0 AFTER all_genders;

-- What an organisation handles and accepts (the genders and local authorities lists apply
-- when all_genders / all_local_authorities are off).
CREATE TABLE organisation_issues (
  organisation_id  BIGINT UNSIGNED NOT NULL,
  issue_id         BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (organisation_id, issue_id),
  KEY organisation_issues_issue (issue_id, organisation_id),
  CONSTRAINT organisation_issues_org FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE CASCADE,
  CONSTRAINT organisation_issues_issue FOREIGN KEY (issue_id) REFERENCES issues (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE organisation_genders (
  organisation_id  BIGINT UNSIGNED NOT NULL,
  gender_id        BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (organisation_id, gender_id),
  CONSTRAINT organisation_genders_org FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE CASCADE,
  CONSTRAINT organisation_genders_gender FOREIGN KEY (gender_id) REFERENCES reference_values (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE organisation_local_authorities (
  organisation_id     BIGINT UNSIGNED NOT NULL,
  local_authority_id  BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (organisation_id, local_authority_id),
  KEY organisation_las_la (local_authority_id, organisation_id),
  CONSTRAINT organisation_las_org FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE CASCADE,
  CONSTRAINT organisation_las_la FOREIGN KEY (local_authority_id) REFERENCES local_authorities (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO closure_reasons (name, position) VALUES
  ('Support provided', 1),
  ('Client declined support', 2),
  ('Unable to contact client', 3),
  ('Referred on to another service', 4),
  ('No response from receiving organisation', 5);

INSERT INTO reference_values (list, name, position) VALUES
  ('title', 'Mr', 1), ('title', 'Mrs', 2), ('title', 'Miss', 3), ('title', 'Ms', 4),
  ('title', 'Mx', 5), ('title', 'Dr', 6),
  ('gender', 'Female', 1), ('gender', 'Male', 2), ('gender', 'Non-binary', 3),
  ('gender', 'Prefer to self-describe', 4), ('gender', 'Prefer not to say', 5),
  ('pronoun', 'she/her', 1), ('pronoun', 'he/him', 2), ('pronoun', 'they/them', 3);

-- Timeframes are working days. Urgent ones are shorter. Auto-close turns New referrals with
-- no update for that many working days into No response, with the given closure reason.
INSERT INTO settings (name, value) VALUES
  ('update_within_days', '5'),
  ('close_within_days', '20'),
  ('urgent_update_within_days', '1'),
  ('urgent_close_within_days', '5'),
  ('auto_close_days', '10'),
  ('auto_close_reason_id', (SELECT id FROM closure_reasons WHERE name = 'No response from receiving organisation')),
  ('consent_expiry_days', '365'),
  ('gender_prefer_not_to_say', '1');
