-- Moves some of 070_referrals.sql's demo referrals on, as staff would have, so the demo shows
-- every state: Acknowledged (taking its group: the group's other referral Removed), Closed
-- with a reason, Refused (its group then Unresolved), Withdrawn by the sender, No response
-- (closed automatically), each with its timeline event: acknowledgements two days ago (when
-- the group was taken), the rest yesterday. Notes and files follow in 090_notes_files.sql.
-- Safe to run on every start: each change applies only to a referral still New, and each
-- event is written once.

START TRANSACTION;

CREATE TEMPORARY TABLE demo_moves (
  first_key  VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,
  last_key   VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,
  issue      VARCHAR(100) NOT NULL,
  receiver   VARCHAR(200) NOT NULL,
  status     VARCHAR(20) CHARACTER SET ascii NOT NULL,
  reason     VARCHAR(1000) NOT NULL,
  referral_id BIGINT UNSIGNED NULL
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO demo_moves (first_key, last_key, issue, receiver, status, reason) VALUES
  ('jane', 'smith', 'Housing', 'Northfield Council Housing Options', 'acknowledged', ''),
  ('emma', 'wilson', 'Housing', 'Riverside Citizens Advice', 'acknowledged', ''),
  ('david', 'brown', 'Debt and money advice', 'Riverside Citizens Advice', 'closed', 'Support provided'),
  ('sarah', 'jones', 'Mental health and wellbeing', 'Eastbrook NHS Talking Therapies', 'refused',
   'The client is already open to our service through their GP; we have contacted the GP instead.'),
  ('kwame', 'mensah', 'Food and essentials', '', 'withdrawn', ''),
  ('mohammed', 'ali', 'Food and essentials', 'Southgate Food Bank', 'no_response', '');

UPDATE demo_moves m
JOIN clients c ON c.first_name_key = m.first_key AND c.last_name_key = m.last_key
JOIN issues i ON i.name = m.issue
JOIN referrals r ON r.client_id = c.id AND r.issue_id = i.id AND r.status = 'new'
JOIN organisations o ON o.id = r.receiving_org_id AND (m.receiver = '' OR o.name = m.receiver)
SET m.referral_id = r.id;

-- Acknowledged (and Closed, which was acknowledged first): the group is taken, the rest Removed.
UPDATE referral_groups g
JOIN referrals r ON r.group_id = g.id
JOIN demo_moves m ON m.referral_id = r.id AND m.status IN ('acknowledged', 'closed')
SET g.taken_by_org_id = r.receiving_org_id, g.taken_at = UTC_TIMESTAMP() - INTERVAL 2 DAY
WHERE g.taken_by_org_id IS NULL;

UPDATE referrals other
JOIN referrals r ON r.group_id = other.group_id AND r.id <> other.id
JOIN demo_moves m ON m.referral_id = r.id AND m.status IN ('acknowledged', 'closed')
SET other.status = 'removed', other.closed_at = UTC_TIMESTAMP() - INTERVAL 2 DAY,
    other.updated_at = UTC_TIMESTAMP() - INTERVAL 2 DAY
WHERE other.status = 'new';

UPDATE referrals r
JOIN demo_moves m ON m.referral_id = r.id
LEFT JOIN closure_reasons cr ON cr.name = IF(m.status = 'closed', m.reason,
  IF(m.status = 'no_response', 'No response from receiving organisation', NULL))
SET r.status = m.status,
    r.status_reason = IF(m.status = 'refused', m.reason, ''),
    r.closure_reason_id = cr.id,
    r.closed_at = IF(m.status = 'acknowledged', NULL, UTC_TIMESTAMP() - INTERVAL 1 DAY),
    r.updated_at = UTC_TIMESTAMP() - INTERVAL 1 DAY
WHERE r.status = 'new';

-- A group whose every referral was refused or not answered is Unresolved.
UPDATE referral_groups g
SET g.unresolved = 1
WHERE g.id IN (SELECT group_id FROM referrals r JOIN demo_moves m ON m.referral_id = r.id
               WHERE m.status IN ('refused', 'no_response'))
  AND NOT EXISTS (SELECT 1 FROM referrals x WHERE x.group_id = g.id
                  AND x.status NOT IN ('refused', 'no_response'));

-- The timeline: who did it (the receiver's or, for a withdrawal, the sender's staff; none for
-- the automatic close), once per referral and action.
INSERT INTO events (occurred_at, staff_id, organisation_id, action, subject_type, subject_id, old_value, new_value, detail)
SELECT UTC_TIMESTAMP(3) - INTERVAL IF(a.action = 'acknowledged', 2, 1) DAY, so.staff_id,
       IF(m.status = 'withdrawn', r.sending_org_id, r.receiving_org_id),
       CONCAT('referral.', a.action), 'referral', r.id, a.old_value, a.new_value, a.detail
FROM demo_moves m
JOIN referrals r ON r.id = m.referral_id
JOIN (
  SELECT 'acknowledged' AS status, 'acknowledged' AS action, 'new' AS old_value, 'acknowledged' AS new_value, '' AS detail
  UNION ALL SELECT 'closed', 'acknowledged', 'new', 'acknowledged', ''
  UNION ALL SELECT 'closed', 'closed', 'acknowledged', 'closed', 'Support provided'
  UNION ALL SELECT 'refused', 'refused', 'new', 'refused', 'Already open to the service through their GP'
  UNION ALL SELECT 'withdrawn', 'withdrawn', 'new', 'withdrawn', ''
  UNION ALL SELECT 'no_response', 'no_response', 'new', 'no_response', 'No response from receiving organisation'
) a ON a.status = m.status
LEFT JOIN (SELECT organisation_id, MIN(staff_id) AS staff_id FROM staff_orgs GROUP BY organisation_id) so
  ON so.organisation_id = IF(m.status = 'withdrawn', r.sending_org_id, r.receiving_org_id) AND m.status <> 'no_response'
WHERE r.status = m.status
  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.subject_type = 'referral' AND e.subject_id = r.id
                  AND e.action = CONCAT('referral.', a.action));

INSERT INTO events (occurred_at, staff_id, organisation_id, action, subject_type, subject_id, old_value, new_value)
SELECT UTC_TIMESTAMP(3) - INTERVAL 2 DAY, NULL, other.receiving_org_id, 'referral.removed', 'referral', other.id, 'new', 'removed'
FROM referrals other
JOIN referrals r ON r.group_id = other.group_id AND r.id <> other.id
JOIN demo_moves m ON m.referral_id = r.id AND m.status IN ('acknowledged', 'closed')
WHERE other.status = 'removed'
  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.subject_type = 'referral' AND e.subject_id = other.id
                  AND e.action = 'referral.removed');

