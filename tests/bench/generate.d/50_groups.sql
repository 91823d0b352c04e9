-- tests/bench/generate, 50_groups: what happened to every referral, worked out in the working
-- tables before anything is written: a group per (send, issue), a referral per receiver of the
-- group, and for each a plan of what its receivers and sender do and when, cut at now.
--
-- The program's rules (fcgi/model/referral.c, jobs.c) that the plan keeps:
-- - The first acknowledgement takes the group (taken_by_org_id, taken_at); every other
--   referral of the group still New becomes Removed at that moment. Here the group's first
--   receiver (the one chosen by size) is the one that takes it, when one does.
-- - Closed needs Acknowledged first; a closure reason; closed_at.
-- - Refused and Withdrawn happen to New referrals (Withdrawn to Acknowledged ones too).
-- - A referral still New auto_close_days working days after it was sent is closed by
--   run-jobs as No response, with the configured reason: so nothing is New any longer than
--   that, and every decision on a New referral comes before it.
-- - A group whose every referral is Refused or No response is Unresolved.
-- Shares: about 80 % of groups are taken; of those 95 % are closed within two months, 3 %
-- withdrawn after acknowledgement and 2 % never closed (long overdue); 15 % of the others are
-- withdrawn whole by the sender, the rest refused (60 % of referrals) or not answered.

-- Why receivers refuse (the reason is required): the referral's status_reason, and its event.
DROP TABLE IF EXISTS gen_refusal;
CREATE TABLE gen_refusal (k TINYINT NOT NULL PRIMARY KEY, text VARCHAR(200) NOT NULL) ENGINE=MEMORY;
INSERT INTO gen_refusal VALUES
  (0, 'The client does not live in the area we cover.'),
  (1, 'Our waiting list is closed at the moment: we cannot take new referrals for this.'),
  (2, 'The client is already receiving support from our service.'),
  (3, 'The client does not meet our eligibility criteria.'),
  (4, 'We could not contact the client after three attempts.'),
  (5, 'The client told us they no longer need support.'),
  (6, 'This needs a specialist service; we have suggested one to the referrer.'),
  (7, 'The referral does not say enough about what the client needs: please send it again with details.'),
  (8, 'We only work with clients aged 18 and over.'),
  (9, 'We hold a referral for the same need already.');

SELECT id INTO @cr_support FROM closure_reasons WHERE name = 'Support provided';
SELECT id INTO @cr_declined FROM closure_reasons WHERE name = 'Client declined support';
SELECT id INTO @cr_contact FROM closure_reasons WHERE name = 'Unable to contact client';
SELECT id INTO @cr_onward FROM closure_reasons WHERE name = 'Referred on to another service';

DROP TABLE IF EXISTS gen_group;
CREATE TABLE gen_group (
  g            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,  -- id = group_base + g
  s            INT UNSIGNED NOT NULL,
  j            TINYINT NOT NULL,
  hb           INT UNSIGNED NOT NULL,
  issue_id     INT UNSIGNED NOT NULL,
  r1           INT UNSIGNED NOT NULL,        -- the first receiver: the one that takes the group
  n_want       TINYINT NOT NULL,             -- receivers wanted (duplicates drop out)
  taken        TINYINT NOT NULL,             -- planned: r1 acknowledges at ack_plan
  ack_plan     DATETIME NOT NULL,
  fate         CHAR(1) NOT NULL,             -- after acknowledgement: C closed, W withdrawn, S stays open
  end_plan     DATETIME NOT NULL,            -- when it is closed or withdrawn
  reason_id    INT UNSIGNED NULL,            -- closure reason when closed
  withdrawn    TINYINT NOT NULL,             -- planned: not taken, withdrawn whole at withdraw_plan
  withdraw_plan DATETIME NOT NULL,
  -- the send's, copied: the later steps read this table alone
  sent_at      DATETIME NOT NULL,
  ac_at        DATETIME NOT NULL,
  sender       INT UNSIGNED NOT NULL,
  staff_id     INT UNSIGNED NOT NULL,
  client_n     INT UNSIGNED NOT NULL,
  urgent       TINYINT NOT NULL,
  upd_due      DATE NOT NULL,
  cls_due      DATE NOT NULL,
  subs         TINYINT NOT NULL,             -- the sender's opt-in: 1 acknowledged, 2 closed, 4 note, 8 file
  UNIQUE KEY gen_group_issue (s, issue_id)
) ENGINE=MEMORY;

