-- tests/bench/generate, 70_notes: notes and files (fcgi/model/note.c). Referral notes on about
-- one acknowledged referral in five, written while it was open, mostly by the receiver's
-- staff, sometimes by the sender's; client notes on one client in fifty, by the staff member
-- who first referred them; a small text file on one acknowledged referral in two hundred.
-- Each with its timeline event ("referral.note_added" / "client.note_added" with "Note N",
-- "referral.file_added" with the name and "File N, S bytes"); the inbox messages the sender's
-- subscribers asked for come with the others in 85_inbox.

DROP TABLE IF EXISTS gen_note;
CREATE TABLE gen_note (
  nid        INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,  -- id = note_base + nid
  rid        INT UNSIGNED NULL,            -- a referral note, or
  client_n   INT UNSIGNED NULL,            -- a client note
  staff_id   BIGINT UNSIGNED NOT NULL,
  org_id     BIGINT UNSIGNED NOT NULL,
  at         DATETIME NOT NULL,
  body_k     TINYINT NOT NULL
) ENGINE=MEMORY;

INSERT INTO gen_note (rid, staff_id, org_id, at, body_k)
SELECT STRAIGHT_JOIN r.rid,
  IF(UNIT(r.rid * 4 + k.k, 3) < 0.75, r.handler, r.staff_id),
  IF(UNIT(r.rid * 4 + k.k, 3) < 0.75, r.org, r.sender),
  r.ack_at + INTERVAL FLOOR(60 + UNIT(r.rid * 4 + k.k, 4)
                            * (TIMESTAMPDIFF(SECOND, r.ack_at, COALESCE(r.end_at, @now)) - 120)) SECOND,
  HASH(r.rid * 4 + k.k, 5) MOD 24
FROM gen_ref r
JOIN gen_k k ON k.k <= 1 + (MIX(r.hb, 30) MOD 5 = 0) + (MIX(r.hb, 30) MOD 5 = 1) * 2
WHERE r.ack_at IS NOT NULL AND MIXU(r.hb, 31) < 0.2;

INSERT INTO gen_note (client_n, staff_id, org_id, at, body_k)
SELECT s.client_n, s.staff_id, s.sender,
  LEAST(@now - INTERVAL 1 HOUR, s.sent_at + INTERVAL FLOOR(3600 + UNIT(s.client_n, 80) * 60 * 86400) SECOND),
  24 + HASH(s.client_n, 81) MOD 6
FROM gen_send s WHERE s.is_new = 1 AND UNIT(s.client_n, 82) < 0.02;

INSERT INTO notes (id, referral_id, client_id, body, staff_id, organisation_id, created_at)
SELECT @note_base + n.nid, @referral_base + n.rid, @client_base + n.client_n, ELT(1 + n.body_k,
  'Spoke to the client by phone and booked a first appointment for next week.',
  'Left a voicemail; will try again tomorrow morning.',
  'Client attended today. Benefit check done: entitled to more Universal Credit; claim updated.',
  'Sent a letter to the landlord asking for the arrears to be put on hold for 28 days.',
  'Food parcel collected by the client''s daughter.',
  'Client asked for appointments on Tuesdays only because of childcare.',
  'Completed the income and expenditure form together; payment offers sent to creditors.',
  'Referred on to the debt relief order team; waiting for the intermediary to call.',
  'Client is staying with a friend until the end of the month; temporary accommodation requested.',
  'First session done. Client would like group sessions after the one-to-one ones.',
  'Could not reach the client on the number given: please check it with them.',
  'Safety plan agreed; next contact by text only.',
  'Client has started the CV workshop and has an interview on Friday.',
  'Council tax reduction applied for; arrears frozen while it is decided.',
  'Client did not attend the appointment; rebooked once as agreed.',
  'Energy supplier agreed a payment plan and a one-off credit.',
  'GP letter received and added to the housing application.',
  'Client is happy with the support and does not need anything else for now.',
  'Waiting for the client to bring in their tenancy agreement.',
  'Discussed budgeting; client will come back with bank statements.',
  'Wellbeing check by phone: feeling better, wants to continue.',
  'Interpreter booked for the next appointment (Polish).',
  'Emergency fuel voucher issued.',
  'Case discussed at the team meeting; allocated to a senior adviser.',
  'Prefers text messages in the afternoon; please do not call the landline.',
  'Has a hearing impairment: face-to-face appointments work best.',
  'Moved address recently; the new one is on the client record.',
  'Works nights: contact after 2pm.',
  'Asked that letters go to their sister''s address for now.',
  'Has a support worker from the tenancy team who can attend appointments.'),
  n.staff_id, n.org_id, n.at
