-- The dashboard's and lists' copies (issue 9): each worker keeps the home page's figures and
-- charts of the organisations it served (fcgi/model/dashboard.c) and the counts of their
-- lists (fcgi/model/referral_list.c), and uses a copy while the organisation's number here
-- has not moved (and, for the dashboard, the day is the same). The figures are seven
-- capped counts that read up to 1,001 index entries each: about 14,000 entries, 4 ms of the
-- server a request for the largest organisation at the design scale, for counts that change
-- a few times a minute while its staff open the home page many times a minute.
--
-- One number per organisation, moved by triggers in the transaction that changes what the
-- home page shows of it, as cache_generation (016) is for the catalog: every way a referral or
-- group is written (the program's pages, the scheduled job, the generator, someone's UPDATE in
-- the mariadb client) moves it, and a rolled back change leaves it as it was. An organisation
-- without a row is at 0; a row is never deleted, so a number never goes back.
--
-- What moves it: a referral written or deleted (both its organisations); a change of what the
-- figures, charts or list filters read of one (its status or due dates, urgency,
-- organisations, group, time, closure reason, issue, author or client); a group's
-- unresolved flag or sender. A note, a read receipt or the job's record of
-- a notice sent does not. Overdue also moves with the date, which the worker's copy is keyed
-- on.
--
-- Hot rows: a send already takes its receivers' rows of organisations and hourly counts
-- (075) in turn; this adds a row per organisation to each send and status change. Both
-- organisations' rows are taken in id order, so two transactions take them in one order.

CREATE TABLE IF NOT EXISTS referral_generations (
  organisation_id  BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  generation       BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The one home of the rule for the triggers: both organisations move on (one organisation
-- referring to itself moves twice, which is as good as once).
CREATE OR REPLACE PROCEDURE referral_generations_move(one BIGINT UNSIGNED, other BIGINT UNSIGNED)
BEGIN
  INSERT INTO referral_generations (organisation_id, generation)
  VALUES (LEAST(one, other), 1), (GREATEST(one, other), 1)
  ON DUPLICATE KEY UPDATE generation = generation + 1;
END;

CREATE OR REPLACE TRIGGER referrals_generation_insert AFTER INSERT ON referrals FOR EACH ROW
  CALL referral_generations_move(NEW.receiving_org_id, NEW.sending_org_id);

CREATE OR REPLACE TRIGGER referrals_generation_delete AFTER DELETE ON referrals FOR EACH ROW
  CALL referral_generations_move(OLD.receiving_org_id, OLD.sending_org_id);

CREATE OR REPLACE TRIGGER referrals_generation_update AFTER UPDATE ON referrals FOR EACH ROW
BEGIN
  IF NOT (OLD.status <=> NEW.status AND OLD.update_due <=> NEW.update_due
          AND OLD.close_due <=> NEW.close_due AND OLD.urgent <=> NEW.urgent
          AND OLD.group_id <=> NEW.group_id AND OLD.created_at <=> NEW.created_at
          AND OLD.closure_reason_id <=> NEW.closure_reason_id
          AND OLD.issue_id <=> NEW.issue_id AND OLD.created_by <=> NEW.created_by
          AND OLD.client_id <=> NEW.client_id
          AND OLD.receiving_org_id <=> NEW.receiving_org_id
          AND OLD.sending_org_id <=> NEW.sending_org_id) THEN
    CALL referral_generations_move(OLD.receiving_org_id, OLD.sending_org_id);
    IF NOT (OLD.receiving_org_id <=> NEW.receiving_org_id
            AND OLD.sending_org_id <=> NEW.sending_org_id) THEN
      CALL referral_generations_move(NEW.receiving_org_id, NEW.sending_org_id);
    END IF;
  END IF;
END;

-- A group's sender counts its unresolved groups' referrals. A group is written before its
-- referrals and deleted after them, whose triggers move its sender then.
CREATE OR REPLACE TRIGGER referral_groups_generation_update AFTER UPDATE ON referral_groups
FOR EACH ROW
BEGIN
  IF NOT (OLD.unresolved <=> NEW.unresolved AND OLD.sending_org_id <=> NEW.sending_org_id) THEN
    CALL referral_generations_move(OLD.sending_org_id, NEW.sending_org_id);
  END IF;
END;
