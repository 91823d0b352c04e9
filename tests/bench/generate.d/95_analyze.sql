-- tests/bench/generate, 95_analyze: fresh index statistics for the tables the generator filled
-- (the optimizer's picture of a table loaded in minutes is otherwise the empty one it had).
ANALYZE TABLE organisations, staff, staff_orgs, clients, client_orgs, consents, referral_groups, referrals,
  answers, referral_subscriptions, notes, files, events, inbox_messages, overdue_notices,
  consent_expiry_notices, postcodes, gaps_in_service;
