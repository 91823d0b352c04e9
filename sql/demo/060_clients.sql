-- Demo clients, visible to the demo organisations as if referrals had been sent for them
-- (the referrals themselves come from a later demo file). Addresses use the demo postcodes of
-- Hartlepool and Middlesbrough (010_reference.sql), which the demo organisations cover; phone
-- numbers are from Ofcom's drama ranges; NHS numbers have valid check digits but are made up.
--
-- Match keys: the program computes them (fcgi/matching.c). These names are plain ASCII letters
-- without apostrophes, hyphens or accents, for which the name key is just LOWER(name); the
-- phonetic keys (Caverphone 2.0, padded with 1s) were computed with match_phonetic_key and are
-- written out here. Change a name only together with its keys.
--
-- created_by must be a staff row: the demo's Amira Khan, entered by 050_staff.sql.
--
-- Safe to run on every start: a client is added only while none has the same name keys and
-- date of birth, and visibility rows are INSERT IGNORE.

INSERT INTO clients (title_id, first_name, last_name, first_name_key, last_name_key,
  first_name_sound, last_name_sound, date_of_birth, pronoun_id, gender_id, email, phone,
  alt_phone, contact_email, contact_phone, contact_sms, contact_voicemail, contact_post,
  nhs_number, gp_practice_name, gp_ods_code, address_line1, address_line2, town, postcode,
  no_fixed_abode, local_authority_id, created_by, created_at, updated_at)
SELECT t.id, d.first_name, d.last_name, LOWER(d.first_name), LOWER(d.last_name),
  d.first_sound, d.last_sound, d.dob, p.id, g.id, d.email, d.phone, d.alt_phone,
  d.c_email, d.c_phone, d.c_sms, d.c_voicemail, d.c_post, d.nhs, d.gp_name, d.gp_ods,
  d.line1, d.line2, d.town, d.postcode, d.nfa, la.id, s.id,
  UTC_TIMESTAMP() - INTERVAL d.days_ago DAY, UTC_TIMESTAMP() - INTERVAL d.days_ago DAY
FROM (
  SELECT 'Ms' AS title, 'Jane' AS first_name, 'Smith' AS last_name, 'YN11111111' AS first_sound,
         'SMT1111111' AS last_sound, '1985-03-12' AS dob, 'she/her' AS pronoun, 'Female' AS gender,
         'jane.smith@example.com' AS email, '07700900101' AS phone, '' AS alt_phone,
         1 AS c_email, 1 AS c_phone, 1 AS c_sms, 0 AS c_voicemail, 0 AS c_post,
         '4260181599' AS nhs, 'Headland Medical Practice' AS gp_name, 'A81013' AS gp_ods,
         '14 Church Street' AS line1, '' AS line2, 'Hartlepool' AS town, 'TS24 8AY' AS postcode,
         0 AS nfa, 'E06000001' AS la, 60 AS days_ago
  UNION ALL SELECT 'Mr', 'Mohammed', 'Ali', 'MMT1111111', 'ALA1111111', '1978-11-04', 'he/him', 'Male',
         'm.ali@example.com', '07700900102', '01632960102', 0, 1, 1, 1, 1,
         '9301661314', 'Linthorpe Surgery', 'A87012', 'Flat 3', '27 Albert Road', 'Middlesbrough', 'TS1 2QQ',
         0, 'E06000002', 45
  UNION ALL SELECT 'Miss', 'Sarah', 'Jones', 'SRA1111111', 'YNS1111111', '1992-07-21', 'she/her', 'Female',
         '', '07700900103', '', 0, 1, 1, 0, 1,
         '6091390996', 'Headland Medical Practice', 'A81013', '8 Victoria Terrace', '', 'Hartlepool', 'TS24 7BT',
         0, 'E06000001', 38
  UNION ALL SELECT 'Mr', 'David', 'Brown', 'TFT1111111', 'PRN1111111', '1969-01-30', NULL, 'Male',
         '', '07700900104', '', 0, 1, 0, 0, 0,
         '', '', '', '', '', '', '',
         1, 'E06000002', 30
  UNION ALL SELECT 'Mx', 'Emma', 'Wilson', 'AMA1111111', 'WSN1111111', '2001-05-09', 'they/them', 'Non-binary',
         'emma.wilson@example.org', '07700900105', '', 1, 0, 1, 0, 0,
         '4308246288', 'Acklam Medical Centre', 'A87030', '52 Green Lane', 'Acklam', 'Middlesbrough', 'TS5 4AA',
         0, 'E06000002', 21
  UNION ALL SELECT 'Mr', 'Kwame', 'Mensah', 'KWM1111111', 'MNSA111111', '1988-12-02', 'he/him', 'Male',
         'kwame.mensah@example.com', '07700900106', '', 1, 1, 0, 1, 0,
         '4482199354', '', '', '3 Raby Road', '', 'Hartlepool', 'TS25 9AA',
         0, 'E06000001', 14
  UNION ALL SELECT 'Mrs', 'Aisha', 'Begum', 'ASA1111111', 'PKM1111111', '1995-04-03', 'she/her', 'Female',
         'aisha.begum@example.com', '07700900107', '07700900117', 1, 1, 1, 1, 1,
         '6190937861', 'Linthorpe Surgery', 'A87012', '101 Parliament Road', '', 'Middlesbrough', 'TS1 3BA',
         0, 'E06000002', 7
  UNION ALL SELECT 'Dr', 'Tom', 'Baker', 'TM11111111', 'PKA1111111', '1957-08-15', NULL, 'Prefer not to say',
         'tom.baker@example.org', '01632960108', '', 1, 0, 0, 0, 1,
         '9875749117', 'Wynyard Road Surgery', 'A81005', '22 Elwick Road', '', 'Hartlepool', 'TS24 7BT',
         0, 'E06000001', 2
) d
JOIN staff s ON s.username = 'amira'
LEFT JOIN reference_values t ON t.list = 'title' AND t.name = d.title
LEFT JOIN reference_values p ON p.list = 'pronoun' AND p.name = d.pronoun
LEFT JOIN reference_values g ON g.list = 'gender' AND g.name = d.gender
LEFT JOIN local_authorities la ON la.code = d.la
WHERE NOT EXISTS (
  SELECT 1 FROM clients c
  WHERE c.last_name_key = LOWER(d.last_name) AND c.first_name_key = LOWER(d.first_name)
    AND c.date_of_birth = d.dob
);

