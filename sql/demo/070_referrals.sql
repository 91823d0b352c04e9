-- Demo referrals in state New for the demo clients of 060_clients.sql, made as the send of the
-- referral journey makes them (fcgi/model/referral_send.c): per send a consent, per issue a
-- referral group, per receiving organisation × issue a referral with its due dates, the
-- timeline event, the client's visibility to the sender and every receiver, the sender's inbox
-- opt-in and a "New referral" message to the receivers' active staff. Sends from four demo
-- organisations, urgent and not, groups with one and with two receivers, one send with two
-- issues, consent given by the client or by someone else.
--
-- Due dates: the settings' working days (urgent or not) after the day it was sent, skipping
-- weekends and bank holidays, as the program counts them.
--
-- Staff: a consent names who recorded it, so each send needs its sender's staff row:
-- 050_staff.sql enters the demo's people as their first sign-in would. A send whose sender has
-- no row yet (Southgate Food Bank's, by Tina Tester, a tester left to her own first sign-in) is
-- made on the first start after she has signed in. Receivers' staff get their message once
-- they have a membership.
--
-- Safe to run on every start: a send is made only while its client has no referral group for
-- its issues from its organisation, a referral only while its group has none for that
-- receiver; visibility and opt-ins are INSERT IGNORE; events and messages are written once per
-- referral (and staff member).

START TRANSACTION;

-- One row per send: the client (by match keys and date of birth), the sending organisation and
-- staff member, how long ago, and the sender's inbox opt-in.
CREATE TEMPORARY TABLE demo_sends (
  send_key      VARCHAR(20) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  first_key     VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,
  last_key      VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,
  dob           DATE NOT NULL,
  sender        VARCHAR(200) NOT NULL,
  username      VARCHAR(255) NOT NULL,
  urgent        TINYINT(1) NOT NULL,
  hours_ago     INT NOT NULL,
  by_client     TINYINT(1) NOT NULL,
  consentor     VARCHAR(200) NOT NULL,
  relationship  VARCHAR(100) NOT NULL,
  n_ack TINYINT(1) NOT NULL, n_closed TINYINT(1) NOT NULL, n_note TINYINT(1) NOT NULL, n_file TINYINT(1) NOT NULL,
  client_id     BIGINT UNSIGNED NULL,
  sender_id     BIGINT UNSIGNED NULL,
  staff_id      BIGINT UNSIGNED NULL,
  sent_at       DATETIME NULL,
  consent_id    BIGINT UNSIGNED NULL
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO demo_sends (send_key, first_key, last_key, dob, sender, username, urgent, hours_ago,
  by_client, consentor, relationship, n_ack, n_closed, n_note, n_file) VALUES
  ('jane', 'jane', 'smith', '1985-03-12', 'Riverside Citizens Advice', 'amira', 0, 290, 1, '', '', 1, 1, 0, 0),
  ('mohammed', 'mohammed', 'ali', '1978-11-04', 'Riverside Citizens Advice', 'amira', 1, 30, 0, 'Fatima Ali', 'Wife', 1, 0, 0, 0),
  ('sarah', 'sarah', 'jones', '1992-07-21', 'Riverside Citizens Advice', 'amira', 0, 146, 1, '', '', 0, 0, 0, 0),
  ('david', 'david', 'brown', '1969-01-30', 'Northfield Council Housing Options', 'ben', 1, 74, 1, '', '', 1, 1, 1, 1),
  ('emma', 'emma', 'wilson', '2001-05-09', 'Eastbrook NHS Talking Therapies', 'chloe', 0, 50, 1, '', '', 1, 0, 1, 0),
  ('aisha', 'aisha', 'begum', '1995-04-03', 'Riverside Citizens Advice', 'amira', 1, 5, 1, '', '', 1, 1, 1, 1),
  ('tom', 'tom', 'baker', '1957-08-15', 'Southgate Food Bank', 'tina', 0, 98, 0, 'Margaret Baker', 'Daughter', 0, 1, 0, 0),
  ('kwame', 'kwame', 'mensah', '1988-12-02', 'Riverside Citizens Advice', 'amira', 0, 194, 1, '', '', 0, 0, 0, 0);

-- What each send refers, to whom: one group per (send, issue), one referral per row.
CREATE TEMPORARY TABLE demo_items (
  send_key  VARCHAR(20) CHARACTER SET ascii NOT NULL,
  issue     VARCHAR(100) NOT NULL,
  receiver  VARCHAR(200) NOT NULL,
  issue_id     BIGINT UNSIGNED NULL,
  receiver_id  BIGINT UNSIGNED NULL
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO demo_items (send_key, issue, receiver) VALUES
  ('jane', 'Housing', 'Northfield Council Housing Options'),
  ('mohammed', 'Food and essentials', 'Southgate Food Bank'),
  ('sarah', 'Mental health and wellbeing', 'Eastbrook NHS Talking Therapies'),
  ('david', 'Debt and money advice', 'Riverside Citizens Advice'),
  ('emma', 'Housing', 'Riverside Citizens Advice'),
  ('emma', 'Housing', 'Northfield Council Housing Options'),
  ('aisha', 'Domestic abuse support', 'Northfield Council Housing Options'),
  ('aisha', 'Domestic abuse support', 'Riverside Women''s Centre'),
  ('aisha', 'Food and essentials', 'Southgate Food Bank'),
  ('tom', 'Debt and money advice', 'Riverside Citizens Advice'),
  ('kwame', 'Food and essentials', 'Southgate Food Bank');

-- The ids, and what cannot be made (yet) left out.
UPDATE demo_sends s
  JOIN clients c ON c.first_name_key = s.first_key AND c.last_name_key = s.last_key AND c.date_of_birth = s.dob
  JOIN organisations o ON o.name = s.sender
  JOIN staff st ON st.username = s.username
SET s.client_id = c.id, s.sender_id = o.id, s.staff_id = st.id,
    s.sent_at = UTC_TIMESTAMP() - INTERVAL s.hours_ago HOUR;
UPDATE demo_items i
  JOIN issues x ON x.name = i.issue
  JOIN organisations r ON r.name = i.receiver
SET i.issue_id = x.id, i.receiver_id = r.id;
DELETE FROM demo_items WHERE issue_id IS NULL OR receiver_id IS NULL;
DELETE FROM demo_sends WHERE client_id IS NULL;
-- sent already (on an earlier start): left as they are
DELETE s FROM demo_sends s
WHERE EXISTS (SELECT 1 FROM referral_groups g JOIN demo_items i ON i.issue_id = g.issue_id
              WHERE i.send_key = s.send_key AND g.client_id = s.client_id AND g.sending_org_id = s.sender_id);

-- The consent of each send, recorded by its sender when it was sent.
INSERT INTO consents (client_id, organisation_id, recorded_by, recorded_at, given_by_client,
  consentor_name, consentor_relationship)
SELECT s.client_id, s.sender_id, s.staff_id, s.sent_at, s.by_client, s.consentor, s.relationship
FROM demo_sends s
WHERE EXISTS (SELECT 1 FROM demo_items i WHERE i.send_key = s.send_key);
UPDATE demo_sends s SET s.consent_id = (
  SELECT MAX(c.id) FROM consents c
  WHERE c.client_id = s.client_id AND c.organisation_id = s.sender_id AND c.recorded_by = s.staff_id)
WHERE EXISTS (SELECT 1 FROM demo_items i WHERE i.send_key = s.send_key);

-- A group per issue.
INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id, urgent, created_at)
SELECT s.client_id, i.issue_id, s.sender_id, s.staff_id, s.consent_id, s.urgent, s.sent_at
FROM demo_sends s
JOIN (SELECT DISTINCT send_key, issue_id FROM demo_items) i ON i.send_key = s.send_key
WHERE s.consent_id IS NOT NULL;

-- A referral per receiver, due the settings' working days after the day it was sent.
INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by,
  urgent, status, update_due, close_due, created_at, updated_at)
WITH RECURSIVE days (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM days WHERE n < 150)
SELECT g.id, s.client_id, i.issue_id, s.sender_id, i.receiver_id, s.staff_id, s.urgent, 'new',
  COALESCE(
    (SELECT MIN(DATE(s.sent_at) + INTERVAL a.n DAY) FROM days a
     WHERE WEEKDAY(DATE(s.sent_at) + INTERVAL a.n DAY) < 5
       AND NOT EXISTS (SELECT 1 FROM bank_holidays h WHERE h.holiday_date = DATE(s.sent_at) + INTERVAL a.n DAY)
       AND (SELECT COUNT(*) FROM days b
            WHERE b.n <= a.n AND WEEKDAY(DATE(s.sent_at) + INTERVAL b.n DAY) < 5
              AND NOT EXISTS (SELECT 1 FROM bank_holidays h WHERE h.holiday_date = DATE(s.sent_at) + INTERVAL b.n DAY))
           = (SELECT CAST(value AS UNSIGNED) FROM settings WHERE name = IF(s.urgent, 'urgent_update_within_days', 'update_within_days'))),
    DATE(s.sent_at) + INTERVAL 7 DAY),
  COALESCE(
    (SELECT MIN(DATE(s.sent_at) + INTERVAL a.n DAY) FROM days a
     WHERE WEEKDAY(DATE(s.sent_at) + INTERVAL a.n DAY) < 5
       AND NOT EXISTS (SELECT 1 FROM bank_holidays h WHERE h.holiday_date = DATE(s.sent_at) + INTERVAL a.n DAY)
       AND (SELECT COUNT(*) FROM days b
            WHERE b.n <= a.n AND WEEKDAY(DATE(s.sent_at) + INTERVAL b.n DAY) < 5
              AND NOT EXISTS (SELECT 1 FROM bank_holidays h WHERE h.holiday_date = DATE(s.sent_at) + INTERVAL b.n DAY))
           = (SELECT CAST(value AS UNSIGNED) FROM settings WHERE name = IF(s.urgent, 'urgent_close_within_days', 'close_within_days'))),
    DATE(s.sent_at) + INTERVAL 28 DAY),
  s.sent_at, s.sent_at
FROM demo_sends s
JOIN demo_items i ON i.send_key = s.send_key
JOIN referral_groups g ON g.consent_id = s.consent_id AND g.issue_id = i.issue_id
WHERE NOT EXISTS (SELECT 1 FROM referrals x WHERE x.group_id = g.id AND x.receiving_org_id = i.receiver_id);

-- The timeline: "sent", once per referral.
INSERT INTO events (occurred_at, staff_id, organisation_id, action, subject_type, subject_id, new_value, detail)
SELECT r.created_at, r.created_by, r.sending_org_id, 'referral.sent', 'referral', r.id, 'new',
  CONCAT('Sent by ', so.name, ' to ', ro.name, ' for ', x.name, IF(r.urgent, ' (urgent)', ''))
FROM demo_sends s
JOIN referral_groups g ON g.consent_id = s.consent_id
JOIN referrals r ON r.group_id = g.id
JOIN organisations so ON so.id = r.sending_org_id
JOIN organisations ro ON ro.id = r.receiving_org_id
JOIN issues x ON x.id = r.issue_id
WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.action = 'referral.sent' AND e.subject_type = 'referral'
                  AND e.subject_id = r.id);

