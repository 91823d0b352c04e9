-- Organisations run themselves (issue 13): a parent organisation (teams of a larger body),
-- the senders an organisation accepts referrals from, a pause with its reason and the date it
-- resumes by itself (the scheduled job), and a banner shown on its profile and where it is
-- offered in a referral.

ALTER TABLE organisations
  -- the larger body this organisation is a team of; NULL: none
  ADD COLUMN parent_id      BIGINT UNSIGNED NULL AFTER name,
  -- 1: referrals from every organisation; 0: only from organisation_senders
  ADD COLUMN all_senders    TINYINT(1) NOT NULL DEFAULT 1 AFTER all_local_authorities,
  -- set while a lead has paused referrals (accepting is 0 then); NULL when not paused
  ADD COLUMN paused_reason  VARCHAR(200) NULL AFTER all_senders,
  -- the day the scheduled job resumes it (in the configured zone); NULL: until resumed
  ADD COLUMN paused_until   DATE NULL AFTER paused_reason,
  ADD COLUMN banner         VARCHAR(300) NOT NULL DEFAULT '' AFTER paused_until,
  ADD KEY organisations_parent (parent_id),
  -- the job's work: paused organisations with a resume date
  ADD KEY organisations_paused_until (paused_until),
  ADD CONSTRAINT organisations_parent FOREIGN KEY (parent_id) REFERENCES organisations (id);

-- The senders an organisation accepts when all_senders is 0: organisations, or parent
-- organisations whose teams are accepted with them.
CREATE TABLE organisation_senders (
  organisation_id  BIGINT UNSIGNED NOT NULL,
  sender_org_id    BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (organisation_id, sender_org_id),
  KEY organisation_senders_sender (sender_org_id),
  CONSTRAINT organisation_senders_org FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE CASCADE,
  CONSTRAINT organisation_senders_sender FOREIGN KEY (sender_org_id) REFERENCES organisations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
