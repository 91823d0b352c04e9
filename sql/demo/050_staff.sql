-- A demo manual membership, to show both sources side by side on the staff pages: chloe is in
-- Eastbrook NHS Talking Therapies through her directory group, and an administrator has also
-- added her to Riverside Citizens Advice by hand. Staff rows only exist once people have signed
-- in, so this appears from the next stack start after chloe first signs in. Safe to run again:
-- INSERT IGNORE on the primary key, and nothing at all while the staff row is missing.
INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source, added_by)
SELECT s.id, o.id, 'manual', (SELECT a.id FROM staff a WHERE a.username = 'admin')
FROM staff s
JOIN organisations o ON o.name = 'Riverside Citizens Advice' AND o.active = 1
WHERE s.username = 'chloe';
