-- tests/bench/generate, 35_clients: the clients, each created by the send that first referred them
-- (as the journey creates a new client inside the send: same staff member, same moment).
-- Names come from the lists with the keys fcgi/matching.c made for them, so the program finds
-- a generated client exactly as it finds a typed one. Never a demo client's first and last
-- name together: the demo files find their clients by name and would take ours for theirs.
-- Most live in the demo's area (Hartlepool and Middlesbrough), in postcodes added here to the
-- postcode table as an ONSPD import would have them; NHS numbers are in the 999 range, which
-- is never issued, with valid check digits; phone numbers are Ofcom's drama numbers.

SELECT id INTO @g_female FROM reference_values WHERE list = 'gender' AND name = 'Female';
SELECT id INTO @g_male FROM reference_values WHERE list = 'gender' AND name = 'Male';
SELECT id INTO @g_nonbinary FROM reference_values WHERE list = 'gender' AND name = 'Non-binary';
SELECT id INTO @g_self FROM reference_values WHERE list = 'gender' AND name = 'Prefer to self-describe';
SELECT id INTO @g_unsaid FROM reference_values WHERE list = 'gender' AND name = 'Prefer not to say';
SELECT id INTO @t_mr FROM reference_values WHERE list = 'title' AND name = 'Mr';
SELECT id INTO @t_mrs FROM reference_values WHERE list = 'title' AND name = 'Mrs';
SELECT id INTO @t_miss FROM reference_values WHERE list = 'title' AND name = 'Miss';
SELECT id INTO @t_ms FROM reference_values WHERE list = 'title' AND name = 'Ms';
SELECT id INTO @t_mx FROM reference_values WHERE list = 'title' AND name = 'Mx';
SELECT id INTO @t_dr FROM reference_values WHERE list = 'title' AND name = 'Dr';
SELECT id INTO @p_she FROM reference_values WHERE list = 'pronoun' AND name = 'she/her';
SELECT id INTO @p_he FROM reference_values WHERE list = 'pronoun' AND name = 'he/him';
SELECT id INTO @p_they FROM reference_values WHERE list = 'pronoun' AND name = 'they/them';
SELECT id INTO @la_hartlepool FROM local_authorities WHERE code = 'E06000001';
SELECT id INTO @la_middlesbrough FROM local_authorities WHERE code = 'E06000002';

-- First names by the gender they are mostly given to ('F', 'M'; 'X' for anyone), numbered in
-- order of how common they are.
DROP TABLE IF EXISTS gen_fname;
CREATE TABLE gen_fname (g CHAR(1) NOT NULL, k INT NOT NULL, rank_no INT NOT NULL, PRIMARY KEY (g, k)) ENGINE=MEMORY;
INSERT INTO gen_fname (g, k, rank_no)
SELECT 'F', ROW_NUMBER() OVER (ORDER BY rank_no) - 1, rank_no FROM gen_first WHERE tag IN ('F', 'U')
UNION ALL SELECT 'M', ROW_NUMBER() OVER (ORDER BY rank_no) - 1, rank_no FROM gen_first WHERE tag IN ('M', 'U')
UNION ALL SELECT 'X', ROW_NUMBER() OVER (ORDER BY rank_no) - 1, rank_no FROM gen_first;
SELECT COUNT(*) INTO @n_f FROM gen_fname WHERE g = 'F';
SELECT COUNT(*) INTO @n_m FROM gen_fname WHERE g = 'M';
SELECT COUNT(*) INTO @n_x FROM gen_fname WHERE g = 'X';
SELECT COUNT(*) INTO @n_last FROM gen_last;

-- The demo's clients, by the keys their files look them up by.
DROP TABLE IF EXISTS gen_demo_pair;
CREATE TABLE gen_demo_pair (first_key VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,
  last_key VARCHAR(100) COLLATE utf8mb4_bin NOT NULL, PRIMARY KEY (first_key, last_key)) ENGINE=MEMORY;
INSERT IGNORE INTO gen_demo_pair SELECT first_name_key, last_name_key FROM clients;

-- Postcodes of the area: sectors of Hartlepool (TS24 to TS27) and Middlesbrough (TS1 to TS8),
-- 30 units each.
INSERT IGNORE INTO postcodes (postcode, local_authority_id, town, is_terminated)
SELECT CONCAT('TS', d.district, s.seq,
              SUBSTRING('ABDEFGHJLNPQRSTUWXYZ', 1 + (u.seq * 7 + d.district * 3 + s.seq) MOD 400 DIV 20, 1),
              SUBSTRING('ABDEFGHJLNPQRSTUWXYZ', 1 + (u.seq * 7 + d.district * 3 + s.seq) MOD 20, 1)),
  IF(d.district >= 24, @la_hartlepool, @la_middlesbrough), IF(d.district >= 24, 'Hartlepool', 'Middlesbrough'), 0
