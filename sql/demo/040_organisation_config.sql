-- What the demo organisations do and accept: descriptions, contacts, capacity, issues handled,
-- ages, genders and local authorities; plus a women-only service, an inactive organisation and
-- one not accepting referrals. Issues are matched by name (020_issues.sql) and local
-- authorities by code (010_reference.sql): any that are missing are skipped.
-- Safe to run on every start: details are written only while an organisation has none (an
-- administrator's later changes stay), and each list only while it is empty.
-- Phone numbers are from Ofcom's drama ranges; addresses and websites are fictional.

-- The four organisations of 001_organisations.sql.
UPDATE organisations SET
  description = 'Free, confidential and impartial advice on money, debt, benefits, work, housing and consumer problems. Drop-in sessions on Monday, Wednesday and Friday mornings; appointments by phone.',
  contact_email = 'advice@riverside-ca.example.org', contact_phone = '01632960001',
  address = '12 Mill Lane\nRiverside\nRV1 2AB', website = 'https://riverside-ca.example.org',
  accepting = 1, capacity = 40, min_age = 16, max_age = NULL,
  all_genders = 1, all_local_authorities = 0
WHERE name = 'Riverside Citizens Advice' AND description = '';

UPDATE organisations SET
  description = 'The council''s housing options team: homelessness prevention and relief, housing register applications, temporary accommodation and advice for private tenants facing eviction.',
  contact_email = 'housing.options@northfield.example.gov.uk', contact_phone = '01632960002',
  address = 'Civic Centre\nNorthfield\nNF4 7QT', website = 'https://www.northfield.example.gov.uk/housing',
  accepting = 1, capacity = NULL, min_age = 16, max_age = NULL,
  all_genders = 1, all_local_authorities = 0
WHERE name = 'Northfield Council Housing Options' AND description = '';

UPDATE organisations SET
  description = 'NHS talking therapies for adults with anxiety, depression and stress: guided self-help, group courses and one-to-one cognitive behavioural therapy. The waiting list is long, so it takes few referrals at once.',
  contact_email = 'talkingtherapies@eastbrook.example.nhs.uk', contact_phone = '01632960003',
  address = 'Eastbrook Health Centre\nStation Road\nEastbrook\nEB2 9HL', website = 'https://eastbrook-talking.example.nhs.uk',
  accepting = 1, capacity = 3, min_age = 18, max_age = NULL,
  all_genders = 1, all_local_authorities = 0
WHERE name = 'Eastbrook NHS Talking Therapies' AND description = '';

UPDATE organisations SET
  description = 'Emergency food parcels for three days, toiletries and household essentials, with a weekly community larder. Run by volunteers from St Anne''s church hall.',
  contact_email = 'hello@southgate-foodbank.example.org', contact_phone = '01632960004',
  address = 'St Anne''s Church Hall\nSouthgate Road\nSouthgate\nSG3 1LP', website = 'https://southgate-foodbank.example.org',
  accepting = 1, capacity = 25, min_age = NULL, max_age = NULL,
  all_genders = 1, all_local_authorities = 0
WHERE name = 'Southgate Food Bank' AND description = '';

-- A women-only service, an organisation that has closed, and one with a full waiting list.
INSERT IGNORE INTO organisations (name, description, contact_email, contact_phone, address,
  website, active, accepting, capacity, min_age, max_age, all_genders, all_local_authorities)
VALUES
  ('Riverside Women''s Centre',
   'Support for women experiencing domestic abuse: safety planning, an independent domestic violence adviser, refuge referrals, counselling and a weekly drop-in.',
   'support@riverside-womens-centre.example.org', '01632960005', '3 Quay Street\nRiverside\nRV1 4DD',
   'https://riverside-womens-centre.example.org', 1, 1, 15, 16, NULL, 0, 0),
  ('Westside Money Advice Project',
   'Debt advice project for Westside residents. Closed in March when its funding ended: its referrals are kept for the record.',
   'info@westside-money.example.org', '01632960006', '40 High Street\nWestside\nWS5 8JJ',
   '', 0, 0, NULL, 18, NULL, 1, 0),
  ('Hillcrest Employment Hub',
   'Online and phone coaching for people looking for work: CVs, applications, interview practice and routes into training. Not taking new referrals until its new advisers start.',
   'hub@hillcrest-employment.example.org', '01632960007', '',
   'https://hillcrest-employment.example.org', 1, 0, 30, 16, 67, 1, 1);

INSERT IGNORE INTO directory_groups (group_dn, organisation_id)
SELECT 'cn=womens-centre,ou=groups,dc=example,dc=org', id FROM organisations
WHERE name = 'Riverside Women''s Centre';

-- Issues handled, by issue name.
INSERT IGNORE INTO organisation_issues (organisation_id, issue_id)
SELECT o.id, i.id
FROM (
  SELECT 'Riverside Citizens Advice' AS org, 'Debt and money advice' AS issue
  UNION ALL SELECT 'Riverside Citizens Advice', 'Housing'
  UNION ALL SELECT 'Riverside Citizens Advice', 'Employment and skills'
  UNION ALL SELECT 'Northfield Council Housing Options', 'Housing'
  UNION ALL SELECT 'Northfield Council Housing Options', 'Domestic abuse support'
  UNION ALL SELECT 'Eastbrook NHS Talking Therapies', 'Mental health and wellbeing'
  UNION ALL SELECT 'Southgate Food Bank', 'Food and essentials'
  UNION ALL SELECT 'Southgate Food Bank', 'Debt and money advice'
  UNION ALL SELECT 'Riverside Women''s Centre', 'Domestic abuse support'
  UNION ALL SELECT 'Riverside Women''s Centre', 'Mental health and wellbeing'
  UNION ALL SELECT 'Westside Money Advice Project', 'Debt and money advice'
  UNION ALL SELECT 'Hillcrest Employment Hub', 'Employment and skills'
) m
JOIN organisations o ON o.name = m.org
JOIN issues i ON i.name = m.issue
WHERE NOT EXISTS (SELECT 1 FROM organisation_issues x WHERE x.organisation_id = o.id);

-- Genders: everyone accepts all genders except the women's centre.
INSERT IGNORE INTO organisation_genders (organisation_id, gender_id)
SELECT o.id, g.id
FROM organisations o
JOIN reference_values g ON g.list = 'gender' AND g.name = 'Female'
WHERE o.name = 'Riverside Women''s Centre' AND o.all_genders = 0
  AND NOT EXISTS (SELECT 1 FROM organisation_genders x WHERE x.organisation_id = o.id);

-- Local authorities covered, by ONS code (Hillcrest covers all of them: it works online).
INSERT IGNORE INTO organisation_local_authorities (organisation_id, local_authority_id)
SELECT o.id, l.id
FROM (
  SELECT 'Riverside Citizens Advice' AS org, 'E06000001' AS code
  UNION ALL SELECT 'Riverside Citizens Advice', 'E06000002'
  UNION ALL SELECT 'Riverside Citizens Advice', 'E06000003'
  UNION ALL SELECT 'Northfield Council Housing Options', 'E06000002'
  UNION ALL SELECT 'Eastbrook NHS Talking Therapies', 'E06000001'
  UNION ALL SELECT 'Eastbrook NHS Talking Therapies', 'E06000002'
  UNION ALL SELECT 'Eastbrook NHS Talking Therapies', 'E06000003'
  UNION ALL SELECT 'Eastbrook NHS Talking Therapies', 'E06000004'
  UNION ALL SELECT 'Eastbrook NHS Talking Therapies', 'E06000005'
  UNION ALL SELECT 'Southgate Food Bank', 'E06000001'
  UNION ALL SELECT 'Southgate Food Bank', 'E06000002'
  UNION ALL SELECT 'Southgate Food Bank', 'E06000004'
  UNION ALL SELECT 'Riverside Women''s Centre', 'E06000001'
  UNION ALL SELECT 'Riverside Women''s Centre', 'E06000002'
  UNION ALL SELECT 'Westside Money Advice Project', 'E06000005'
) m
JOIN organisations o ON o.name = m.org AND o.all_local_authorities = 0
JOIN local_authorities l ON l.code = m.code
WHERE NOT EXISTS (SELECT 1 FROM organisation_local_authorities x WHERE x.organisation_id = o.id);
