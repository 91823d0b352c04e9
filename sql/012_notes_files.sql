-- Notes on referrals and on clients, and files attached to referrals (issue 4 point 5).
-- A note belongs to exactly one referral or one client. Referral notes are read by the
-- referral's two organisations (and administrators); client notes by every organisation that
-- can see the client. Files are kept in the database, never under the web root.

CREATE TABLE notes (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  referral_id      BIGINT UNSIGNED NULL,
  client_id        BIGINT UNSIGNED NULL,
  body             TEXT NOT NULL,
  staff_id         BIGINT UNSIGNED NOT NULL,
  organisation_id  BIGINT UNSIGNED NOT NULL,
  created_at       DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  KEY notes_referral (referral_id, created_at),
  KEY notes_client (client_id, created_at),
  CONSTRAINT notes_one_subject CHECK ((referral_id IS NULL) <> (client_id IS NULL)),
  CONSTRAINT notes_referral FOREIGN KEY (referral_id) REFERENCES referrals (id),
  CONSTRAINT notes_client FOREIGN KEY (client_id) REFERENCES clients (id),
  CONSTRAINT notes_staff FOREIGN KEY (staff_id) REFERENCES staff (id),
  CONSTRAINT notes_org FOREIGN KEY (organisation_id) REFERENCES organisations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE files (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  referral_id      BIGINT UNSIGNED NOT NULL,
  name             VARCHAR(255) NOT NULL,
  content_type     VARCHAR(255) NOT NULL DEFAULT '',
  size             BIGINT UNSIGNED NOT NULL,
  data             LONGBLOB NOT NULL,
  sha256           CHAR(64) CHARACTER SET ascii NOT NULL,
  uploaded_by      BIGINT UNSIGNED NOT NULL,
  organisation_id  BIGINT UNSIGNED NOT NULL,
  created_at       DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  KEY files_referral (referral_id, created_at),
  CONSTRAINT files_referral FOREIGN KEY (referral_id) REFERENCES referrals (id),
  CONSTRAINT files_staff FOREIGN KEY (uploaded_by) REFERENCES staff (id),
  CONSTRAINT files_org FOREIGN KEY (organisation_id) REFERENCES organisations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
