-- tests/bench/generate, 94_job_state: what run-jobs leaves behind, so its first run on the
-- generated data does what a run on a real installation does instead of a one-off catch-up
-- (sql/015_jobs_scale.sql): the overdue notice each open referral has had, recorded on the
-- referral, and only the consents with a group still owed its expiry notice pending.
UPDATE referrals r
  JOIN overdue_notices n ON n.referral_id = r.id
   AND n.due_kind = IF(r.status = 'new', 'update', 'close')
   AND n.due_date = IF(r.status = 'new', r.update_due, r.close_due)
  SET r.overdue_noticed_kind = n.due_kind, r.overdue_noticed_due = n.due_date
  WHERE r.status IN ('new', 'acknowledged');

UPDATE consents k
  LEFT JOIN (SELECT DISTINCT g.consent_id FROM referral_groups g
             LEFT JOIN consent_expiry_notices n ON n.group_id = g.id AND n.consent_id = g.consent_id
             WHERE n.group_id IS NULL) owed ON owed.consent_id = k.id
  SET k.expiry_pending = owed.consent_id IS NOT NULL;
