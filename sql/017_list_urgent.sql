-- Urgent and unresolved at the design scale. The dashboard's "Urgent" count (open and urgent)
-- and the urgent lists read only an organisation's urgent referrals, open ones first by due
-- date, instead of every open referral; the administrators' lists across all organisations
-- read the urgent ones, or the unresolved groups newest first, through their own index
-- instead of all 5 M referrals (model/referral_list.c, plan_for).
ALTER TABLE referrals
  ADD KEY referrals_received_urgent (receiving_org_id, urgent, due_order),
  ADD KEY referrals_sent_urgent (sending_org_id, urgent, due_order),
  ADD KEY referrals_urgent (urgent, due_order);
ALTER TABLE referral_groups
  ADD KEY referral_groups_unresolved (unresolved, created_at);
