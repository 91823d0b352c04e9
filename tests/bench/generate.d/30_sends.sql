-- tests/bench/generate, 30_sends: the sends, one row per press of "Send" in the referral
-- journey (fcgi/model/referral_send.c): when, for which client, from which organisation and
-- staff member, how many issues, urgent or not, the consent and the sender's inbox opt-in.
-- Later steps turn each send into its consent, groups, referrals, events and messages.
--
-- Sends are numbered in time order. Their times grow over five years (three times as many a
-- day at the end as at the start), on working days between 08:00 and 18:00 UTC. Of every
-- n_sends / n_clients sends one is for a new client (created by that send); the others are for
-- an existing client, more often a recent one.

-- The send, its time and its client.
DROP TABLE IF EXISTS gen_send_a;
CREATE TABLE gen_send_a (
  s         INT UNSIGNED NOT NULL PRIMARY KEY,
  hb        INT UNSIGNED NOT NULL,            -- CRC32(s): the seed of the send's choices
  sent_at   DATETIME NOT NULL,
  client_n  INT UNSIGNED NOT NULL,            -- client id = client_base + client_n
  is_new    TINYINT NOT NULL
) ENGINE=MEMORY;

INSERT INTO gen_send_a (s, hb, sent_at, client_n, is_new)
SELECT STRAIGHT_JOIN x.s, x.hb,
  TIMESTAMP(b.d) + INTERVAL (480 + x.pos MOD 600) MINUTE + INTERVAL FLOOR(x.pos_real * 60) MOD 60 SECOND,
  IF(x.m > x.m_before, x.m, x.m - FLOOR(x.m * POW(MIXU(x.hb, 2), 3))),
  x.m > x.m_before
FROM (
  SELECT seq AS s, CRC32(seq) AS hb,
    -- the inverse of the growing density 1 + 2t on [0, 1] (in DOUBLE: a DECIMAL division keeps
    -- four places), in business minutes: the minute,
    -- and the seconds from what is left (times keep the order of the sends)
    FLOOR((-1 + SQRT(1 + 8 * (seq - 0.5e0) / @n_sends)) / 2 * @business_minutes) AS pos,
    (-1 + SQRT(1 + 8 * (seq - 0.5e0) / @n_sends)) / 2 * @business_minutes AS pos_real,
    (seq * @n_clients + @n_sends - 1) DIV @n_sends AS m,
    ((seq - 1) * @n_clients + @n_sends - 1) DIV @n_sends AS m_before
  FROM seq_1_to_100000000 WHERE seq <= @n_sends
) x
JOIN gen_day b ON b.bd = x.pos DIV 600;