-- The inbox messages the program sends the sender's staff who opted in (fcgi/model/referral.c
-- notify), dated with their event and written once per referral, staff member and kind.
INSERT INTO inbox_messages (staff_id, kind, subject, body, link, created_at)
SELECT rs.staff_id, CONCAT('referral_', a.what),
       CONCAT('Referral ', r.id, ' ', a.what, ': ', i.name),
       CONCAT('Referral ', r.id, ' (', i.name, ') was ', a.what, ' by ', o.name, '.'),
       CONCAT('/referrals/', r.id), e.occurred_at
FROM demo_moves m
JOIN referrals r ON r.id = m.referral_id AND r.status = m.status
JOIN issues i ON i.id = r.issue_id
JOIN organisations o ON o.id = r.receiving_org_id
JOIN (SELECT 'acknowledged' AS status, 'acknowledged' AS what
      UNION ALL SELECT 'closed', 'acknowledged'
      UNION ALL SELECT 'closed', 'closed') a ON a.status = m.status
JOIN events e ON e.subject_type = 'referral' AND e.subject_id = r.id
  AND e.action = CONCAT('referral.', a.what)
JOIN referral_subscriptions rs ON rs.group_id = r.group_id
  AND IF(a.what = 'closed', rs.closed, rs.acknowledged) = 1
JOIN staff s ON s.id = rs.staff_id AND s.active = 1
WHERE NOT EXISTS (SELECT 1 FROM inbox_messages x WHERE x.staff_id = rs.staff_id
                  AND x.kind = CONCAT('referral_', a.what) AND x.link = CONCAT('/referrals/', r.id));

DROP TEMPORARY TABLE demo_moves;
COMMIT;
