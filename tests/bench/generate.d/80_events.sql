-- tests/bench/generate, 80_events: the timeline and audit events of everything so far, with the
-- actions, subjects, values and wording the program writes (referral_send.c, referral.c,
-- jobs.c, note.c, audit_record: NULL for an absent staff member or organisation):
--   client.create                  the send that created the client
--   referral.sent                  each referral, by the sender ("Sent by S to R for I")
--   referral.acknowledged/.refused/.closed/.withdrawn/.removed, referral.no_response (run-jobs)
--   referral.unresolved            on the group, when a refusal left nothing open
-- (notes' and files' events come with them in 70_notes, consent events in 75_consent,
-- sign-ins and the administrators' in 90_admin).
-- remote_addr: a made-up private address per staff member; run-jobs writes "run-jobs".

DROP TABLE IF EXISTS gen_reason;
CREATE TABLE gen_reason (id INT UNSIGNED NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL) ENGINE=MEMORY;
INSERT INTO gen_reason SELECT id, name FROM closure_reasons;

INSERT INTO events (occurred_at, staff_id, organisation_id, action, subject_type, subject_id, detail, remote_addr)
SELECT s.sent_at, s.staff_id, s.sender, 'client.create', 'client', @client_base + s.client_n, 'Created with a referral',
  CONCAT('10.20.', s.staff_id DIV 256 MOD 256, '.', s.staff_id MOD 256)
FROM gen_send s WHERE s.is_new = 1;

-- Per referral: 1 its sending, 2 its first change, 3 its second (closed or withdrawn after
-- acknowledgement). The Removed event is the acknowledging organisation's (referral.c).
INSERT INTO events (occurred_at, staff_id, organisation_id, action, subject_type, subject_id,
  old_value, new_value, detail, remote_addr)
SELECT e.occurred_at, e.actor, e.org_id, e.action, 'referral', e.subject_id, e.old_value, e.new_value, e.detail,
  IF(e.actor IS NULL, 'run-jobs', CONCAT('10.20.', e.actor DIV 256 MOD 256, '.', e.actor MOD 256))
FROM (
  SELECT STRAIGHT_JOIN
    CASE WHEN x.k = 1 THEN r.sent_at
         WHEN x.k = 2 AND r.ack_at IS NOT NULL THEN r.ack_at
         ELSE r.end_at END + INTERVAL MIX(r.hb, 60) MOD 1000 * 1000 MICROSECOND AS occurred_at,
    CASE WHEN x.k = 1 THEN r.staff_id
         WHEN x.k = 2 AND r.ack_at IS NOT NULL THEN r.handler
         WHEN r.status = 'withdrawn' THEN r.staff_id
         WHEN r.status = 'removed' THEN t.handler
         WHEN r.status = 'no_response' THEN NULL
         ELSE r.handler END AS actor,
    CASE WHEN x.k = 1 THEN r.sender
         WHEN x.k = 2 AND r.ack_at IS NOT NULL THEN r.org
         WHEN r.status = 'withdrawn' THEN r.sender
         WHEN r.status = 'removed' THEN r.taker
         ELSE r.org END AS org_id,
    CASE WHEN x.k = 1 THEN 'referral.sent'
         WHEN x.k = 2 AND r.ack_at IS NOT NULL THEN 'referral.acknowledged'
         ELSE CONCAT('referral.', r.status) END AS action,
    @referral_base + r.rid AS subject_id,
    CASE WHEN x.k = 1 THEN NULL
         WHEN x.k = 2 AND r.ack_at IS NOT NULL THEN 'new'
         WHEN r.status = 'withdrawn' THEN IF(r.from_ack, 'acknowledged', 'new')
         WHEN r.status = 'closed' THEN 'acknowledged'
         WHEN r.status = 'no_response' THEN 'New'
         ELSE 'new' END AS old_value,
    CASE WHEN x.k = 1 THEN 'new'
         WHEN x.k = 2 AND r.ack_at IS NOT NULL THEN 'acknowledged'
         WHEN r.status = 'no_response' THEN 'No response'
         ELSE r.status END AS new_value,
    CASE WHEN x.k = 1 THEN CONCAT('Sent by ', so.name, ' to ', ro.name, ' for ', i.name, IF(r.urgent, ' (urgent)', ''))
         WHEN x.k = 2 AND r.ack_at IS NOT NULL THEN CONCAT('Acknowledged by ', ro.name)
         WHEN r.status = 'refused' THEN CONCAT('Refused by ', ro.name, ': ', rr.text)
         WHEN r.status = 'closed' THEN CONCAT('Closed by ', ro.name, ': ', cr.name)
         WHEN r.status = 'withdrawn' THEN CONCAT('Withdrawn by ', so.name)
         WHEN r.status = 'removed' THEN CONCAT('Removed: ', tro.name, ' took this group (referral ', @referral_base + t.rid, ')')
         ELSE COALESCE(cr.name, 'Closed automatically: no response') END AS detail
  FROM gen_ref r
  JOIN gen_k x ON x.k = 1
       OR x.k = 2 AND (r.ack_at IS NOT NULL OR r.status IN ('refused', 'removed', 'no_response')
                       OR r.status = 'withdrawn' AND NOT r.from_ack)
       OR x.k = 3 AND r.ack_at IS NOT NULL AND r.status IN ('closed', 'withdrawn')
  JOIN gen_org so ON so.org_id = r.sender
  JOIN gen_org ro ON ro.org_id = r.org
  JOIN gen_issue i ON i.issue_id = r.issue_id
  JOIN gen_refusal rr ON rr.k = r.refuse_k
  LEFT JOIN gen_reason cr ON cr.id = r.reason_id
  LEFT JOIN gen_ref t ON t.g = r.g AND t.k = 1 AND r.status = 'removed'
  LEFT JOIN gen_org tro ON tro.org_id = r.taker AND r.status = 'removed'
) e;

INSERT INTO events (occurred_at, staff_id, organisation_id, action, subject_type, subject_id, new_value, detail, remote_addr)
SELECT STRAIGHT_JOIN r.end_at + INTERVAL 2000 + MIX(r.hb, 60) MOD 1000 * 1000 MICROSECOND, r.handler, r.org,
  'referral.unresolved', 'referral_group', @group_base + st.g, 'unresolved',
  'Every referral of the group was refused or had no response',
  CONCAT('10.20.', r.handler DIV 256 MOD 256, '.', r.handler MOD 256)
FROM gen_gstate st JOIN gen_ref r ON r.rid = st.last_rid
WHERE st.last_rid IS NOT NULL;
