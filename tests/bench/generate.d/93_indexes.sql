-- tests/bench/generate, 93_indexes: the secondary indexes 05_indexes dropped, built again from
-- the rows now there (one ALTER TABLE per table builds all of its indexes in one pass), for the
-- tables in @tables (a comma-separated list; NULL: all), once the load has done with them: the
-- driver runs it for some tables beside later steps. Adds only what is missing, so it can run
-- again after a failure.

CREATE TEMPORARY TABLE gen_index_ddl (n INT NOT NULL PRIMARY KEY, ddl TEXT NOT NULL) ENGINE=InnoDB;
INSERT INTO gen_index_ddl (n, ddl)
SELECT ROW_NUMBER() OVER (ORDER BY g.table_name), CONCAT('ALTER TABLE `', g.table_name, '` ',
  GROUP_CONCAT(CONCAT('ADD ', g.definition) SEPARATOR ', '))
FROM gen_index g
WHERE (@tables IS NULL OR FIND_IN_SET(g.table_name, CONVERT(@tables USING utf8mb4) COLLATE utf8mb4_unicode_ci))
  AND NOT EXISTS (SELECT 1 FROM information_schema.statistics s
                  WHERE s.table_schema = DATABASE() AND s.table_name = g.table_name AND s.index_name = g.index_name)
GROUP BY g.table_name;

SET @ddl = COALESCE((SELECT ddl FROM gen_index_ddl WHERE n = 1), 'DO 0'); PREPARE ddl FROM @ddl; EXECUTE ddl;
SET @ddl = COALESCE((SELECT ddl FROM gen_index_ddl WHERE n = 2), 'DO 0'); PREPARE ddl FROM @ddl; EXECUTE ddl;
SET @ddl = COALESCE((SELECT ddl FROM gen_index_ddl WHERE n = 3), 'DO 0'); PREPARE ddl FROM @ddl; EXECUTE ddl;
SET @ddl = COALESCE((SELECT ddl FROM gen_index_ddl WHERE n = 4), 'DO 0'); PREPARE ddl FROM @ddl; EXECUTE ddl;
SET @ddl = COALESCE((SELECT ddl FROM gen_index_ddl WHERE n = 5), 'DO 0'); PREPARE ddl FROM @ddl; EXECUTE ddl;
SET @ddl = COALESCE((SELECT ddl FROM gen_index_ddl WHERE n = 6), 'DO 0'); PREPARE ddl FROM @ddl; EXECUTE ddl;
SET @ddl = COALESCE((SELECT ddl FROM gen_index_ddl WHERE n = 7), 'DO 0'); PREPARE ddl FROM @ddl; EXECUTE ddl;
SET @ddl = COALESCE((SELECT ddl FROM gen_index_ddl WHERE n = 8), 'DO 0'); PREPARE ddl FROM @ddl; EXECUTE ddl;
SET @ddl = COALESCE((SELECT ddl FROM gen_index_ddl WHERE n = 9), 'DO 0'); PREPARE ddl FROM @ddl; EXECUTE ddl;
DEALLOCATE PREPARE ddl;
