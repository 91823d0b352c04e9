-- tests/bench/generate, 75_consent: consent expiry as run-jobs has found it all along (jobs.c
-- consent_expiry): every group whose consent is older than consent_expiry_days has its notice
-- (so the next run has nothing to do), a "referral.consent_expired" event on each of its
-- referrals and a "consent_renewal" message to the group's creator and every administrator,
-- from the first run after the consent ran out (the job runs every quarter of an hour). Groups
-- still open when their consent expired in the last year were mostly renewed a few days later
-- (client.c client_consent_renew): a new consent, the group pointing at it, an event per
-- referral.

-- Which groups expired, and when run-jobs noticed.
DROP TABLE IF EXISTS gen_expiry;
CREATE TABLE gen_expiry (
  g           INT UNSIGNED NOT NULL PRIMARY KEY,
  expired_at  DATETIME NOT NULL,
  renew_n     INT UNSIGNED NULL,            -- the renewal's consent id = consent_base + n_sends + renew_n
  renewed_at  DATETIME NULL
) ENGINE=MEMORY;

INSERT INTO gen_expiry (g, expired_at)
SELECT g.g, g.sent_at + INTERVAL @consent_expiry_days DAY + INTERVAL 1 + MIX(g.hb, 40) MOD 899 SECOND
FROM gen_group g
WHERE @consent_expiry_days > 0
  AND g.sent_at + INTERVAL @consent_expiry_days DAY + INTERVAL 1 + MIX(g.hb, 40) MOD 899 SECOND <= @now;

-- Renewals: open groups, expired within the last year (so the new consent has not expired),
-- three in four renewed one to twenty days later (not in the future).
UPDATE gen_expiry e
JOIN (SELECT x.g, ROW_NUMBER() OVER (ORDER BY x.g) AS n
      FROM gen_expiry x JOIN gen_gstate st ON st.g = x.g JOIN gen_group g ON g.g = x.g
      WHERE st.open_refs > 0 AND x.expired_at > @now - INTERVAL @consent_expiry_days DAY
        AND MIXU(g.hb, 41) < 0.75
        AND x.expired_at + INTERVAL 1 + MIX(g.hb, 42) MOD 20 DAY <= @now) r ON r.g = e.g
JOIN gen_group g ON g.g = e.g
SET e.renew_n = r.n, e.renewed_at = e.expired_at + INTERVAL 1 + MIX(g.hb, 42) MOD 20 DAY;

INSERT INTO consent_expiry_notices (group_id, consent_id, expired_at)
SELECT STRAIGHT_JOIN @group_base + e.g, @consent_base + g.s, e.expired_at
FROM gen_expiry e JOIN gen_group g ON g.g = e.g;

INSERT INTO consents (id, client_id, organisation_id, recorded_by, recorded_at, given_by_client,
  consentor_name, consentor_relationship)
SELECT STRAIGHT_JOIN @consent_base + @n_sends + e.renew_n, @client_base + g.client_n, g.sender, g.staff_id,
  e.renewed_at, MIXU(g.hb, 43) < 0.9, IF(MIXU(g.hb, 43) < 0.9, '', 'Margaret Green'),
  IF(MIXU(g.hb, 43) < 0.9, '', 'Support worker')
FROM gen_expiry e JOIN gen_group g ON g.g = e.g
WHERE e.renew_n IS NOT NULL;

UPDATE gen_expiry e STRAIGHT_JOIN referral_groups rg ON rg.id = @group_base + e.g
SET rg.consent_id = @consent_base + @n_sends + e.renew_n
WHERE e.renew_n IS NOT NULL;

-- The events, on every referral of each group.
INSERT INTO events (occurred_at, staff_id, organisation_id, action, subject_type, subject_id,
  old_value, new_value, detail, remote_addr)
SELECT STRAIGHT_JOIN e.expired_at, NULL, r.sender, 'referral.consent_expired', 'referral', @referral_base + r.rid,
  NULL, 'Consent expired', CONCAT('Consent recorded on ', DATE_FORMAT(r.sent_at, '%Y-%m-%d')), 'run-jobs'
FROM gen_ref r JOIN gen_expiry e ON e.g = r.g;

INSERT INTO events (occurred_at, staff_id, organisation_id, action, subject_type, subject_id,
  old_value, new_value, detail, remote_addr)
SELECT STRAIGHT_JOIN e.renewed_at, r.staff_id, r.sender, 'referral.consent_renewed', 'referral', @referral_base + r.rid,
  @consent_base + g.s, @consent_base + @n_sends + e.renew_n,
  IF(MIXU(g.hb, 43) < 0.9, 'Consent given by the client', 'Consent given by Margaret Green (Support worker)'),
  CONCAT('10.20.', r.staff_id DIV 256 MOD 256, '.', r.staff_id MOD 256)
FROM gen_expiry e JOIN gen_group g ON g.g = e.g JOIN gen_ref r ON r.g = e.g
WHERE e.renew_n IS NOT NULL;

-- The messages (kept for a year: see 85_inbox.sql): to the group's creator while active, and
-- to every other administrator. gen_recipient lists, for each possible creator, who that is.
DROP TABLE IF EXISTS gen_recipient;
CREATE TABLE gen_recipient (creator INT UNSIGNED NOT NULL, staff_id INT UNSIGNED NOT NULL,
  PRIMARY KEY (creator, staff_id), KEY gen_recipient_creator (creator)) ENGINE=MEMORY;
INSERT INTO gen_recipient (creator, staff_id)
SELECT id, id FROM staff WHERE active = 1
UNION ALL SELECT s.id, a.staff_id FROM staff s JOIN gen_admin a ON a.staff_id <> s.id;

INSERT INTO inbox_messages (staff_id, kind, subject, body, link, created_at, read_at)
SELECT STRAIGHT_JOIN x.staff_id, 'consent_renewal', CONCAT('Consent has expired: ', c.first_name, ' ', c.last_name),
  CONCAT('The consent recorded on ', DATE_FORMAT(g.sent_at, '%Y-%m-%d'), ' for the ', i.name,
         ' referral has expired. Its details are restricted until the referrer renews consent.'),
  CONCAT('/referrals/', @referral_base + st.first_rid), e.expired_at,
  IF(e.expired_at < @now - INTERVAL 14 DAY OR MIXU(g.hb ^ x.staff_id, 44) < 0.5,
     LEAST(@now, e.expired_at + INTERVAL 600 + MIX(g.hb ^ x.staff_id, 45) MOD 259200 SECOND), NULL)
FROM gen_expiry e
JOIN gen_group g ON g.g = e.g
JOIN gen_gstate st ON st.g = e.g
JOIN clients c ON c.id = @client_base + g.client_n
JOIN gen_issue i ON i.issue_id = g.issue_id
JOIN gen_recipient x ON x.creator = g.staff_id
WHERE e.expired_at >= @inbox_from;
