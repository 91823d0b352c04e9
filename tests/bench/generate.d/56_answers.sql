-- tests/bench/generate, 56_answers: the questionnaire answers of every group: one per question
-- of the issue that is not retired, in the questions' order from 0, with the question's text
-- and kind copied, "" for an optional question left unanswered, as the send step stores them
-- (fcgi/pages/journey_send.c answer_of: Yes/No, option labels, several options joined by a line
-- break, ISO dates).

-- The questions each issue asks now, numbered as the send numbers its answers.
DROP TABLE IF EXISTS gen_question;
CREATE TABLE gen_question (
  issue_id     BIGINT UNSIGNED NOT NULL,
  pos          INT NOT NULL,
  question_id  BIGINT UNSIGNED NOT NULL,
  kind         VARCHAR(20) CHARACTER SET ascii NOT NULL,
  text         VARCHAR(500) NOT NULL,
  required     TINYINT NOT NULL,
  n_pool       INT NOT NULL DEFAULT 0,
  PRIMARY KEY (issue_id, pos),
  KEY gen_question_issue (issue_id)
) ENGINE=MEMORY;
INSERT INTO gen_question (issue_id, pos, question_id, kind, text, required)
SELECT issue_id, ROW_NUMBER() OVER (PARTITION BY issue_id ORDER BY position, id) - 1, id, kind, text, required
FROM questions WHERE retired = 0;

-- What an answer can be, per question: its options; for several options, any non-empty set of
-- them (the single ones first, given more often); for text, a few plausible answers.
DROP TABLE IF EXISTS gen_pool;
CREATE TABLE gen_pool (question_id BIGINT UNSIGNED NOT NULL, k INT NOT NULL, answer VARCHAR(1000) NOT NULL,
  PRIMARY KEY (question_id, k)) ENGINE=MEMORY;

INSERT INTO gen_pool (question_id, k, answer)
SELECT q.question_id, v.seq, IF(v.seq = 0, 'Yes', 'No') FROM gen_question q JOIN seq_0_to_1 v WHERE q.kind = 'yes_no';

INSERT INTO gen_pool (question_id, k, answer)
SELECT q.question_id, ROW_NUMBER() OVER (PARTITION BY q.question_id ORDER BY o.position, o.id) - 1, o.label
FROM gen_question q JOIN question_options o ON o.question_id = q.question_id WHERE q.kind = 'single_choice';

INSERT INTO gen_pool (question_id, k, answer)
SELECT question_id, ROW_NUMBER() OVER (PARTITION BY question_id ORDER BY BIT_COUNT(mask), mask) - 1, answer
FROM (
  SELECT q.question_id, m.seq AS mask, GROUP_CONCAT(o.label ORDER BY o.position, o.id SEPARATOR '\n') AS answer
  FROM gen_question q
  JOIN (SELECT question_id, position, id, label,
          ROW_NUMBER() OVER (PARTITION BY question_id ORDER BY position, id) - 1 AS bit
        FROM question_options) o ON o.question_id = q.question_id
  JOIN seq_1_to_127 m ON m.seq & (1 << o.bit) <> 0 AND o.bit < 7
  WHERE q.kind = 'multiple_choice'
    AND m.seq < (1 << LEAST(7, (SELECT COUNT(*) FROM question_options x WHERE x.question_id = q.question_id)))
  GROUP BY q.question_id, m.seq
) subsets;