FROM gen_note n;

-- Files: what a receiver (or the sender) attached, in the database as the program keeps them.
DROP TABLE IF EXISTS gen_file;
CREATE TABLE gen_file (
  fid        INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,  -- id = file_base + fid
  rid        INT UNSIGNED NOT NULL,
  staff_id   BIGINT UNSIGNED NOT NULL,
  org_id     BIGINT UNSIGNED NOT NULL,
  at         DATETIME NOT NULL,
  kind       TINYINT NOT NULL
) ENGINE=MEMORY;
INSERT INTO gen_file (rid, staff_id, org_id, at, kind)
SELECT r.rid, IF(MIXU(r.hb, 33) < 0.7, r.handler, r.staff_id), IF(MIXU(r.hb, 33) < 0.7, r.org, r.sender),
  r.ack_at + INTERVAL FLOOR(60 + MIXU(r.hb, 34) * (TIMESTAMPDIFF(SECOND, r.ack_at, COALESCE(r.end_at, @now)) - 120)) SECOND,
  MIX(r.hb, 35) MOD 3
FROM gen_ref r
WHERE r.ack_at IS NOT NULL AND MIXU(r.hb, 32) < 0.005;

INSERT INTO files (id, referral_id, name, content_type, size, data, sha256, uploaded_by, organisation_id, created_at)
SELECT @file_base + x.fid, @referral_base + x.rid, x.name, x.content_type, LENGTH(x.data), x.data,
  SHA2(x.data, 256), x.staff_id, x.org_id, x.at
FROM (
  SELECT f.*, ELT(1 + f.kind, 'income-and-expenditure.csv', 'support-plan.txt', 'tenancy-notes.txt') AS name,
    IF(f.kind = 0, 'text/csv', 'text/plain') AS content_type,
    CASE f.kind
      WHEN 0 THEN CONCAT('item,monthly (GBP)\nUniversal Credit,', 600 + f.fid MOD 500, '.00\nRent,-', 350 + f.fid MOD 300,
                         '.00\nCouncil tax,-', 30 + f.fid MOD 40, '.00\nEnergy,-', 60 + f.fid MOD 80, '.00\nFood,-160.00\n')
      WHEN 1 THEN CONCAT('Support plan for referral ', @referral_base + f.rid, '\n1. Benefit check\n2. Budget review\n3. Review in four weeks\n')
      ELSE CONCAT('Tenancy notes for referral ', @referral_base + f.rid, '\nNotice served: section 21\nLandlord contacted: yes\n')
    END AS data
  FROM gen_file f
) x;

INSERT INTO events (occurred_at, staff_id, organisation_id, action, subject_type, subject_id, detail, remote_addr)
SELECT n.at, n.staff_id, n.org_id, IF(n.rid IS NULL, 'client.note_added', 'referral.note_added'),
  IF(n.rid IS NULL, 'client', 'referral'), IF(n.rid IS NULL, @client_base + n.client_n, @referral_base + n.rid),
  CONCAT('Note ', @note_base + n.nid), CONCAT('10.20.', n.staff_id DIV 256 MOD 256, '.', n.staff_id MOD 256)
FROM gen_note n;

INSERT INTO events (occurred_at, staff_id, organisation_id, action, subject_type, subject_id, new_value, detail, remote_addr)
SELECT f.created_at, f.uploaded_by, f.organisation_id, 'referral.file_added', 'referral', f.referral_id, f.name,
  CONCAT('File ', f.id, ', ', f.size, ' bytes'), CONCAT('10.20.', f.uploaded_by DIV 256 MOD 256, '.', f.uploaded_by MOD 256)
FROM files f WHERE f.id > @file_base;
