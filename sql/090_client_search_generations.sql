-- The lists' count copies for searches and ages (issue 9): a worker keeps the count of a
-- Received or Sent list by its organisation's referral generation (080), which the referrals'
-- own triggers move. A search (client names and email) or an age filter (date of birth) also
-- reads the client, whose change moves nothing there: this trigger moves the numbers of every
-- organisation that sent or received a referral of a client whose searched or filtered
-- columns change (an edit, a redaction, an erasure). A client without referrals is in no
-- list's count, and a referral made later moves its organisations itself.
--
-- The client's referrals are read through referrals_client (a handful of rows); the
-- organisations' rows are taken in id order, as 080's procedure takes its two, so two
-- transactions take them in one order. Client edits are rare beside list views: this keeps a
-- repeated search's count (up to 6,000 rows, 16 ms for a common name at the design scale) to
-- the worker's copy.

CREATE OR REPLACE TRIGGER clients_generation_update AFTER UPDATE ON clients FOR EACH ROW
BEGIN
  IF NOT (OLD.first_name_key <=> NEW.first_name_key AND OLD.last_name_key <=> NEW.last_name_key
          AND OLD.email <=> NEW.email AND OLD.date_of_birth <=> NEW.date_of_birth) THEN
    INSERT INTO referral_generations (organisation_id, generation)
    SELECT o, 1 FROM (SELECT r.receiving_org_id o FROM referrals r WHERE r.client_id = NEW.id
                      UNION SELECT r.sending_org_id FROM referrals r WHERE r.client_id = NEW.id) orgs
    ORDER BY o
    ON DUPLICATE KEY UPDATE generation = referral_generations.generation + 1;
  END IF;
END;
