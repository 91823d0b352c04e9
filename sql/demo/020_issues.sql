-- Demo issues and their questionnaires: six issues offered to referrers and one deactivated
-- legacy issue, each with a few questions of mixed kinds (one retired, to show that too).
-- Safe to run again: issues are matched by name; questions are added only to an issue that
-- has none, options only to a question that has none, so an administrator's later changes
-- (edited, reordered, retired questions; positions and flags of issues) are kept.

INSERT INTO issues (name, description, position, active) VALUES
  ('Housing', 'Homelessness or the risk of it, eviction, disrepair and help finding somewhere to live.', 1, 1),
  ('Debt and money advice', 'Help with debts, budgeting, benefits and making the most of income.', 2, 1),
  ('Mental health and wellbeing', 'Talking therapies, emotional support and wellbeing services for adults.', 3, 1),
  ('Food and essentials', 'Emergency food parcels, toiletries, baby essentials and help with fuel costs.', 4, 1),
  ('Employment and skills', 'Help finding work, training, CVs, interview practice and English classes.', 5, 1),
  ('Domestic abuse support', 'Safety planning, independent advocacy and refuge for anyone experiencing domestic abuse.', 6, 1),
  ('Legacy: General enquiry', 'Replaced by the specific issues. Kept because referrals made before they existed use it.', 7, 0)
ON DUPLICATE KEY UPDATE name = VALUES(name);

INSERT INTO questions (issue_id, position, kind, text, hint, required, retired)
SELECT i.id, q.position, q.kind, q.text, q.hint, q.required, q.retired
FROM (
  SELECT 'Housing' AS issue, 1 AS position, 'yes_no' AS kind,
         'Is the client homeless, or likely to become homeless within 56 days?' AS text,
         'Within 56 days the council has a duty to help prevent homelessness.' AS hint,
         1 AS required, 0 AS retired
  UNION ALL SELECT 'Housing', 2, 'single_choice', 'Where is the client living now?', '', 1, 0
  UNION ALL SELECT 'Housing', 3, 'date', 'When does the client have to leave?',
         'The date on a notice to quit or eviction notice, if they have one.', 0, 0
  UNION ALL SELECT 'Housing', 4, 'long_text', 'Anything else the housing team should know', '', 0, 0
  UNION ALL SELECT 'Debt and money advice', 1, 'multiple_choice', 'Which debts does the client have?',
         'Choose all that apply.', 1, 0
  UNION ALL SELECT 'Debt and money advice', 2, 'text', 'Roughly how much does the client owe in total?',
         'An estimate is fine, for example £2,500.', 0, 0
  UNION ALL SELECT 'Debt and money advice', 3, 'yes_no', 'Is the client facing court action or enforcement agents (bailiffs)?', '', 1, 0
  UNION ALL SELECT 'Mental health and wellbeing', 1, 'multiple_choice', 'What support is the client looking for?',
         'Choose all that apply.', 1, 0
  UNION ALL SELECT 'Mental health and wellbeing', 2, 'yes_no', 'Has the client had thoughts of harming themselves in the last two weeks?',
         'If the client is at immediate risk, call 999 or the local crisis line now: do not wait for this referral.', 1, 0
  UNION ALL SELECT 'Mental health and wellbeing', 3, 'long_text', 'How has the client been feeling recently?', '', 0, 0
  UNION ALL SELECT 'Food and essentials', 1, 'text', 'How many people live in the household?', 'Include children.', 1, 0
  UNION ALL SELECT 'Food and essentials', 2, 'multiple_choice', 'Does anyone in the household have dietary needs?',
         'Choose all that apply.', 0, 0
  UNION ALL SELECT 'Food and essentials', 3, 'yes_no', 'Can the client collect a parcel from the food bank?',
         'If not, a volunteer may be able to deliver it.', 1, 0
  UNION ALL SELECT 'Employment and skills', 1, 'single_choice', 'What is the client''s employment situation?', '', 1, 0
  UNION ALL SELECT 'Employment and skills', 2, 'multiple_choice', 'What help would the client like?', 'Choose all that apply.', 0, 0
  UNION ALL SELECT 'Employment and skills', 3, 'date', 'From when is the client available to start work or training?', '', 0, 0
  UNION ALL SELECT 'Employment and skills', 4, 'yes_no', 'Does the client hold a full driving licence?', '', 0, 1
  UNION ALL SELECT 'Domestic abuse support', 1, 'yes_no', 'Is it safe to phone the client?',
         'If not, say in the next answer how to reach them safely.', 1, 0
  UNION ALL SELECT 'Domestic abuse support', 2, 'long_text', 'How and when can the client be contacted safely?', '', 1, 0
  UNION ALL SELECT 'Domestic abuse support', 3, 'single_choice', 'Has a DASH risk assessment been completed?', '', 0, 0
  UNION ALL SELECT 'Legacy: General enquiry', 1, 'long_text', 'What does the client need help with?', '', 1, 0
  UNION ALL SELECT 'Legacy: General enquiry', 2, 'text', 'How did the client hear about us?', '', 0, 0
) q
JOIN issues i ON i.name = q.issue
WHERE NOT EXISTS (SELECT 1 FROM questions x WHERE x.issue_id = i.id);

