-- tests/bench/generate, 55_referrals: the groups and referrals as the program stores them,
-- from the plan of 50_groups, and the sender's inbox opt-in per group (referral_send.c
-- send_issue).

INSERT INTO referral_groups (id, client_id, issue_id, sending_org_id, created_by, consent_id, urgent,
  taken_by_org_id, taken_at, unresolved, created_at)
SELECT STRAIGHT_JOIN @group_base + g.g, @client_base + g.client_n, g.issue_id, g.sender, g.staff_id,
  @consent_base + g.s, g.urgent, IF(st.taken_at IS NULL, NULL, g.r1), st.taken_at, st.unresolved, g.sent_at
FROM gen_group g JOIN gen_gstate st ON st.g = g.g;

INSERT INTO referrals (id, group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by,
  urgent, status, update_due, close_due, closure_reason_id, status_reason, created_at, updated_at, closed_at)
SELECT STRAIGHT_JOIN @referral_base + r.rid, @group_base + r.g, @client_base + r.client_n, r.issue_id, r.sender,
  r.org, r.staff_id, r.urgent, r.status, r.upd_due, r.cls_due, r.reason_id,
  IF(r.status = 'refused', rr.text, ''), r.sent_at, r.updated_at, r.end_at
FROM gen_ref r JOIN gen_refusal rr ON rr.k = r.refuse_k;

INSERT INTO referral_subscriptions (group_id, staff_id, acknowledged, closed, note_added, file_added)
SELECT @group_base + g.g, g.staff_id, g.subs & 1 <> 0, g.subs & 2 <> 0, g.subs & 4 <> 0, g.subs & 8 <> 0
FROM gen_group g WHERE g.subs <> 0;
