-- The audit page filters events by organisation, newest first: without this index that
-- filter would walk the whole log backwards in time. (Its other filters use the indexes of
-- 001_foundation.sql: events_staff, events_action, events_subject and events_time.)
ALTER TABLE events ADD KEY events_org (organisation_id, occurred_at);
