-- The generation of the reference data each worker caches (fcgi/model/catalog.c): the
-- organisations, issues and their questions and organisations, closure reasons, settings,
-- reference values, local authorities and bank holidays. Every worker on every host reads the
-- generation with the session (one statement per request) and reloads its copy when the
-- number differs from the one its copy was loaded at.
--
-- Why triggers rather than a bump in the program's write paths: the number must move with
-- every change to these tables, however it is made (the administration pages, the scheduled
-- job, an import, a future feature, or someone's UPDATE in the mariadb client); one forgotten
-- path would leave every worker showing old names or timeframes until a restart. A trigger
-- runs in the same transaction as the change, so the new number is visible exactly when the
-- change is (and a rolled back change leaves it as it was). These tables change a few times a
-- day, so the single row is not a hot spot; under Galera a trigger runs on the node that took
-- the write and its row change replicates with the rest of the transaction.
-- (With binary logging on, creating triggers needs SUPER or log_bin_trust_function_creators.)

CREATE TABLE cache_generation (
  id          TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  generation  BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO cache_generation (id, generation) VALUES (1, 1);

CREATE TRIGGER organisations_cache_insert AFTER INSERT ON organisations FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER organisations_cache_update AFTER UPDATE ON organisations FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER organisations_cache_delete AFTER DELETE ON organisations FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;

CREATE TRIGGER organisation_issues_cache_insert AFTER INSERT ON organisation_issues FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER organisation_issues_cache_update AFTER UPDATE ON organisation_issues FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER organisation_issues_cache_delete AFTER DELETE ON organisation_issues FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;

CREATE TRIGGER issues_cache_insert AFTER INSERT ON issues FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER issues_cache_update AFTER UPDATE ON issues FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER issues_cache_delete AFTER DELETE ON issues FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;

CREATE TRIGGER questions_cache_insert AFTER INSERT ON questions FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER questions_cache_update AFTER UPDATE ON questions FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER questions_cache_delete AFTER DELETE ON questions FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;

CREATE TRIGGER closure_reasons_cache_insert AFTER INSERT ON closure_reasons FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER closure_reasons_cache_update AFTER UPDATE ON closure_reasons FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER closure_reasons_cache_delete AFTER DELETE ON closure_reasons FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;

CREATE TRIGGER settings_cache_insert AFTER INSERT ON settings FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER settings_cache_update AFTER UPDATE ON settings FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER settings_cache_delete AFTER DELETE ON settings FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;

CREATE TRIGGER reference_values_cache_insert AFTER INSERT ON reference_values FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER reference_values_cache_update AFTER UPDATE ON reference_values FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER reference_values_cache_delete AFTER DELETE ON reference_values FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;

CREATE TRIGGER local_authorities_cache_insert AFTER INSERT ON local_authorities FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER local_authorities_cache_update AFTER UPDATE ON local_authorities FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER local_authorities_cache_delete AFTER DELETE ON local_authorities FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;

CREATE TRIGGER bank_holidays_cache_insert AFTER INSERT ON bank_holidays FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER bank_holidays_cache_update AFTER UPDATE ON bank_holidays FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;
CREATE TRIGGER bank_holidays_cache_delete AFTER DELETE ON bank_holidays FOR EACH ROW
  UPDATE cache_generation SET generation = generation + 1 WHERE id = 1;
