-- Notes and files on the demo referrals of 070/080, and a client note, written as the program
-- writes them (fcgi/model/note.c): the note or file, its timeline event ('referral.note_added',
-- 'referral.file_added', 'client.note_added') and, for the sender's staff who opted in to
-- those updates, an inbox message. Authors are the demo staff of 050_staff.sql, writing as
-- the organisation named with them.
--
-- Safe to run on every start: a note is added only while its subject has none with the same
-- text, a file only while its referral has none with the same name; each event and message is
-- written once per note or file.

START TRANSACTION;

-- subject: a referral (client, issue, receiving organisation) or, with no issue, the client
CREATE TEMPORARY TABLE demo_notes (
  first_key    VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,
  last_key     VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,
  issue        VARCHAR(100) NOT NULL,
  receiver     VARCHAR(200) NOT NULL,
  username     VARCHAR(255) NOT NULL,
  author_org   VARCHAR(200) NOT NULL,
  hours_ago    INT NOT NULL,
  body         TEXT NOT NULL,
  referral_id  BIGINT UNSIGNED NULL,
  client_id    BIGINT UNSIGNED NULL,
  staff_id     BIGINT UNSIGNED NULL,
  org_id       BIGINT UNSIGNED NULL
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO demo_notes (first_key, last_key, issue, receiver, username, author_org, hours_ago, body) VALUES
  ('jane', 'smith', 'Housing', 'Northfield Council Housing Options', 'ben',
   'Northfield Council Housing Options', 44,
   'Spoke to Jane by phone. We have accepted the prevention duty: her landlord''s section 21 notice ends on the 30th. Appointment booked at the Civic Centre on Thursday at 10am; she will bring the notice and her tenancy agreement.'),
  ('jane', 'smith', 'Housing', 'Northfield Council Housing Options', 'amira',
   'Riverside Citizens Advice', 30,
   'Jane asks that letters go to her sister''s address while the dispute with the landlord goes on. Please phone her first; she is at work until 3pm.'),
  ('david', 'brown', 'Debt and money advice', 'Riverside Citizens Advice', 'amira',
   'Riverside Citizens Advice', 30,
   'Debt relief order application completed with David and sent to the Insolvency Service. Priority debts (council tax, energy) are on payment plans; income and expenditure attached.'),
  ('emma', 'wilson', 'Housing', 'Riverside Citizens Advice', 'amira',
   'Riverside Citizens Advice', 34,
   'First appointment offered for Monday. Emma would like a female adviser; arranged.'),
  ('aisha', 'begum', '', '', 'amira', 'Riverside Citizens Advice', 4,
   'Aisha prefers text messages in the afternoon; do not leave voicemails on the shared landline.');

UPDATE demo_notes d
JOIN clients c ON c.first_name_key = d.first_key AND c.last_name_key = d.last_key
JOIN staff s ON s.username = d.username
JOIN organisations o ON o.name = d.author_org
SET d.client_id = c.id, d.staff_id = s.id, d.org_id = o.id;

UPDATE demo_notes d
JOIN issues i ON i.name = d.issue
JOIN organisations ro ON ro.name = d.receiver
JOIN referrals r ON r.client_id = d.client_id AND r.issue_id = i.id AND r.receiving_org_id = ro.id
SET d.referral_id = r.id, d.client_id = NULL
WHERE d.issue <> '';

-- what cannot be made (the client, its referral or the author is missing), or is made already
DELETE FROM demo_notes WHERE staff_id IS NULL OR client_id IS NULL AND referral_id IS NULL
  OR issue <> '' AND referral_id IS NULL;
DELETE d FROM demo_notes d
WHERE EXISTS (SELECT 1 FROM notes n WHERE n.body = d.body
              AND n.referral_id <=> d.referral_id AND n.client_id <=> d.client_id);

INSERT INTO notes (referral_id, client_id, body, staff_id, organisation_id, created_at)
SELECT referral_id, client_id, body, staff_id, org_id, UTC_TIMESTAMP() - INTERVAL hours_ago HOUR
FROM demo_notes;

INSERT INTO events (occurred_at, staff_id, organisation_id, action, subject_type, subject_id, detail)
SELECT n.created_at, n.staff_id, n.organisation_id,
       IF(n.referral_id IS NULL, 'client.note_added', 'referral.note_added'),
       IF(n.referral_id IS NULL, 'client', 'referral'), COALESCE(n.referral_id, n.client_id),
       CONCAT('Note ', n.id)
FROM demo_notes d
JOIN notes n ON n.body = d.body AND n.referral_id <=> d.referral_id AND n.client_id <=> d.client_id;

-- One file: what the receiver attached to David Brown's referral.
CREATE TEMPORARY TABLE demo_files (
  first_key    VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,
  last_key     VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,
  issue        VARCHAR(100) NOT NULL,
  receiver     VARCHAR(200) NOT NULL,
  username     VARCHAR(255) NOT NULL,
  author_org   VARCHAR(200) NOT NULL,
  hours_ago    INT NOT NULL,
  name         VARCHAR(255) NOT NULL,
  content_type VARCHAR(255) NOT NULL,
  data         LONGBLOB NOT NULL,
  referral_id  BIGINT UNSIGNED NULL,
  staff_id     BIGINT UNSIGNED NULL,
  org_id       BIGINT UNSIGNED NULL
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO demo_files (first_key, last_key, issue, receiver, username, author_org, hours_ago, name, content_type, data) VALUES
  ('david', 'brown', 'Debt and money advice', 'Riverside Citizens Advice', 'amira',
   'Riverside Citizens Advice', 29, 'income-and-expenditure.csv', 'text/csv',
   CONCAT('item,monthly (GBP)\n',
          'Universal Credit,812.00\n', 'Rent,-475.00\n', 'Council tax (payment plan),-38.00\n',
          'Energy (payment plan),-95.00\n', 'Food and household,-160.00\n', 'Travel,-24.00\n',
          'Left over,20.00\n'));

UPDATE demo_files f
JOIN clients c ON c.first_name_key = f.first_key AND c.last_name_key = f.last_key
JOIN issues i ON i.name = f.issue
JOIN organisations ro ON ro.name = f.receiver
JOIN referrals r ON r.client_id = c.id AND r.issue_id = i.id AND r.receiving_org_id = ro.id
JOIN staff s ON s.username = f.username
JOIN organisations o ON o.name = f.author_org
SET f.referral_id = r.id, f.staff_id = s.id, f.org_id = o.id;

DELETE FROM demo_files WHERE referral_id IS NULL OR staff_id IS NULL;
DELETE f FROM demo_files f
WHERE EXISTS (SELECT 1 FROM files x WHERE x.referral_id = f.referral_id AND x.name = f.name);

INSERT INTO files (referral_id, name, content_type, size, data, sha256, uploaded_by, organisation_id, created_at)
SELECT referral_id, name, content_type, LENGTH(data), data, SHA2(data, 256), staff_id, org_id,
       UTC_TIMESTAMP() - INTERVAL hours_ago HOUR
FROM demo_files;

INSERT INTO events (occurred_at, staff_id, organisation_id, action, subject_type, subject_id, new_value, detail)
SELECT x.created_at, x.uploaded_by, x.organisation_id, 'referral.file_added', 'referral',
       x.referral_id, x.name, CONCAT('File ', x.id, ', ', x.size, ' bytes')
FROM demo_files f
JOIN files x ON x.referral_id = f.referral_id AND x.name = f.name;

-- The messages to the sender's staff who opted in (never to the author), as note.c words them.
INSERT INTO inbox_messages (staff_id, kind, subject, body, link, created_at)
SELECT rs.staff_id, 'referral_note_added',
       CONCAT('Referral ', r.id, ' note added: ', i.name),
       CONCAT(o.name, ' added a note to referral ', r.id, ' (', i.name, ').'),
       CONCAT('/referrals/', r.id), n.created_at
FROM demo_notes d
JOIN notes n ON n.body = d.body AND n.referral_id = d.referral_id
JOIN referrals r ON r.id = n.referral_id
JOIN issues i ON i.id = r.issue_id
JOIN organisations o ON o.id = n.organisation_id
JOIN referral_subscriptions rs ON rs.group_id = r.group_id AND rs.note_added = 1 AND rs.staff_id <> n.staff_id
JOIN staff s ON s.id = rs.staff_id AND s.active = 1;

INSERT INTO inbox_messages (staff_id, kind, subject, body, link, created_at)
SELECT rs.staff_id, 'referral_file_added',
       CONCAT('Referral ', r.id, ' file added: ', i.name),
       CONCAT(o.name, ' added a file to referral ', r.id, ' (', i.name, ').'),
       CONCAT('/referrals/', r.id), x.created_at
FROM demo_files f
JOIN files x ON x.referral_id = f.referral_id AND x.name = f.name
JOIN referrals r ON r.id = x.referral_id
JOIN issues i ON i.id = r.issue_id
JOIN organisations o ON o.id = x.organisation_id
JOIN referral_subscriptions rs ON rs.group_id = r.group_id AND rs.file_added = 1 AND rs.staff_id <> x.uploaded_by
JOIN staff s ON s.id = rs.staff_id AND s.active = 1;

DROP TEMPORARY TABLE demo_notes;
DROP TEMPORARY TABLE demo_files;
COMMIT;