FROM (SELECT seq AS district FROM seq_1_to_27 WHERE seq <= 8 OR seq >= 24) d
JOIN seq_0_to_9 s JOIN seq_0_to_29 u
WHERE @la_hartlepool IS NOT NULL AND @la_middlesbrough IS NOT NULL;

-- Where clients live: 95 % in the area, the rest anywhere else the table knows.
DROP TABLE IF EXISTS gen_pc;
CREATE TABLE gen_pc (area TINYINT NOT NULL, k INT NOT NULL, postcode VARCHAR(8) CHARACTER SET ascii NOT NULL,
  shown VARCHAR(8) CHARACTER SET ascii NOT NULL, town VARCHAR(100) NOT NULL, la_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (area, k)) ENGINE=MEMORY;
INSERT INTO gen_pc (area, k, postcode, shown, town, la_id)
SELECT area, ROW_NUMBER() OVER (PARTITION BY area ORDER BY postcode) - 1, postcode,
  CONCAT(LEFT(postcode, LENGTH(postcode) - 3), ' ', RIGHT(postcode, 3)), COALESCE(town, ''), local_authority_id
FROM (SELECT p.*, l.code IN ('E06000001', 'E06000002') AS area FROM postcodes p
      JOIN local_authorities l ON l.id = p.local_authority_id AND l.active = 1 WHERE p.is_terminated = 0) x;
SELECT COUNT(*) INTO @n_pc_in FROM gen_pc WHERE area = 1;
SELECT COUNT(*) INTO @n_pc_out FROM gen_pc WHERE area = 0;

-- The gender of client n, which the referral steps need too (the women-only service):
-- UNIT(client_n, 41) < 0.515 Female, < 0.965 Male, < 0.98 Non-binary, < 0.985 self-described,
-- else "Prefer not to say".
INSERT INTO clients (id, title_id, first_name, last_name, first_name_key, last_name_key,
  first_name_sound, last_name_sound, date_of_birth, pronoun_id, gender_id, gender_description,
  email, phone, alt_phone, contact_email, contact_phone, contact_sms, contact_voicemail, contact_post,
  nhs_number, gp_practice_name, gp_ods_code, address_line1, address_line2, town, postcode,
  no_fixed_abode, local_authority_id, created_by, created_at, updated_at)
SELECT STRAIGHT_JOIN @client_base + c.client_n,
  CASE WHEN MIXU(c.hb, 42) < 0.08 THEN NULL
       WHEN MIXU(c.hb, 43) < 0.04 THEN @t_dr
       WHEN c.gender = 'F' THEN ELT(1 + MIX(c.hb, 44) MOD 4, @t_mrs, @t_ms, @t_miss, @t_ms)
       WHEN c.gender = 'M' THEN @t_mr
       WHEN c.gender = 'N' THEN @t_mx
       ELSE NULL END,
  f.name, l.name, f.name_key, l.name_key, f.sound, l.sound,
  DATE(c.sent_at) - INTERVAL FLOOR(18 * 365.25 + POW(MIXU(c.hb, 45), 1.4) * 72 * 365.25) DAY,
  CASE WHEN MIXU(c.hb, 46) < 0.2 THEN NULL
       WHEN c.gender = 'F' THEN @p_she WHEN c.gender = 'M' THEN @p_he WHEN c.gender = 'N' THEN @p_they
       ELSE NULL END,
  CASE c.gender WHEN 'F' THEN @g_female WHEN 'M' THEN @g_male WHEN 'N' THEN @g_nonbinary
       WHEN 'S' THEN @g_self ELSE @g_unsaid END,
  IF(c.gender = 'S', ELT(1 + MIX(c.hb, 47) MOD 4, 'Genderfluid', 'Agender', 'Two-spirit', 'Demigirl'), ''),
  IF(MIXU(c.hb, 62) < 0.65, CONCAT(REPLACE(f.name_key, ' ', '.'), '.',
    REPLACE(REPLACE(l.name_key, ' ', ''), '-', ''), IF(MIXU(c.hb, 71) < 0.5, MIX(c.hb, 72) MOD 100, ''),
    '@', ELT(1 + MIX(c.hb, 73) MOD 3, 'example.com', 'example.org', 'example.net')), ''),
  c.phone,
  IF(MIXU(c.hb, 48) < 0.2, CONCAT('01632960', LPAD(MIX(c.hb, 49) MOD 1000, 3, '0')), ''),
  MIXU(c.hb, 62) < 0.65 AND MIXU(c.hb, 50) < 0.8,
  c.phone <> '' AND MIXU(c.hb, 51) < 0.85,
  c.phone <> '' AND MIXU(c.hb, 52) < 0.6,
  c.phone <> '' AND MIXU(c.hb, 53) < 0.3,
  NOT c.nfa AND MIXU(c.hb, 54) < 0.35,
  IF(c.nhs_check < 10, CONCAT('999', LPAD(c.nhs_digits, 6, '0'), c.nhs_check), ''),
  IF(c.nhs_check < 10 AND MIXU(c.hb, 55) < 0.8, ELT(1 + MIX(c.hb, 56) MOD 6, 'Headland Medical Practice',
    'Linthorpe Surgery', 'Acklam Medical Centre', 'Wynyard Road Surgery', 'Park Road Medical Practice',
    'Marsh House Surgery'), ''),
  IF(c.nhs_check < 10 AND MIXU(c.hb, 55) < 0.8, ELT(1 + MIX(c.hb, 56) MOD 6, 'A81013', 'A87012',
    'A87030', 'A81005', 'A81044', 'A81021'), ''),
  IF(c.nfa, '', CONCAT(1 + MIX(c.hb, 57) MOD 240, ' ', ELT(1 + MIX(c.hb, 58) MOD 16,
    'Church Street', 'Victoria Road', 'Station Road', 'York Road', 'Raby Road', 'Albert Road',
    'Green Lane', 'Park Avenue', 'Elwick Road', 'Linthorpe Road', 'Marton Road', 'Stockton Road',
    'Catcote Road', 'Oxford Road', 'Burn Road', 'Acklam Road'))),
  IF(NOT c.nfa AND MIXU(c.hb, 59) < 0.12, CONCAT('Flat ', 1 + MIX(c.hb, 60) MOD 12), ''),
  IF(c.nfa, '', pc.town), IF(c.nfa, '', pc.shown), c.nfa, pc.la_id,
  c.staff_id, c.sent_at, c.sent_at
