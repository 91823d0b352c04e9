-- Roles within an organisation (issue 13): 0 Staff, 1 Organisation lead, 2 Organisation
-- manager (enum org_role in fcgi/model/org_role.h), each including the ones below it.
-- A directory group gives its members a role as well as an organisation; a manual membership
-- has the role an administrator or a manager of the organisation gave it. When both kinds of
-- membership exist, the higher role applies.
ALTER TABLE directory_groups
  ADD COLUMN role TINYINT UNSIGNED NOT NULL DEFAULT 0 CHECK (role <= 2);

ALTER TABLE staff_orgs
  ADD COLUMN role TINYINT UNSIGNED NOT NULL DEFAULT 0 CHECK (role <= 2),
  ADD COLUMN role_set_by BIGINT UNSIGNED NULL,
  ADD COLUMN role_set_at DATETIME NULL;

-- People a manager or an administrator added to an organisation before their first sign-in
-- (found in the directory, no staff row yet): the membership is made at that sign-in, by the
-- directory's username, and this row goes.
CREATE TABLE staff_pending (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username         VARCHAR(255) NOT NULL,
  display_name     VARCHAR(255) NOT NULL,
  email            VARCHAR(320) NULL,
  organisation_id  BIGINT UNSIGNED NOT NULL,
  role             TINYINT UNSIGNED NOT NULL DEFAULT 0 CHECK (role <= 2),
  added_by         BIGINT UNSIGNED NULL,
  created_at       DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  UNIQUE KEY staff_pending_user_org (username, organisation_id),
  KEY staff_pending_org (organisation_id),
  CONSTRAINT staff_pending_org FOREIGN KEY (organisation_id) REFERENCES organisations (id),
  CONSTRAINT staff_pending_added_by FOREIGN KEY (added_by) REFERENCES staff (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
