-- Announcements (issue 14 point 5): an administrator's message to all staff or to the staff of
-- chosen organisations, delivered as inbox messages (and e-mail per each person's choice).
-- Each inbox message names its announcement, so its reach and read rate are counted from the
-- messages themselves.
CREATE TABLE announcements (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  subject      VARCHAR(300) NOT NULL,
  body         VARCHAR(2000) NOT NULL,
  everyone     TINYINT(1) NOT NULL,
  recipients   INT UNSIGNED NOT NULL DEFAULT 0,
  created_by   BIGINT UNSIGNED NOT NULL,
  created_at   DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  KEY announcements_recent (created_at),
  CONSTRAINT announcements_creator FOREIGN KEY (created_by) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE announcement_organisations (
  announcement_id  BIGINT UNSIGNED NOT NULL,
  organisation_id  BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (announcement_id, organisation_id),
  CONSTRAINT announcement_organisations_a FOREIGN KEY (announcement_id) REFERENCES announcements (id),
  CONSTRAINT announcement_organisations_o FOREIGN KEY (organisation_id) REFERENCES organisations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE inbox_messages
  ADD COLUMN announcement_id BIGINT UNSIGNED NULL,
  ADD KEY inbox_announcement (announcement_id, read_at);
