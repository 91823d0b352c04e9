-- A search within one organisation's list: from each matching client straight to that
-- organisation's referrals of the client, instead of every referral of the client read to be
-- checked (a common surname matches thousands of clients at the design scale).
ALTER TABLE referrals
  ADD KEY referrals_received_client (receiving_org_id, client_id),
  ADD KEY referrals_sent_client (sending_org_id, client_id);
