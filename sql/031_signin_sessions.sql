-- Sign-in and session hardening.
-- Failed sign-ins are also counted per directory entry ('entry': its DN, lower case), so every
-- spelling of a name the directory matches to one person shares one lock-out.
ALTER TABLE login_attempts
  MODIFY scope ENUM('account', 'address', 'entry') NOT NULL;

-- When the staff member's directory groups (and so their directory memberships and the
-- administrator flag) were last read: sign-in, and live sessions every
-- Ldap.GroupRecheckMinutes. NULL: read them at the next request.
ALTER TABLE staff
  ADD COLUMN groups_checked_at DATETIME NULL;

-- A session ends this long after sign-in however busy it is (the idle timeout aside).
INSERT IGNORE INTO settings (name, value) VALUES ('session_lifetime_hours', '12');
