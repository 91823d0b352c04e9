-- Who looked (issue 15, point 1): every view of a client's details, a referral, its notes or
-- a file, one row each, written after the answer was sent (fcgi/model/access_log.c) and only
-- for an answer that showed the data (2xx). Append-only: the triggers refuse changing or
-- removing a row, whoever tries (the program, the job, someone in the mariadb client). The
-- rows name no client data beyond the client's id, so redaction and erasure leave them.
CREATE TABLE access_log (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  occurred_at      DATETIME(3) NOT NULL DEFAULT UTC_TIMESTAMP(3),
  staff_id         BIGINT UNSIGNED NOT NULL,
  organisation_id  BIGINT UNSIGNED NULL,
  client_id        BIGINT UNSIGNED NOT NULL,
  kind             VARCHAR(24) CHARACTER SET ascii NOT NULL,
  subject_id       BIGINT UNSIGNED NOT NULL,
  request_id       CHAR(16) CHARACTER SET ascii NOT NULL,
  KEY access_log_client (client_id, occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'access_log is append-only';
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'access_log is append-only';
