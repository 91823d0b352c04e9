-- tests/bench/generate: read before every step after the first. The run's parameters as user
-- variables, for statements that read more easily with @today than with a join.
SELECT scale, now_at, today, first_day, n_clients, n_sends, n_orgs, n_staff, business_minutes,
  org_base, staff_base, client_base, consent_base, group_base, referral_base, note_base,
  file_base, update_days, close_days, urgent_update_days, urgent_close_days, auto_close_days,
  auto_close_reason, consent_expiry_days, legacy_issue, legacy_until, inbox_from
INTO @scale, @now, @today, @first_day, @n_clients, @n_sends, @n_orgs, @n_staff, @business_minutes,
  @org_base, @staff_base, @client_base, @consent_base, @group_base, @referral_base, @note_base,
  @file_base, @update_days, @close_days, @urgent_update_days, @urgent_close_days, @auto_close_days,
  @auto_close_reason, @consent_expiry_days, @legacy_issue, @legacy_until, @inbox_from
FROM gen_param WHERE id = 1;