-- One group per issue of each send (a send that picked the same issue twice keeps one).
-- A receiver is valid when it has started, has not closed or paused, is not the sender, and
-- (the women-only ones) the client is a woman; the first of three weighted choices that is
-- valid, else a fallback.
INSERT IGNORE INTO gen_group (s, j, hb, issue_id, r1, n_want, taken, ack_plan, fate, end_plan,
  reason_id, withdrawn, withdraw_plan, sent_at, ac_at, sender, staff_id, client_n, urgent, upd_due, cls_due, subs)
SELECT STRAIGHT_JOIN y.s, y.j, y.hb,
  IF(y.sent_at < @legacy_until AND @legacy_issue IS NOT NULL AND MIXU(y.hb, 4) < 0.35, @legacy_issue, oi.issue_id),
  y.r1,
  IF(y.sent_at < @legacy_until AND @legacy_issue IS NOT NULL AND MIXU(y.hb, 4) < 0.35, 1,
     CASE WHEN MIXU(y.hb, 6) < 0.70 THEN 1 WHEN MIXU(y.hb, 6) < 0.93 THEN 2 ELSE 3 END),
  MIXU(y.hb, 7) < 0.80,
  y.sent_at + INTERVAL FLOOR(300 + POW(MIXU(y.hb, 11), 2) * (y.sp - 3900)) SECOND,
  CASE WHEN MIXU(y.hb, 8) < 0.95 THEN 'C' WHEN MIXU(y.hb, 8) < 0.98 THEN 'W' ELSE 'S' END,
  y.sent_at + INTERVAL FLOOR(300 + POW(MIXU(y.hb, 11), 2) * (y.sp - 3900)) SECOND
    + INTERVAL FLOOR(3600 + IF(MIXU(y.hb, 8) < 0.95, POW(MIXU(y.hb, 12), 1.6) * 5184000,
                                                     MIXU(y.hb, 12) * 2592000)) SECOND,
  CASE WHEN MIXU(y.hb, 9) < 0.6 THEN @cr_support WHEN MIXU(y.hb, 9) < 0.75 THEN @cr_declined
       WHEN MIXU(y.hb, 9) < 0.9 THEN @cr_contact ELSE @cr_onward END,
  MIXU(y.hb, 10) < 0.15,
  y.sent_at + INTERVAL FLOOR(600 + MIXU(y.hb, 13) * (y.sp - 4200)) SECOND,
  y.sent_at, y.ac_at, y.sender, y.staff_id, y.client_n, y.urgent, y.upd_due, y.cls_due,
  y.sub_ack + 2 * y.sub_closed + 4 * y.sub_note + 8 * y.sub_file