INSERT INTO question_options (question_id, position, label)
SELECT qu.id, o.position, o.label
FROM (
  SELECT 'Housing' AS issue, 'Where is the client living now?' AS question, 1 AS position, 'Sleeping rough' AS label
  UNION ALL SELECT 'Housing', 'Where is the client living now?', 2, 'Staying with friends or family (sofa surfing)'
  UNION ALL SELECT 'Housing', 'Where is the client living now?', 3, 'Temporary or emergency accommodation'
  UNION ALL SELECT 'Housing', 'Where is the client living now?', 4, 'Renting privately'
  UNION ALL SELECT 'Housing', 'Where is the client living now?', 5, 'Council or housing association tenancy'
  UNION ALL SELECT 'Housing', 'Where is the client living now?', 6, 'Own home'
  UNION ALL SELECT 'Housing', 'Where is the client living now?', 7, 'Somewhere else'
  UNION ALL SELECT 'Debt and money advice', 'Which debts does the client have?', 1, 'Rent or mortgage arrears'
  UNION ALL SELECT 'Debt and money advice', 'Which debts does the client have?', 2, 'Council tax'
  UNION ALL SELECT 'Debt and money advice', 'Which debts does the client have?', 3, 'Gas or electricity'
  UNION ALL SELECT 'Debt and money advice', 'Which debts does the client have?', 4, 'Water'
  UNION ALL SELECT 'Debt and money advice', 'Which debts does the client have?', 5, 'Credit cards, loans or catalogues'
  UNION ALL SELECT 'Debt and money advice', 'Which debts does the client have?', 6, 'Benefit overpayments'
  UNION ALL SELECT 'Debt and money advice', 'Which debts does the client have?', 7, 'Something else'
  UNION ALL SELECT 'Mental health and wellbeing', 'What support is the client looking for?', 1, 'One-to-one talking therapy'
  UNION ALL SELECT 'Mental health and wellbeing', 'What support is the client looking for?', 2, 'Group sessions'
  UNION ALL SELECT 'Mental health and wellbeing', 'What support is the client looking for?', 3, 'Peer support'
  UNION ALL SELECT 'Mental health and wellbeing', 'What support is the client looking for?', 4, 'Help with sleep, stress or anxiety'
  UNION ALL SELECT 'Food and essentials', 'Does anyone in the household have dietary needs?', 1, 'Vegetarian'
  UNION ALL SELECT 'Food and essentials', 'Does anyone in the household have dietary needs?', 2, 'Halal'
  UNION ALL SELECT 'Food and essentials', 'Does anyone in the household have dietary needs?', 3, 'Gluten free'
  UNION ALL SELECT 'Food and essentials', 'Does anyone in the household have dietary needs?', 4, 'Diabetic'
  UNION ALL SELECT 'Food and essentials', 'Does anyone in the household have dietary needs?', 5, 'Baby food or formula'
  UNION ALL SELECT 'Employment and skills', 'What is the client''s employment situation?', 1, 'Out of work and looking for work'
  UNION ALL SELECT 'Employment and skills', 'What is the client''s employment situation?', 2, 'In work and looking for different work'
  UNION ALL SELECT 'Employment and skills', 'What is the client''s employment situation?', 3, 'Not working because of ill health or disability'
  UNION ALL SELECT 'Employment and skills', 'What is the client''s employment situation?', 4, 'In education or training'
  UNION ALL SELECT 'Employment and skills', 'What help would the client like?', 1, 'Writing a CV'
  UNION ALL SELECT 'Employment and skills', 'What help would the client like?', 2, 'Interview practice'
  UNION ALL SELECT 'Employment and skills', 'What help would the client like?', 3, 'Training courses'
  UNION ALL SELECT 'Employment and skills', 'What help would the client like?', 4, 'English classes (ESOL)'
  UNION ALL SELECT 'Employment and skills', 'What help would the client like?', 5, 'Computer and online skills'
  UNION ALL SELECT 'Domestic abuse support', 'Has a DASH risk assessment been completed?', 1, 'Yes: high risk (referred to MARAC)'
  UNION ALL SELECT 'Domestic abuse support', 'Has a DASH risk assessment been completed?', 2, 'Yes: medium or standard risk'
  UNION ALL SELECT 'Domestic abuse support', 'Has a DASH risk assessment been completed?', 3, 'No'
  UNION ALL SELECT 'Domestic abuse support', 'Has a DASH risk assessment been completed?', 4, 'Not known'
) o
JOIN issues i ON i.name = o.issue
JOIN questions qu ON qu.issue_id = i.id AND qu.text = o.question AND qu.kind IN ('single_choice', 'multiple_choice')
WHERE NOT EXISTS (SELECT 1 FROM question_options x WHERE x.question_id = qu.id);