-- The client is visible to the sender and every receiver.
INSERT IGNORE INTO client_orgs (client_id, organisation_id)
SELECT s.client_id, s.sender_id FROM demo_sends s WHERE s.consent_id IS NOT NULL
UNION
SELECT s.client_id, i.receiver_id FROM demo_sends s JOIN demo_items i ON i.send_key = s.send_key
WHERE s.consent_id IS NOT NULL;

-- The sender's inbox opt-in.
INSERT IGNORE INTO referral_subscriptions (group_id, staff_id, acknowledged, closed, note_added, file_added)
SELECT g.id, s.staff_id, s.n_ack, s.n_closed, s.n_note, s.n_file
FROM demo_sends s JOIN referral_groups g ON g.consent_id = s.consent_id
WHERE s.n_ack + s.n_closed + s.n_note + s.n_file > 0;

COMMIT;

-- "New referral" in the inbox of the receivers' active staff, when it was sent. On every
-- start, for every demo referral, so staff who have signed in since are told too (once).
INSERT INTO inbox_messages (staff_id, kind, subject, body, link, created_at)
SELECT DISTINCT st.id, 'new_referral', CONCAT('New referral: ', x.name),
  CONCAT(IF(r.urgent, 'Urgent. ', ''), 'From ', so.name, ' to ', ro.name, '. Update it by ',
         DATE_FORMAT(r.update_due, '%e %M %Y'), ' and close it by ', DATE_FORMAT(r.close_due, '%e %M %Y'), '.'),
  CONCAT('/referrals/', r.id), r.created_at