FROM (
  SELECT STRAIGHT_JOIN s.s, j.k AS j, CRC32(s.s * 4 + j.k) AS hb, s.sent_at, s.ac_at, s.sender, s.staff_id,
    s.client_n, s.urgent, s.upd_due, s.cls_due, s.sub_ack, s.sub_closed, s.sub_note, s.sub_file,
    TIMESTAMPDIFF(SECOND, s.sent_at, s.ac_at) AS sp,
    CASE WHEN o1.start_at <= s.sent_at AND (o1.recv_until IS NULL OR o1.recv_until > s.sent_at)
              AND o1.org_id <> s.sender AND (o1.women_only = 0 OR UNIT(s.client_n, 41) < 0.515) THEN o1.org_id
         WHEN o2.start_at <= s.sent_at AND (o2.recv_until IS NULL OR o2.recv_until > s.sent_at)
              AND o2.org_id <> s.sender AND (o2.women_only = 0 OR UNIT(s.client_n, 41) < 0.515) THEN o2.org_id
         WHEN o3.start_at <= s.sent_at AND (o3.recv_until IS NULL OR o3.recv_until > s.sent_at)
              AND o3.org_id <> s.sender AND (o3.women_only = 0 OR UNIT(s.client_n, 41) < 0.515) THEN o3.org_id
         WHEN f.recv1 <> s.sender THEN f.recv1 ELSE f.recv2 END AS r1
  FROM gen_send s
  JOIN gen_k j ON j.k <= s.n_issues
  JOIN gen_fallback f ON f.id = 1
  JOIN gen_recv_slot c1 ON c1.slot = FLOOR(100000 * UNIT(s.s * 4 + j.k, 1))
  JOIN gen_org o1 ON o1.org_id = c1.org_id
  JOIN gen_recv_slot c2 ON c2.slot = FLOOR(100000 * UNIT(s.s * 4 + j.k, 2))
  JOIN gen_org o2 ON o2.org_id = c2.org_id
  JOIN gen_recv_slot c3 ON c3.slot = FLOOR(100000 * UNIT(s.s * 4 + j.k, 3))
  JOIN gen_org o3 ON o3.org_id = c3.org_id
  LIMIT 4294967295 -- materialized: its columns are read many times, computed once
) y
JOIN gen_org ro ON ro.org_id = y.r1
JOIN gen_org_issue oi ON oi.org_id = y.r1 AND oi.k = MIX(y.hb, 5) MOD ro.n_issues;