FROM (
  SELECT s.client_n, s.sent_at, s.staff_id, CRC32(s.client_n) AS hb,
    CASE WHEN UNIT(s.client_n, 41) < 0.515 THEN 'F' WHEN UNIT(s.client_n, 41) < 0.965 THEN 'M'
         WHEN UNIT(s.client_n, 41) < 0.98 THEN 'N' WHEN UNIT(s.client_n, 41) < 0.985 THEN 'S' ELSE 'U' END AS gender,
    UNIT(s.client_n, 61) < 0.03 AS nfa,
    IF(UNIT(s.client_n, 63) < 0.9, CONCAT('07700900', LPAD(HASH(s.client_n, 64) MOD 1000, 3, '0')), '') AS phone,
    HASH(s.client_n, 65) MOD 1000000 AS nhs_digits,
    IF(UNIT(s.client_n, 66) < 0.75,
       (11 - (9 * 10 + 9 * 9 + 9 * 8
              + (HASH(s.client_n, 65) MOD 1000000 DIV 100000 MOD 10) * 7
              + (HASH(s.client_n, 65) MOD 1000000 DIV 10000 MOD 10) * 6
              + (HASH(s.client_n, 65) MOD 1000000 DIV 1000 MOD 10) * 5
              + (HASH(s.client_n, 65) MOD 1000000 DIV 100 MOD 10) * 4
              + (HASH(s.client_n, 65) MOD 1000000 DIV 10 MOD 10) * 3
              + (HASH(s.client_n, 65) MOD 1000000 MOD 10) * 2) MOD 11) MOD 11,
       99) AS nhs_check
  FROM gen_send s WHERE s.is_new = 1
  LIMIT 4294967295 -- materialized: its columns are read many times, computed once
) c
JOIN gen_fname fn ON fn.g = IF(c.gender IN ('F', 'M'), c.gender, 'X')
  AND fn.k = FLOOR(IF(c.gender = 'F', @n_f, IF(c.gender = 'M', @n_m, @n_x)) * POW(MIXU(c.hb, 67), 2))
JOIN gen_first f ON f.rank_no = fn.rank_no
JOIN gen_last l1 ON l1.rank_no = FLOOR((@n_last - 1) * POW(MIXU(c.hb, 68), 2.2))
LEFT JOIN gen_demo_pair dp ON dp.first_key = f.name_key AND dp.last_key = l1.name_key
JOIN gen_last l ON l.rank_no = l1.rank_no + (dp.first_key IS NOT NULL)
JOIN gen_pc pc ON pc.area = (MIXU(c.hb, 69) >= 0.05)
  AND pc.k = MIX(c.hb, 70) MOD IF(MIXU(c.hb, 69) >= 0.05, @n_pc_in, @n_pc_out);
