-- A common name's search newest first (issue 9): a search matching more than 10,000 clients
-- walks its organisation's referrals back from the newest through referrals_received_created
-- or _sent_created and keeps those whose client matches (fcgi/model/referral_list.c,
-- SEARCH_COMMON). The client's id was not in the index, so each referral walked past was read
-- from the table before its client: two lookups a row, 1,331 rows for "brown" received by the
-- largest organisation at the design scale. With client_id in the index the walk reads the
-- index and the client. Age filters and the name sort, which join the client the same way,
-- read one row less each too.
--
-- Added last, so the index still runs in the lists' order (created_at, id). Built in place
-- while the table stays writable.
ALTER TABLE referrals
  DROP KEY referrals_received_created,
  ADD KEY referrals_received_created (receiving_org_id, created_at, id, due_order, urgent, client_id),
  DROP KEY referrals_sent_created,
  ADD KEY referrals_sent_created (sending_org_id, created_at, id, due_order, urgent, client_id),
  DROP KEY referrals_created,
  ADD KEY referrals_created (created_at, id, due_order, urgent, client_id),
  ALGORITHM = INPLACE, LOCK = NONE;