-- The referrals: the first receiver, then up to two more handling the same issue, chosen by
-- size among that issue's receivers (valid as above; the same one twice drops out). What each
-- ends as, now:
--   taken group, first receiver: New until acknowledged, then Acknowledged, Closed or Withdrawn
--   taken group, others: Refused (15 %, before the acknowledgement) or Removed by it
--   withdrawn group: Withdrawn (from New)
--   other groups: Refused (60 %) or No response (closed by run-jobs), until then New
DROP TABLE IF EXISTS gen_ref;
CREATE TABLE gen_ref (
  rid          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,  -- id = referral_base + rid
  g            INT UNSIGNED NOT NULL,
  k            TINYINT NOT NULL,
  org          INT UNSIGNED NOT NULL,        -- receiving organisation
  hb           INT UNSIGNED NOT NULL,
  status       ENUM('new', 'acknowledged', 'refused', 'closed', 'withdrawn', 'removed', 'no_response') NOT NULL,
  from_ack     TINYINT NOT NULL,             -- a Withdrawn one was Acknowledged before
  ack_at       DATETIME NULL,                -- when acknowledged (the group's taker)
  end_at       DATETIME NULL,                -- closed_at: when it reached its end state
  updated_at   DATETIME NOT NULL,
  reason_id    INT UNSIGNED NULL,
  refuse_k     TINYINT NOT NULL,             -- which refusal reason
  handler      INT UNSIGNED NOT NULL,        -- the receiver's staff member who acts on it
  -- the group's and the send's, copied
  issue_id     INT UNSIGNED NOT NULL,
  taker        INT UNSIGNED NOT NULL,        -- the group's first receiver
  sent_at      DATETIME NOT NULL,
  ac_at        DATETIME NOT NULL,
  sender       INT UNSIGNED NOT NULL,
  staff_id     INT UNSIGNED NOT NULL,
  client_n     INT UNSIGNED NOT NULL,
  urgent       TINYINT NOT NULL,
  upd_due      DATE NOT NULL,
  cls_due      DATE NOT NULL,
  subs         TINYINT NOT NULL,
  UNIQUE KEY gen_ref_org (g, org),
  UNIQUE KEY gen_ref_k (g, k),
  -- (MEMORY indexes are hashes: a lookup needs every column of one)
  KEY gen_ref_g (g),
  KEY gen_ref_client (client_n)
) ENGINE=MEMORY;

INSERT IGNORE INTO gen_ref (g, k, org, hb, status, from_ack, ack_at, end_at, updated_at, reason_id, refuse_k, handler,
  issue_id, taker, sent_at, ac_at, sender, staff_id, client_n, urgent, upd_due, cls_due, subs)
SELECT STRAIGHT_JOIN z.g, z.k, z.org, z.hb, z.status,
  z.status = 'withdrawn' AND z.k = 1 AND z.taken,
  IF(z.k = 1 AND z.taken AND z.ack_plan <= @now, z.ack_plan, NULL),
  z.end_at, COALESCE(z.end_at, IF(z.k = 1 AND z.taken AND z.ack_plan <= @now, z.ack_plan, z.sent_at)),
  CASE z.status WHEN 'closed' THEN z.reason_id WHEN 'no_response' THEN @auto_close_reason END,
  MIX(z.hb, 4) MOD 10,
  COALESCE(am.staff_id, m.staff_id),
  z.issue_id, z.r1, z.sent_at, z.ac_at, z.sender, z.staff_id, z.client_n, z.urgent, z.upd_due, z.cls_due, z.subs
FROM (
  SELECT x.*,
    CASE WHEN x.taken AND x.k = 1 THEN
           CASE WHEN x.ack_plan > @now THEN 'new'
                WHEN x.fate = 'C' AND x.end_plan <= @now THEN 'closed'
                WHEN x.fate = 'W' AND x.end_plan <= @now THEN 'withdrawn'
                ELSE 'acknowledged' END
         WHEN x.taken THEN
           CASE WHEN x.refuses AND x.refuse_at <= @now THEN 'refused'
                WHEN x.ack_plan <= @now THEN 'removed' ELSE 'new' END
         WHEN x.withdrawn THEN IF(x.withdraw_plan <= @now, 'withdrawn', 'new')
         WHEN x.refuses THEN IF(x.refuse_at <= @now, 'refused', 'new')
         ELSE IF(x.ac_at <= @now, 'no_response', 'new') END AS status,
    CASE WHEN x.taken AND x.k = 1 THEN
           IF(x.ack_plan <= @now AND x.fate IN ('C', 'W') AND x.end_plan <= @now, x.end_plan, NULL)
         WHEN x.taken THEN
           CASE WHEN x.refuses AND x.refuse_at <= @now THEN x.refuse_at
                WHEN x.ack_plan <= @now THEN x.ack_plan END
         WHEN x.withdrawn THEN IF(x.withdraw_plan <= @now, x.withdraw_plan, NULL)
         WHEN x.refuses THEN IF(x.refuse_at <= @now, x.refuse_at, NULL)
         ELSE IF(x.ac_at <= @now, x.ac_at, NULL) END AS end_at
  FROM (
    SELECT STRAIGHT_JOIN g.g, k.k, g.taken, g.ack_plan, g.fate, g.end_plan, g.reason_id, g.withdrawn,
      g.withdraw_plan, g.sent_at, g.ac_at, g.issue_id, g.r1, g.sender, g.staff_id, g.client_n, g.urgent,
      g.upd_due, g.cls_due, g.subs, CRC32(g.g * 4 + k.k) AS hb,
      CASE k.k WHEN 1 THEN g.r1
        WHEN 2 THEN IF(o2.start_at <= g.sent_at AND (o2.recv_until IS NULL OR o2.recv_until > g.sent_at)
                       AND o2.org_id <> g.sender AND (o2.women_only = 0 OR UNIT(g.client_n, 41) < 0.515), o2.org_id, NULL)
        ELSE IF(o3.start_at <= g.sent_at AND (o3.recv_until IS NULL OR o3.recv_until > g.sent_at)
                AND o3.org_id <> g.sender AND (o3.women_only = 0 OR UNIT(g.client_n, 41) < 0.515), o3.org_id, NULL)
      END AS org,
      -- a referral that is not the taker's is refused, before the taking (taken groups) or
      -- before run-jobs would close it
      UNIT(g.g * 4 + k.k, 2) < IF(g.taken, 0.15, 0.6) AS refuses,
      IF(g.taken,
         g.sent_at + INTERVAL FLOOR(UNIT(g.g * 4 + k.k, 1) * TIMESTAMPDIFF(SECOND, g.sent_at, g.ack_plan)) SECOND,
         g.sent_at + INTERVAL FLOOR(300 + POW(UNIT(g.g * 4 + k.k, 1), 1.5)
                                    * (TIMESTAMPDIFF(SECOND, g.sent_at, g.ac_at) - 3900)) SECOND) AS refuse_at
    FROM gen_group g
    JOIN gen_k k ON k.k <= g.n_want
    LEFT JOIN gen_issue_slot c2 ON c2.issue_id = g.issue_id AND c2.slot = FLOOR(10000 * MIXU(g.hb, 14))
    LEFT JOIN gen_org o2 ON o2.org_id = c2.org_id
    LEFT JOIN gen_issue_slot c3 ON c3.issue_id = g.issue_id AND c3.slot = FLOOR(10000 * MIXU(g.hb, 15))
    LEFT JOIN gen_org o3 ON o3.org_id = c3.org_id
    LIMIT 4294967295 -- materialized, as above
  ) x
  WHERE x.org IS NOT NULL
) z
JOIN gen_org ro ON ro.org_id = z.org
JOIN gen_member m ON m.org_id = z.org AND m.k = MIX(z.hb, 3) MOD ro.n_members
LEFT JOIN gen_active_member am ON am.org_id = z.org AND ro.n_active > 0
  AND am.k = MIX(z.hb, 3) MOD GREATEST(ro.n_active, 1) AND z.sent_at > @now - INTERVAL 1 YEAR;

-- Per group, what its referrals came to: for the group row (Unresolved, the first referral)
-- and the "referral.unresolved" event, which refuse_referral writes when the last open
-- referral of a group is refused (run-jobs writes none when it is a No response). A group has
-- its first referral (k = 1) and maybe a second and third.
DROP TABLE IF EXISTS gen_gstate;
CREATE TABLE gen_gstate (
  g            INT UNSIGNED NOT NULL PRIMARY KEY,
  first_rid    INT UNSIGNED NOT NULL,
  taken_at     DATETIME NULL,
  unresolved   TINYINT NOT NULL,
  last_rid     INT UNSIGNED NULL,            -- the refusal that made it unresolved
  open_refs    TINYINT NOT NULL              -- New or Acknowledged now
) ENGINE=MEMORY;
INSERT INTO gen_gstate (g, first_rid, taken_at, unresolved, last_rid, open_refs)
SELECT x.g, x.a_rid, x.taken_at, x.unresolved,
  IF(x.unresolved AND NOT x.any_no_response,
     CASE GREATEST(x.a_end, COALESCE(x.b_end, x.a_end), COALESCE(x.c_end, x.a_end))
       WHEN x.a_end THEN x.a_rid WHEN x.b_end THEN x.b_rid ELSE x.c_rid END, NULL),
  x.open_refs
FROM (
  SELECT STRAIGHT_JOIN g.g, a.rid AS a_rid, b.rid AS b_rid, c.rid AS c_rid, a.ack_at AS taken_at,
    a.end_at AS a_end, b.end_at AS b_end, c.end_at AS c_end,
    a.status IN ('refused', 'no_response') AND COALESCE(b.status IN ('refused', 'no_response'), 1)
      AND COALESCE(c.status IN ('refused', 'no_response'), 1) AS unresolved,
    a.status = 'no_response' OR COALESCE(b.status = 'no_response', 0) OR COALESCE(c.status = 'no_response', 0) AS any_no_response,
    (a.status IN ('new', 'acknowledged')) + COALESCE(b.status IN ('new', 'acknowledged'), 0)
      + COALESCE(c.status IN ('new', 'acknowledged'), 0) AS open_refs
  FROM gen_group g
  JOIN gen_ref a ON a.g = g.g AND a.k = 1
  LEFT JOIN gen_ref b ON b.g = g.g AND b.k = 2
  LEFT JOIN gen_ref c ON c.g = g.g AND c.k = 3
) x;