INSERT INTO gen_pool (question_id, k, answer)
SELECT q.question_id, ROW_NUMBER() OVER (PARTITION BY q.question_id ORDER BY t.n) - 1, t.answer
FROM gen_question q
JOIN (
  SELECT 'How many people live in the household?' AS question, 1 AS n, '1' AS answer
  UNION ALL SELECT 'How many people live in the household?', 2, '2'
  UNION ALL SELECT 'How many people live in the household?', 3, '3'
  UNION ALL SELECT 'How many people live in the household?', 4, '4'
  UNION ALL SELECT 'How many people live in the household?', 5, '5'
  UNION ALL SELECT 'How many people live in the household?', 6, '2 adults and 3 children'
  UNION ALL SELECT 'Roughly how much does the client owe in total?', 1, '£800'
  UNION ALL SELECT 'Roughly how much does the client owe in total?', 2, '£2,500'
  UNION ALL SELECT 'Roughly how much does the client owe in total?', 3, 'About £6,000'
  UNION ALL SELECT 'Roughly how much does the client owe in total?', 4, '£12,400'
  UNION ALL SELECT 'Roughly how much does the client owe in total?', 5, 'Not sure, several thousand'
  UNION ALL SELECT 'How did the client hear about us?', 1, 'Their GP'
  UNION ALL SELECT 'How did the client hear about us?', 2, 'A friend'
  UNION ALL SELECT 'How did the client hear about us?', 3, 'A leaflet at the library'
  UNION ALL SELECT 'How did the client hear about us?', 4, 'The Jobcentre'
  UNION ALL SELECT 'Anything else the housing team should know', 1, 'Two children aged 4 and 7 at the local primary school.'
  UNION ALL SELECT 'Anything else the housing team should know', 2, 'The landlord has served a section 21 notice; the client has a copy.'
  UNION ALL SELECT 'Anything else the housing team should know', 3, 'Works shifts: mornings are the best time to call.'
  UNION ALL SELECT 'Anything else the housing team should know', 4, 'Has a dog and needs somewhere that allows pets.'
  UNION ALL SELECT 'Anything else the housing team should know', 5, 'Uses a wheelchair and needs step-free access.'
  UNION ALL SELECT 'How has the client been feeling recently?', 1, 'Low mood for several months and struggling to sleep.'
  UNION ALL SELECT 'How has the client been feeling recently?', 2, 'Anxious about money; panic attacks when post arrives.'
  UNION ALL SELECT 'How has the client been feeling recently?', 3, 'Isolated since a bereavement last year.'
  UNION ALL SELECT 'How has the client been feeling recently?', 4, 'Better on some days; would like to talk to someone regularly.'
  UNION ALL SELECT 'How and when can the client be contacted safely?', 1, 'Text first, and only call between 10am and 2pm on weekdays.'
  UNION ALL SELECT 'How and when can the client be contacted safely?', 2, 'Through her sister''s number only; do not leave messages.'
  UNION ALL SELECT 'How and when can the client be contacted safely?', 3, 'At the GP surgery on Tuesday mornings.'
  UNION ALL SELECT 'How and when can the client be contacted safely?', 4, 'E-mail only; the partner checks the phone.'
  UNION ALL SELECT 'What does the client need help with?', 1, 'Rent arrears and a letter from the landlord.'
  UNION ALL SELECT 'What does the client need help with?', 2, 'Claiming the right benefits after losing work.'
  UNION ALL SELECT 'What does the client need help with?', 3, 'Finding somewhere to live after leaving hospital.'
  UNION ALL SELECT 'What does the client need help with?', 4, 'Food and fuel until the next payment.'
) t ON t.question = q.text
WHERE q.kind IN ('text', 'long_text');

-- Text questions the lists above do not know (an administrator's own): a neutral answer.
INSERT IGNORE INTO gen_pool (question_id, k, answer)
SELECT q.question_id, 0, IF(q.kind = 'text', 'See the notes', 'The client would like a call to talk this through.')
FROM gen_question q WHERE q.kind IN ('text', 'long_text')
  AND NOT EXISTS (SELECT 1 FROM gen_pool p WHERE p.question_id = q.question_id);

UPDATE gen_question q SET q.n_pool = (SELECT COUNT(*) FROM gen_pool p WHERE p.question_id = q.question_id);

-- The answers: required questions always answered, optional ones four times in five; several
-- options mostly a single one; dates from a little before the send to three months after.
INSERT INTO answers (group_id, question_id, position, question_text, kind, answer)
SELECT STRAIGHT_JOIN @group_base + g.g, q.question_id, q.pos, q.text, q.kind,
  CASE WHEN NOT q.required AND UNIT(g.g * 8 + q.pos, 1) < 0.2 THEN ''
       WHEN q.kind = 'date' THEN DATE_FORMAT(DATE(g.sent_at) - INTERVAL 10 DAY + INTERVAL HASH(g.g * 8 + q.pos, 2) MOD 100 DAY, '%Y-%m-%d')
       ELSE p.answer END
FROM gen_group g
JOIN gen_question q ON q.issue_id = g.issue_id
LEFT JOIN gen_pool p ON p.question_id = q.question_id AND p.k =
  IF(q.kind = 'multiple_choice' AND UNIT(g.g * 8 + q.pos, 3) < 0.6,
     HASH(g.g * 8 + q.pos, 4) MOD LEAST(q.n_pool, 7),
     HASH(g.g * 8 + q.pos, 4) MOD GREATEST(q.n_pool, 1));
