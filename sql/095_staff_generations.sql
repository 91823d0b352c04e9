-- The lists' "Created by" choices (issue 9): each worker keeps an organisation's staff, the
-- names its Received and Sent lists offer to filter by (fcgi/model/referral_list.c,
-- referral_list_staff), by the organisation's number here, which the session statement reads
-- with the session: a list is then two statements. Reading them cost the database 13 % of a
-- list's work at the design scale (57 members and their names, sorted, for every request).
--
-- As for referral_generations (080), triggers move the number in the changing transaction,
-- however the change is made: a membership added, removed or moved (staff_orgs), a member's
-- name changed, or a member deleted (staff_orgs' ON DELETE CASCADE fires no trigger, so the
-- staff row's own trigger moves the organisations first). Signing in and the directory's
-- regular re-reading rewrite a member's directory memberships, so they move it too: a
-- worker then reads the names once more. An organisation without a row is at 0; a row is
-- never deleted, so a number never goes back.

CREATE TABLE IF NOT EXISTS staff_generations (
  organisation_id  BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  generation       BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE OR REPLACE PROCEDURE staff_generations_move(organisation BIGINT UNSIGNED)
  INSERT INTO staff_generations (organisation_id, generation) VALUES (organisation, 1)
  ON DUPLICATE KEY UPDATE generation = generation + 1;

-- Every organisation of a member, in id order (two transactions take them in one order).
CREATE OR REPLACE PROCEDURE staff_generations_move_member(member BIGINT UNSIGNED)
  INSERT INTO staff_generations (organisation_id, generation)
  SELECT DISTINCT organisation_id, 1 FROM staff_orgs WHERE staff_id = member
  ORDER BY organisation_id
  ON DUPLICATE KEY UPDATE generation = staff_generations.generation + 1;

CREATE OR REPLACE TRIGGER staff_orgs_generation_insert AFTER INSERT ON staff_orgs FOR EACH ROW
  CALL staff_generations_move(NEW.organisation_id);

CREATE OR REPLACE TRIGGER staff_orgs_generation_delete AFTER DELETE ON staff_orgs FOR EACH ROW
  CALL staff_generations_move(OLD.organisation_id);

CREATE OR REPLACE TRIGGER staff_orgs_generation_update AFTER UPDATE ON staff_orgs FOR EACH ROW
BEGIN
  IF NOT (OLD.organisation_id <=> NEW.organisation_id AND OLD.staff_id <=> NEW.staff_id) THEN
    CALL staff_generations_move(OLD.organisation_id);
    CALL staff_generations_move(NEW.organisation_id);
  END IF;
END;

CREATE OR REPLACE TRIGGER staff_generation_update AFTER UPDATE ON staff FOR EACH ROW
BEGIN
  IF NOT (OLD.display_name <=> NEW.display_name) THEN
    CALL staff_generations_move_member(NEW.id);
  END IF;
END;

CREATE OR REPLACE TRIGGER staff_generation_delete BEFORE DELETE ON staff FOR EACH ROW
  CALL staff_generations_move_member(OLD.id);
