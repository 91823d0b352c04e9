-- The scheduled job (referrals run-jobs) at the design scale: 5 M referrals, 3.9 M groups and
-- their consents. Each of its parts reads the work it has to do through an index, and a run
-- with nothing to do reads next to nothing, instead of walking every referral and every group
-- by primary key every 15 minutes (fcgi/model/jobs.c).
--
-- Columns are added (instantly) and filled before their indexes are built, so the fill does
-- not maintain an index row by row.

-- Overdue notices. A referral owes a notice while it is New past its update due date, or
-- Acknowledged past its close due date, and has not had the notice for that due date. The
-- job records the notice it sent on the referral itself (overdue_noticed_kind and _due,
-- written only by the job, beside overdue_notices, which stays what makes a notice once), and
-- overdue_pending is the due date of the notice owed now, or NULL: indexed, it is the list of
-- referrals owing a notice, whatever changed their status, with no other writer to keep it.
ALTER TABLE referrals
  ADD COLUMN overdue_noticed_kind ENUM('update', 'close') NULL,
  ADD COLUMN overdue_noticed_due DATE NULL;

UPDATE referrals r
  JOIN overdue_notices n ON n.referral_id = r.id
   AND n.due_kind = IF(r.status = 'new', 'update', 'close')
   AND n.due_date = IF(r.status = 'new', r.update_due, r.close_due)
  SET r.overdue_noticed_kind = n.due_kind, r.overdue_noticed_due = n.due_date
  WHERE r.status IN ('new', 'acknowledged');

ALTER TABLE referrals
  ADD COLUMN overdue_pending DATE AS (CASE
    WHEN status = 'new'
     AND NOT (overdue_noticed_kind <=> 'update' AND overdue_noticed_due <=> update_due) THEN update_due
    WHEN status = 'acknowledged'
     AND NOT (overdue_noticed_kind <=> 'close' AND overdue_noticed_due <=> close_due) THEN close_due
    END) VIRTUAL;

ALTER TABLE referrals ADD KEY referrals_overdue (overdue_pending);

-- Auto-close: New referrals by their last change, the rule's starting point (the job bounds
-- created_at too: the later of the two counts).
ALTER TABLE referrals ADD KEY referrals_idle (status, updated_at);

-- Consent expiry. A consent is pending (expiry_pending = 1) until every group that has it has
-- had its expiry notice; the job clears it in the transaction of its last group. The program
-- gives every group a new consent when it is sent and when its consent is renewed, so no
-- group joins a consent already cleared, and the expired consents still pending are the whole
-- of the work. The column starts at 0 for the consents there are (instantly, whatever their
-- number) and at 1 for every consent recorded from now on; then only the consents with a group
-- still owed its notice (about a year's worth) are set pending, instead of clearing the
-- several million that have had theirs.
ALTER TABLE consents ADD COLUMN expiry_pending TINYINT(1) NOT NULL DEFAULT 0;
ALTER TABLE consents ALTER COLUMN expiry_pending SET DEFAULT 1;

UPDATE consents k
  JOIN (SELECT DISTINCT g.consent_id FROM referral_groups g
        LEFT JOIN consent_expiry_notices n ON n.group_id = g.id AND n.consent_id = g.consent_id
        WHERE n.group_id IS NULL) owed ON owed.consent_id = k.id
  SET k.expiry_pending = 1;

ALTER TABLE consents ADD KEY consents_expiry (expiry_pending, recorded_at);

-- The administrators, told of every expired consent.
ALTER TABLE staff ADD KEY staff_admins (is_admin, active);
