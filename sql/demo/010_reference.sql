-- Demo reference data: local authorities with their official ONS codes (local authority
-- districts, as the ONS Postcode Directory names them), and a sample of postcodes in them,
-- as an import of the ONSPD would leave them. Safe to run again: rows are matched by their
-- unique code and postcode, and what is there already is left alone.
INSERT IGNORE INTO local_authorities (name, code) VALUES
  ('Hartlepool', 'E06000001'),
  ('Middlesbrough', 'E06000002'),
  ('Bristol, City of', 'E06000023'),
  ('Cornwall', 'E06000052'),
  ('Manchester', 'E08000003'),
  ('Liverpool', 'E08000012'),
  ('Sheffield', 'E08000019'),
  ('Newcastle upon Tyne', 'E08000021'),
  ('Birmingham', 'E08000025'),
  ('Leeds', 'E08000035'),
  ('Camden', 'E09000007'),
  ('Westminster', 'E09000033'),
  ('Cardiff', 'W06000015'),
  ('City of Edinburgh', 'S12000036'),
  ('Glasgow City', 'S12000049'),
  ('Belfast', 'N09000003');

-- Postcodes are stored upper case without spaces; the town is the post town.
INSERT IGNORE INTO postcodes (postcode, local_authority_id, town, is_terminated)
SELECT m.postcode, la.id, m.town, m.ended
FROM (
  SELECT 'TS248AY' AS postcode, 'E06000001' AS code, 'Hartlepool' AS town, 0 AS ended
  UNION ALL SELECT 'TS247BT', 'E06000001', 'Hartlepool', 0
  UNION ALL SELECT 'TS259AA', 'E06000001', 'Hartlepool', 0
  UNION ALL SELECT 'TS12QQ', 'E06000002', 'Middlesbrough', 0
  UNION ALL SELECT 'TS13BA', 'E06000002', 'Middlesbrough', 0
  UNION ALL SELECT 'TS54AA', 'E06000002', 'Middlesbrough', 0
  UNION ALL SELECT 'BS14DJ', 'E06000023', 'Bristol', 0
  UNION ALL SELECT 'BS15TR', 'E06000023', 'Bristol', 0
  UNION ALL SELECT 'BS81TH', 'E06000023', 'Bristol', 0
  UNION ALL SELECT 'BS20JA', 'E06000023', 'Bristol', 0
  UNION ALL SELECT 'BS31AA', 'E06000023', 'Bristol', 0
  UNION ALL SELECT 'TR13AY', 'E06000052', 'Truro', 0
  UNION ALL SELECT 'TR12HE', 'E06000052', 'Truro', 0
  UNION ALL SELECT 'PL254AA', 'E06000052', 'St Austell', 0
  UNION ALL SELECT 'TR182AA', 'E06000052', 'Penzance', 0
  UNION ALL SELECT 'TR71AA', 'E06000052', 'Newquay', 0
  UNION ALL SELECT 'M11AE', 'E08000003', 'Manchester', 0
  UNION ALL SELECT 'M25DB', 'E08000003', 'Manchester', 0
  UNION ALL SELECT 'M139PL', 'E08000003', 'Manchester', 0
  UNION ALL SELECT 'M602LA', 'E08000003', 'Manchester', 0
  UNION ALL SELECT 'M41PW', 'E08000003', 'Manchester', 0
  UNION ALL SELECT 'L18JQ', 'E08000012', 'Liverpool', 0
  UNION ALL SELECT 'L23SW', 'E08000012', 'Liverpool', 0
  UNION ALL SELECT 'L693BX', 'E08000012', 'Liverpool', 0
  UNION ALL SELECT 'S12HH', 'E08000019', 'Sheffield', 0
  UNION ALL SELECT 'S102TN', 'E08000019', 'Sheffield', 0
  UNION ALL SELECT 'S14PF', 'E08000019', 'Sheffield', 0
  UNION ALL SELECT 'NE17RU', 'E08000021', 'Newcastle upon Tyne', 0
  UNION ALL SELECT 'NE18QH', 'E08000021', 'Newcastle upon Tyne', 0
  UNION ALL SELECT 'NE14ST', 'E08000021', 'Newcastle upon Tyne', 0
  UNION ALL SELECT 'B11BB', 'E08000025', 'Birmingham', 0
  UNION ALL SELECT 'B12ND', 'E08000025', 'Birmingham', 0
  UNION ALL SELECT 'B33AX', 'E08000025', 'Birmingham', 0
  UNION ALL SELECT 'B152TT', 'E08000025', 'Birmingham', 0
  UNION ALL SELECT 'B46TB', 'E08000025', 'Birmingham', 0
  UNION ALL SELECT 'LS11UR', 'E08000035', 'Leeds', 0
  UNION ALL SELECT 'LS14AP', 'E08000035', 'Leeds', 0
  UNION ALL SELECT 'LS28BH', 'E08000035', 'Leeds', 0
  UNION ALL SELECT 'LS29JT', 'E08000035', 'Leeds', 0
  UNION ALL SELECT 'LS62AA', 'E08000035', 'Leeds', 0
  UNION ALL SELECT 'LS115DJ', 'E08000035', 'Leeds', 0
  UNION ALL SELECT 'NW12DB', 'E09000007', 'London', 0
  UNION ALL SELECT 'WC1E6BT', 'E09000007', 'London', 0
  UNION ALL SELECT 'WC1B3DG', 'E09000007', 'London', 0
  UNION ALL SELECT 'NW51TL', 'E09000007', 'London', 0
  UNION ALL SELECT 'SW1A1AA', 'E09000033', 'London', 0
  UNION ALL SELECT 'SW1A2AA', 'E09000033', 'London', 0
  UNION ALL SELECT 'SW1A0AA', 'E09000033', 'London', 0
  UNION ALL SELECT 'W1A1AA', 'E09000033', 'London', 0
  UNION ALL SELECT 'CF101EP', 'W06000015', 'Cardiff', 0
  UNION ALL SELECT 'CF103ND', 'W06000015', 'Cardiff', 0
  UNION ALL SELECT 'CF103AT', 'W06000015', 'Cardiff', 0
  UNION ALL SELECT 'CF240AB', 'W06000015', 'Cardiff', 0
  UNION ALL SELECT 'CF119XR', 'W06000015', 'Cardiff', 0
  UNION ALL SELECT 'EH11YJ', 'S12000036', 'Edinburgh', 0
  UNION ALL SELECT 'EH89YL', 'S12000036', 'Edinburgh', 0
  UNION ALL SELECT 'EH991SP', 'S12000036', 'Edinburgh', 0
  UNION ALL SELECT 'G21DU', 'S12000049', 'Glasgow', 0
  UNION ALL SELECT 'G128QQ', 'S12000049', 'Glasgow', 0
  UNION ALL SELECT 'G13SL', 'S12000049', 'Glasgow', 0
  UNION ALL SELECT 'G38AG', 'S12000049', 'Glasgow', 0
  UNION ALL SELECT 'BT15GS', 'N09000003', 'Belfast', 0
  UNION ALL SELECT 'BT71NN', 'N09000003', 'Belfast', 0
  UNION ALL SELECT 'BT96AA', 'N09000003', 'Belfast', 0
  -- no longer in use: a lookup shows it as terminated
  UNION ALL SELECT 'BT11AA', 'N09000003', 'Belfast', 1
) m
JOIN local_authorities la ON la.code = m.code;