FROM referrals r
JOIN events e ON e.action = 'referral.sent' AND e.subject_type = 'referral' AND e.subject_id = r.id
JOIN clients c ON c.id = r.client_id
JOIN (SELECT 'jane' AS fk, 'smith' AS lk UNION ALL SELECT 'mohammed', 'ali' UNION ALL SELECT 'sarah', 'jones'
      UNION ALL SELECT 'david', 'brown' UNION ALL SELECT 'emma', 'wilson' UNION ALL SELECT 'aisha', 'begum'
      UNION ALL SELECT 'tom', 'baker' UNION ALL SELECT 'kwame', 'mensah') demo
  ON c.first_name_key = demo.fk AND c.last_name_key = demo.lk
JOIN organisations so ON so.id = r.sending_org_id
JOIN organisations ro ON ro.id = r.receiving_org_id
JOIN issues x ON x.id = r.issue_id
JOIN staff_orgs m ON m.organisation_id = r.receiving_org_id
JOIN staff st ON st.id = m.staff_id AND st.active = 1
WHERE r.status = 'new' AND NOT EXISTS (SELECT 1 FROM inbox_messages i WHERE i.staff_id = st.id AND i.kind = 'new_referral'
                  AND i.link = CONCAT('/referrals/', r.id));

DROP TEMPORARY TABLE demo_sends;
DROP TEMPORARY TABLE demo_items;