-- Who sent it (a valid sender: started, not closed), the staff member (an active one for the
-- last year's sends), the issues, urgency, consent, opt-in and the due dates.
DROP TABLE IF EXISTS gen_send;
CREATE TABLE gen_send (
  s            INT UNSIGNED NOT NULL PRIMARY KEY,
  hb           INT UNSIGNED NOT NULL,
  sent_at      DATETIME NOT NULL,
  client_n     INT UNSIGNED NOT NULL,
  is_new       TINYINT NOT NULL,
  sender       BIGINT UNSIGNED NOT NULL,
  staff_id     BIGINT UNSIGNED NOT NULL,
  n_issues     TINYINT NOT NULL,
  urgent       TINYINT NOT NULL,
  by_client    TINYINT NOT NULL,
  consentor_k  TINYINT NOT NULL,
  sub_ack      TINYINT NOT NULL,
  sub_closed   TINYINT NOT NULL,
  sub_note     TINYINT NOT NULL,
  sub_file     TINYINT NOT NULL,
  upd_due      DATE NOT NULL,
  cls_due      DATE NOT NULL,
  -- when run-jobs closes a referral of this send that is still New: the first run on the
  -- day auto_close_days working days after it was sent
  ac_at        DATETIME NOT NULL
) ENGINE=MEMORY;

INSERT INTO gen_send (s, hb, sent_at, client_n, is_new, sender, staff_id, n_issues, urgent, by_client,
  consentor_k, sub_ack, sub_closed, sub_note, sub_file, upd_due, cls_due, ac_at)
SELECT STRAIGHT_JOIN y.s, y.hb, y.sent_at, y.client_n, y.is_new, y.sender,
  COALESCE(am.staff_id, m.staff_id), y.n_issues, y.urgent, y.by_client, y.consentor_k,
  y.opt_in AND (MIXU(y.hb, 10) < 0.9 OR MIXU(y.hb, 11) >= 0.75 AND MIXU(y.hb, 12) >= 0.5 AND MIXU(y.hb, 13) >= 0.3),
  y.opt_in AND MIXU(y.hb, 11) < 0.75, y.opt_in AND MIXU(y.hb, 12) < 0.5, y.opt_in AND MIXU(y.hb, 13) < 0.3,
  y.upd_due, y.cls_due, y.ac_at
FROM (
  SELECT STRAIGHT_JOIN a.s, a.hb, a.sent_at, a.client_n, a.is_new,
    CASE WHEN o1.start_at <= a.sent_at AND (o1.send_until IS NULL OR o1.send_until > a.sent_at) THEN o1.org_id
         WHEN o2.start_at <= a.sent_at AND (o2.send_until IS NULL OR o2.send_until > a.sent_at) THEN o2.org_id
         WHEN o3.start_at <= a.sent_at AND (o3.send_until IS NULL OR o3.send_until > a.sent_at) THEN o3.org_id
         ELSE f.send1 END AS sender,
    CASE WHEN MIXU(a.hb, 6) < 0.88 THEN 1 WHEN MIXU(a.hb, 6) < 0.98 THEN 2 ELSE 3 END AS n_issues,
    MIXU(a.hb, 7) < 0.12 AS urgent,
    MIXU(a.hb, 8) < 0.88 AS by_client,
    MIX(a.hb, 9) MOD 8 AS consentor_k,
    MIXU(a.hb, 14) < 0.45 AS opt_in,
    wu.d AS upd_due, wc.d AS cls_due,
    TIMESTAMP(wa.d) + INTERVAL MIX(a.hb, 15) MOD 840 SECOND AS ac_at
  FROM gen_send_a a
  JOIN gen_fallback f ON f.id = 1
  JOIN gen_send_slot c1 ON c1.slot = FLOOR(100000 * MIXU(a.hb, 3))
  JOIN gen_org o1 ON o1.org_id = c1.org_id
  JOIN gen_send_slot c2 ON c2.slot = FLOOR(100000 * MIXU(a.hb, 4))
  JOIN gen_org o2 ON o2.org_id = c2.org_id
  JOIN gen_send_slot c3 ON c3.slot = FLOOR(100000 * MIXU(a.hb, 5))
  JOIN gen_org o3 ON o3.org_id = c3.org_id
  JOIN gen_day d0 ON d0.d = DATE(a.sent_at)
  JOIN gen_wd wu ON wu.wd = d0.wd + IF(MIXU(a.hb, 7) < 0.12, @urgent_update_days, @update_days)
  JOIN gen_wd wc ON wc.wd = d0.wd + IF(MIXU(a.hb, 7) < 0.12, @urgent_close_days, @close_days)
  JOIN gen_wd wa ON wa.wd = d0.wd + @auto_close_days
) y
JOIN gen_org so ON so.org_id = y.sender
JOIN gen_member m ON m.org_id = y.sender AND m.k = MIX(y.hb, 16) MOD so.n_members
LEFT JOIN gen_active_member am ON am.org_id = y.sender AND so.n_active > 0
  AND am.k = MIX(y.hb, 16) MOD GREATEST(so.n_active, 1) AND y.sent_at > @now - INTERVAL 1 YEAR;

DROP TABLE gen_send_a;