-- Who can see them: the organisations that would have sent or received their referrals.
INSERT IGNORE INTO client_orgs (client_id, organisation_id)
SELECT c.id, o.id
FROM (
  SELECT 'jane' AS first_key, 'smith' AS last_key, '1985-03-12' AS dob, 'Riverside Citizens Advice' AS org
  UNION ALL SELECT 'jane', 'smith', '1985-03-12', 'Northfield Council Housing Options'
  UNION ALL SELECT 'mohammed', 'ali', '1978-11-04', 'Riverside Citizens Advice'
  UNION ALL SELECT 'mohammed', 'ali', '1978-11-04', 'Southgate Food Bank'
  UNION ALL SELECT 'sarah', 'jones', '1992-07-21', 'Riverside Citizens Advice'
  UNION ALL SELECT 'sarah', 'jones', '1992-07-21', 'Eastbrook NHS Talking Therapies'
  UNION ALL SELECT 'david', 'brown', '1969-01-30', 'Northfield Council Housing Options'
  UNION ALL SELECT 'david', 'brown', '1969-01-30', 'Riverside Citizens Advice'
  UNION ALL SELECT 'emma', 'wilson', '2001-05-09', 'Eastbrook NHS Talking Therapies'
  UNION ALL SELECT 'emma', 'wilson', '2001-05-09', 'Southgate Food Bank'
  UNION ALL SELECT 'kwame', 'mensah', '1988-12-02', 'Riverside Citizens Advice'
  UNION ALL SELECT 'aisha', 'begum', '1995-04-03', 'Riverside Citizens Advice'
  UNION ALL SELECT 'aisha', 'begum', '1995-04-03', 'Southgate Food Bank'
  UNION ALL SELECT 'tom', 'baker', '1957-08-15', 'Southgate Food Bank'
  UNION ALL SELECT 'tom', 'baker', '1957-08-15', 'Riverside Citizens Advice'
) v
JOIN clients c ON c.last_name_key = v.last_key AND c.first_name_key = v.first_key AND c.date_of_birth = v.dob
JOIN organisations o ON o.name = v.org;
