-- A form posted after its session timed out, kept until the same person signs in again, so
-- that nothing typed is lost (the form's token matched the expired session's).
CREATE TABLE resumable_posts (
  token_hash  BINARY(32) NOT NULL PRIMARY KEY,
  staff_id    BIGINT UNSIGNED NOT NULL,
  path        VARCHAR(1000) NOT NULL,
  body        MEDIUMTEXT NOT NULL,
  created_at  DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  KEY resumable_posts_time (created_at),
  CONSTRAINT resumable_posts_staff FOREIGN KEY (staff_id) REFERENCES staff (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
