-- Organisations that run themselves (issue 13): a parent organisation with two teams, an
-- organisation that accepts referrals only from chosen senders, a paused one with a date to
-- resume and a banner alert, and a banner on one that is offered.
-- Safe to run on every start: rows are matched by name, and each setting is written only while
-- the organisation does not have it yet (an administrator's or lead's later changes stay).

-- The parent body and its new youth team (the Women's Centre is its other team).
INSERT IGNORE INTO organisations (name, description, contact_email, contact_phone, address,
  website, active, accepting, capacity, min_age, max_age, all_genders, all_local_authorities)
VALUES
  ('Riverside Community Trust',
   'The charity behind the Riverside Women''s Centre and the Riverside Youth Hub: referrals go to its teams, listed on this page.',
   'office@riverside-trust.example.org', '01632960008', '1 Quay Street\nRiverside\nRV1 4DA',
   'https://riverside-trust.example.org', 1, 1, NULL, NULL, NULL, 1, 0),
  ('Riverside Youth Hub',
   'Drop-in and one-to-one support for young people aged 11 to 25: wellbeing, training and first jobs.',
   'youth@riverside-trust.example.org', '01632960009', '5 Quay Street\nRiverside\nRV1 4DB',
   'https://riverside-trust.example.org/youth', 1, 1, 20, 11, 25, 1, 0);

UPDATE organisations t JOIN organisations p ON p.name = 'Riverside Community Trust'
SET t.parent_id = p.id
WHERE t.name IN ('Riverside Women''s Centre', 'Riverside Youth Hub') AND t.parent_id IS NULL;

INSERT IGNORE INTO organisation_issues (organisation_id, issue_id)
SELECT o.id, i.id
FROM organisations o
JOIN issues i ON i.name IN ('Mental health and wellbeing', 'Employment and skills')
WHERE o.name = 'Riverside Youth Hub'
  AND NOT EXISTS (SELECT 1 FROM organisation_issues x WHERE x.organisation_id = o.id);

INSERT IGNORE INTO organisation_local_authorities (organisation_id, local_authority_id)
SELECT o.id, l.id
FROM organisations o
JOIN local_authorities l ON l.code IN ('E06000001', 'E06000002')
WHERE o.name = 'Riverside Youth Hub'
  AND NOT EXISTS (SELECT 1 FROM organisation_local_authorities x WHERE x.organisation_id = o.id);

-- The Women's Centre takes referrals only from the council's housing team and its own trust's
-- teams: Riverside Citizens Advice is told "Does not accept referrals from ...".
INSERT IGNORE INTO organisation_senders (organisation_id, sender_org_id)
SELECT o.id, s.id
FROM organisations o
JOIN organisations s ON s.name IN ('Northfield Council Housing Options', 'Riverside Community Trust')
WHERE o.name = 'Riverside Women''s Centre'
  AND NOT EXISTS (SELECT 1 FROM organisation_senders x WHERE x.organisation_id = o.id);
UPDATE organisations o SET o.all_senders = 0
WHERE o.name = 'Riverside Women''s Centre'
  AND EXISTS (SELECT 1 FROM organisation_senders x WHERE x.organisation_id = o.id);

-- Hillcrest is paused until its new advisers start (the scheduled job resumes it then), with a
-- banner; Eastbrook, still offered, has a banner about its waiting list.
UPDATE organisations
SET paused_reason = 'New advisers start soon', paused_until = CURDATE() + INTERVAL 30 DAY,
    banner = 'Phone us for urgent job-loss cases while referrals are paused.'
WHERE name = 'Hillcrest Employment Hub' AND accepting = 0 AND paused_reason IS NULL AND banner = '';

UPDATE organisations
SET banner = 'The waiting list is about 12 weeks: please tell the client when you refer.'
WHERE name = 'Eastbrook NHS Talking Therapies' AND banner = '';
