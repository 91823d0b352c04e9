-- tests/bench/generate, 85_inbox: the inbox, with the kinds, subjects, bodies and links the
-- program writes, dated when it wrote them; read a while later, except about half of the last
-- fortnight's. And the overdue notices run-jobs keeps (jobs.c overdue), so that its next run
-- finds nothing it has not told already.
--   new_referral                     referral_send.c notify_receivers
--   referral_acknowledged/_closed    referral.c notify, to the sender's subscribers
--   referral_note_added/_file_added  note.c tell_subscribers (never to the author)
--   overdue                          jobs.c overdue_work
-- (consent_renewal comes with 75_consent, gap_in_service with 90_admin.)
--
-- Volume, where this departs from the program:
-- - The program sends new_referral and overdue messages to EVERY active member of the
--   receiving organisation: at the design scale some 60 M rows over five years (ten members
--   a receiver on average). Here each goes to one active member of it, chosen at random.
--   Messages to particular people (subscribers, creators, administrators) go to all of them.
-- - Only the last year's messages are here, as if a retention job had deleted older ones
--   (the program has none: its inbox grows without end). Everything else keeps its history.
-- So the inbox holds about 5 M messages at the design scale instead of some 16 M.

-- Read or not: read between ten minutes and three days later, unless it is recent (about
-- half of the last fortnight's are unread).

INSERT INTO inbox_messages (staff_id, kind, subject, body, link, created_at, read_at)
SELECT STRAIGHT_JOIN am.staff_id, 'new_referral', CONCAT('New referral: ', i.name),
  CONCAT(IF(r.urgent, 'Urgent. ', ''), 'From ', so.name, ' to ', ro.name, '. Update it by ',
         DATE_FORMAT(r.upd_due, '%e %M %Y'), ' and close it by ', DATE_FORMAT(r.cls_due, '%e %M %Y'), '.'),
  CONCAT('/referrals/', @referral_base + r.rid), r.sent_at,
  IF(r.sent_at < @now - INTERVAL 14 DAY OR MIXU(r.hb, 72) < 0.5,
     LEAST(@now, r.sent_at + INTERVAL 600 + MIX(r.hb, 73) MOD 259200 SECOND), NULL)
FROM gen_ref r
JOIN gen_org ro ON ro.org_id = r.org AND ro.n_active > 0
JOIN gen_active_member am ON am.org_id = r.org AND am.k = MIX(r.hb, 70) MOD GREATEST(ro.n_active, 1)
JOIN gen_org so ON so.org_id = r.sender
JOIN gen_issue i ON i.issue_id = r.issue_id
WHERE r.sent_at >= @inbox_from;

-- To the sender's subscribers: 1 acknowledged, 2 closed.
INSERT INTO inbox_messages (staff_id, kind, subject, body, link, created_at, read_at)
SELECT STRAIGHT_JOIN r.staff_id, IF(x.k = 1, 'referral_acknowledged', 'referral_closed'),
  CONCAT('Referral ', @referral_base + r.rid, IF(x.k = 1, ' acknowledged: ', ' closed: '), i.name),
  CONCAT('Referral ', @referral_base + r.rid, ' (', i.name, ') was ', IF(x.k = 1, 'acknowledged', 'closed'),
         ' by ', ro.name, '.'),
  CONCAT('/referrals/', @referral_base + r.rid), IF(x.k = 1, r.ack_at, r.end_at),
  IF(IF(x.k = 1, r.ack_at, r.end_at) < @now - INTERVAL 14 DAY OR MIXU(r.hb, 74) < 0.5,
     LEAST(@now, IF(x.k = 1, r.ack_at, r.end_at) + INTERVAL 600 + MIX(r.hb, 75) MOD 259200 SECOND), NULL)
FROM gen_ref r
JOIN gen_k x ON x.k = 1 AND r.subs & 1 <> 0 AND r.ack_at >= @inbox_from
             OR x.k = 2 AND r.subs & 2 <> 0 AND r.status = 'closed' AND r.end_at >= @inbox_from
JOIN staff sf ON sf.id = r.staff_id AND sf.active = 1
JOIN gen_org ro ON ro.org_id = r.org
JOIN gen_issue i ON i.issue_id = r.issue_id
WHERE r.ack_at IS NOT NULL AND r.subs & 3 <> 0 AND COALESCE(r.end_at, r.ack_at) >= @inbox_from;

INSERT INTO inbox_messages (staff_id, kind, subject, body, link, created_at, read_at)
SELECT STRAIGHT_JOIN r.staff_id, 'referral_note_added',
  CONCAT('Referral ', @referral_base + r.rid, ' note added: ', i.name),
  CONCAT(ao.name, ' added a note to referral ', @referral_base + r.rid, ' (', i.name, ').'),
  CONCAT('/referrals/', @referral_base + r.rid), n.at,
  IF(n.at < @now - INTERVAL 14 DAY OR UNIT(n.nid, 76) < 0.5,
     LEAST(@now, n.at + INTERVAL 600 + HASH(n.nid, 77) MOD 259200 SECOND), NULL)
FROM gen_note n
JOIN gen_ref r ON r.rid = n.rid AND r.subs & 4 <> 0 AND r.staff_id <> n.staff_id
JOIN staff sf ON sf.id = r.staff_id AND sf.active = 1
JOIN gen_org ao ON ao.org_id = n.org_id
JOIN gen_issue i ON i.issue_id = r.issue_id
WHERE n.at >= @inbox_from;

INSERT INTO inbox_messages (staff_id, kind, subject, body, link, created_at, read_at)
SELECT STRAIGHT_JOIN r.staff_id, 'referral_file_added',
  CONCAT('Referral ', @referral_base + r.rid, ' file added: ', i.name),
  CONCAT(ao.name, ' added a file to referral ', @referral_base + r.rid, ' (', i.name, ').'),
  CONCAT('/referrals/', @referral_base + r.rid), f.at,
  IF(f.at < @now - INTERVAL 14 DAY OR UNIT(f.fid, 78) < 0.5,
     LEAST(@now, f.at + INTERVAL 600 + HASH(f.fid, 79) MOD 259200 SECOND), NULL)
FROM gen_file f
JOIN gen_ref r ON r.rid = f.rid AND r.subs & 8 <> 0 AND r.staff_id <> f.staff_id
JOIN staff sf ON sf.id = r.staff_id AND sf.active = 1
JOIN gen_org ao ON ao.org_id = f.org_id
JOIN gen_issue i ON i.issue_id = r.issue_id
WHERE f.at >= @inbox_from;

-- Overdue: a referral still New the day after its update-by date (run-jobs compares with
-- today, so its first run that day, just after midnight), or Acknowledged after its close-by
-- date (from that first run, or the first run after an acknowledgement that came later: urgent
-- ones close within fewer working days than run-jobs waits to close a New one). Past ones too:
-- the referral may have moved on since. The notices are all kept (they are run-jobs' memory);
-- the messages for a year, as above.
DROP TABLE IF EXISTS gen_overdue;
CREATE TABLE gen_overdue (
  rid       INT UNSIGNED NOT NULL,
  kind      ENUM('update', 'close') NOT NULL,
  due       DATE NOT NULL,
  at        DATETIME NOT NULL,
  PRIMARY KEY (rid, kind)
) ENGINE=MEMORY;

INSERT INTO gen_overdue (rid, kind, due, at)
SELECT rid, IF(k = 1, 'update', 'close'), due, at
FROM (
  SELECT STRAIGHT_JOIN r.rid, x.k, IF(x.k = 1, r.upd_due, r.cls_due) AS due,
    IF(x.k = 2 AND r.ack_at > TIMESTAMP(r.cls_due + INTERVAL 1 DAY),
       r.ack_at + INTERVAL 1 + MIX(r.hb, 82) MOD 899 SECOND,
       TIMESTAMP(IF(x.k = 1, r.upd_due, r.cls_due) + INTERVAL 1 DAY) + INTERVAL MIX(r.hb, 81) MOD 840 SECOND) AS at,
    COALESCE(r.ack_at, r.end_at) AS first_change, r.ack_at, r.end_at
  FROM gen_ref r JOIN gen_k x ON x.k <= 2
) o
WHERE o.at <= @now
  AND (o.k = 1 AND (o.first_change IS NULL OR o.first_change > o.at)
       OR o.k = 2 AND o.ack_at <= o.at AND (o.end_at IS NULL OR o.end_at > o.at));

INSERT INTO overdue_notices (referral_id, due_kind, due_date, sent_at)
SELECT @referral_base + rid, kind, due, at FROM gen_overdue;

INSERT INTO inbox_messages (staff_id, kind, subject, body, link, created_at, read_at)
SELECT STRAIGHT_JOIN am.staff_id, 'overdue',
  CONCAT('Referral ', @referral_base + r.rid, ' is overdue: ', c.first_name, ' ', c.last_name),
  CONCAT('The ', i.name, ' referral from ', so.name, ' was due to be ',
         IF(od.kind = 'update', 'acknowledged or refused', 'closed'), ' by ', DATE_FORMAT(od.due, '%Y-%m-%d'), '.'),
  CONCAT('/referrals/', @referral_base + r.rid), od.at,
  IF(od.at < @now - INTERVAL 14 DAY OR MIXU(r.hb, 84) < 0.5,
     LEAST(@now, od.at + INTERVAL 600 + MIX(r.hb, 85) MOD 259200 SECOND), NULL)
FROM gen_overdue od
JOIN gen_ref r ON r.rid = od.rid
JOIN gen_org ro ON ro.org_id = r.org AND ro.n_active > 0
JOIN gen_active_member am ON am.org_id = r.org AND am.k = MIX(r.hb, 86) MOD GREATEST(ro.n_active, 1)
JOIN clients c ON c.id = @client_base + r.client_n
JOIN gen_org so ON so.org_id = r.sender
JOIN gen_issue i ON i.issue_id = r.issue_id
WHERE od.at >= @inbox_from;
