-- Retention, erasure and inactive staff (issue 15, points 3, 4 and 6).

-- When a client's details were removed, and why: 'retention' (the scheduled job) or
-- 'erasure' (an administrator, on request). The referral page says so.
ALTER TABLE clients
  ADD COLUMN redacted_at DATETIME NULL,
  ADD COLUMN redaction_kind ENUM('retention', 'erasure') NULL;

-- The inbox messages about a referral are found by their link when its client is redacted.
ALTER TABLE inbox_messages ADD KEY inbox_link (link(32));

-- When a staff member was last made active: an administrator's reactivation starts the
-- inactivity clock again (otherwise the next run would deactivate them at once). A trigger,
-- so every path that reactivates (the staff page, the mariadb client) counts.
ALTER TABLE staff ADD COLUMN active_since DATETIME NULL;
CREATE TRIGGER staff_active_since BEFORE UPDATE ON staff FOR EACH ROW
  SET NEW.active_since = IF(NEW.active = 1 AND OLD.active = 0, UTC_TIMESTAMP(), OLD.active_since);

INSERT IGNORE INTO settings (name, value) VALUES
  ('retention_months', '72'),
  ('staff_inactive_days', '90');
