-- The lists at the design scale (1 M clients, 5 M referrals, SCALE-FINDINGS.md): a list must
-- read about as many rows as it shows. fcgi/model/referral_list.c composes each list's
-- statement from the filters in use and names the index below that serves it.

-- due_order: the due date of a referral's current state (New: the update due; Acknowledged:
-- the close due), and for every closed state a date beyond any, so that
--   open     <=> due_order <  '9999-12-31'
--   overdue  <=> due_order <  today
--   due sort  =  ORDER BY due_order, id   (closed ones last)
-- each become a range of one index instead of a CASE over every row. Stored, so the
-- indexes hold it and no statement has to repeat the rule.
ALTER TABLE referrals
  ADD COLUMN due_order DATE AS (CASE status WHEN 'new' THEN update_due
                                            WHEN 'acknowledged' THEN close_due
                                            ELSE DATE '9999-12-31' END) STORED,
  -- newest / oldest first, for one receiver, one sender, or all (administrators)
  ADD KEY referrals_received_created (receiving_org_id, created_at),
  ADD KEY referrals_sent_created (sending_org_id, created_at),
  ADD KEY referrals_created (created_at),
  -- due sort, open, overdue
  ADD KEY referrals_received_due (receiving_org_id, due_order),
  ADD KEY referrals_sent_due (sending_org_id, due_order),
  ADD KEY referrals_due_order (due_order),
  -- InnoDB's default sample of 20 pages estimated 9,778 receivers where there were 500,
  -- and the plan then walked the whole table
  STATS_SAMPLE_PAGES = 256;

-- Name search goes from the name keys to the referrals: a prefix of the first name key as
-- well as of the last (clients_exact leads with the last). An email search is a prefix of
-- the address or, starting with "@", of its domain.
ALTER TABLE clients
  ADD COLUMN email_domain VARCHAR(254) AS (SUBSTRING_INDEX(email, '@', -1)) VIRTUAL,
  ADD KEY clients_first_key (first_name_key, last_name_key),
  ADD KEY clients_email_domain (email_domain),
  STATS_SAMPLE_PAGES = 256;

ALTER TABLE referral_groups STATS_SAMPLE_PAGES = 256;
ALTER TABLE client_orgs STATS_SAMPLE_PAGES = 256;
ALTER TABLE events STATS_SAMPLE_PAGES = 256;
ALTER TABLE inbox_messages STATS_SAMPLE_PAGES = 256;
