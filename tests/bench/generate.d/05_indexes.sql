-- tests/bench/generate, 05_indexes: the secondary indexes of the tables that take millions of rows
-- are dropped for the load and built again at the end (93_indexes.sql): an index built from
-- sorted rows costs a fraction of millions of inserts into it. Their definitions are read from
-- the table as it is, so indexes added by later migrations come back too. (Foreign keys stay;
-- with foreign_key_checks off, InnoDB lets the index under one go for a while.)
-- If a later step fails, the driver runs 93_indexes.sql all the same.

DROP TABLE IF EXISTS gen_index;
CREATE TABLE gen_index (
  table_name  VARCHAR(64) NOT NULL,
  index_name  VARCHAR(64) NOT NULL,
  definition  TEXT NOT NULL,
  PRIMARY KEY (table_name, index_name)
) ENGINE=InnoDB;

INSERT INTO gen_index (table_name, index_name, definition)
SELECT table_name, index_name,
  CONCAT(IF(MAX(non_unique) = 0, 'UNIQUE ', ''), 'KEY `', index_name, '` (',
         GROUP_CONCAT(CONCAT('`', column_name, '`', IF(sub_part IS NULL, '', CONCAT('(', sub_part, ')')),
                             IF(collation = 'D', ' DESC', ''))
                      ORDER BY seq_in_index SEPARATOR ', '), ')',
         IF(MAX(index_comment) <> '', CONCAT(' COMMENT ', QUOTE(MAX(index_comment))), ''),
         IF(MAX(ignored) = 'YES', ' IGNORED', ''))
FROM information_schema.statistics
WHERE table_schema = DATABASE() AND index_name <> 'PRIMARY' AND index_type = 'BTREE'
  AND table_name IN ('events', 'inbox_messages', 'answers', 'referrals', 'referral_groups', 'client_orgs',
                     'consents', 'clients', 'notes')
GROUP BY table_name, index_name;

-- One ALTER TABLE per table, from the list above.
DROP TABLE IF EXISTS gen_index_ddl;
CREATE TABLE gen_index_ddl (n INT NOT NULL PRIMARY KEY, ddl TEXT NOT NULL) ENGINE=InnoDB;
INSERT INTO gen_index_ddl (n, ddl)
SELECT ROW_NUMBER() OVER (ORDER BY table_name), CONCAT('ALTER TABLE `', table_name, '` ',
  GROUP_CONCAT(CONCAT('DROP KEY `', index_name, '`') SEPARATOR ', '))
FROM gen_index GROUP BY table_name;

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
