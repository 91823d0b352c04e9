-- A note or file added by a system administrator who is not party to the referral is theirs,
-- not their active organisation's (issue 11 point 8): organisation_id NULL, shown as
-- "Administrator".
ALTER TABLE notes MODIFY organisation_id BIGINT UNSIGNED NULL;
ALTER TABLE files MODIFY organisation_id BIGINT UNSIGNED NULL;
