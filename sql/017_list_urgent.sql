-- Urgent referrals at the design scale: the dashboard's "Urgent" count (open and urgent) and
-- the urgent lists read only the urgent ones of an organisation, open ones first by due date,
-- instead of every open referral (model/referral_list.c, plan_for).
ALTER TABLE referrals
  ADD KEY referrals_received_urgent (receiving_org_id, urgent, due_order),
  ADD KEY referrals_sent_urgent (sending_org_id, urgent, due_order);
