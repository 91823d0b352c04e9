// Issues and their questionnaires (issue 5, point 1): only administrators reach the pages;
// issues are listed in order, added, renamed, described, reordered, deactivated and
// reactivated; questions are added, edited in place, reordered, retired and restored. Every
// form is validated (400, values kept, nothing written), every change audited.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, signedIn, db, dbRows, text, csrfFrom, sqlString, BASE_PATH } from './lib.mjs';

const PREFIX = 'Test issue';

function issueId(name) {
	const rows = dbRows(`SELECT id FROM issues WHERE BINARY name = BINARY ${sqlString(name)}`);
	assert.equal(rows.length, 1, `one issue called ${name}`);
	return rows[0][0];
}

function questionRows(id) {
	return dbRows(`SELECT id, position, kind, text, hint, required, retired FROM questions WHERE issue_id = ${id} ORDER BY retired, position, id`);
}

function options(questionId) {
	return dbRows(`SELECT id, label FROM question_options WHERE question_id = ${questionId} ORDER BY position, id`);
}

// Everything this area writes, to show that a refused request wrote nothing.
function snapshot() {
	return [
		db(`SELECT CONCAT_WS('|', id, name, description, position, active) FROM issues ORDER BY id`),
		db(`SELECT CONCAT_WS('|', id, issue_id, position, kind, text, hint, required, retired) FROM questions ORDER BY id`),
		db(`SELECT CONCAT_WS('|', id, question_id, position, label) FROM question_options ORDER BY id`),
		db(`SELECT COUNT(*) FROM events WHERE action LIKE 'admin.issue.%' OR action LIKE 'admin.question.%'`),
	].join('\n');
}

// The newest audit row for action (and subject): old, new, detail, whether staff and address are set.
function lastAudit(action, subjectId) {
	const where = subjectId === undefined ? '' : ` AND subject_id = ${subjectId}`;
	const rows = dbRows(`SELECT COALESCE(old_value, 'NULL'), COALESCE(new_value, 'NULL'), COALESCE(detail, 'NULL'),
		(SELECT username FROM staff s WHERE s.id = e.staff_id), remote_addr IS NOT NULL, subject_type
		FROM events e WHERE action = '${action}'${where} ORDER BY id DESC LIMIT 1`);
	assert.equal(rows.length, 1, `an audit row for ${action}`);
	const [oldValue, newValue, detail, who, address, subjectType] = rows[0];
	assert.equal(who, 'admin', `${action} is recorded as the administrator`);
	assert.equal(address, '1', `${action} records the address`);
	return { oldValue, newValue, detail, subjectType };
}

// What the referral journey is offered (issue_list_active and question_list_for_issue), through
// the test stack's /_test/offered-issues: [{ id, name, questions: [{ id, kind, required, text,
// hint, options }] }].
async function offered() {
	const res = await admin.get('/_test/offered-issues');
	assert.equal(res.status, 200);
	const issues = [];
	for (const line of res.body.split('\n')) {
		let m;
		if ((m = line.match(/^issue (\d+) (.*)$/))) issues.push({ id: m[1], name: m[2], questions: [] });
		else if ((m = line.match(/^  question (\d+) (\S+) (required|optional) (.*)$/)))
			issues.at(-1).questions.push({ id: m[1], kind: m[2], required: m[3] === 'required', text: m[4], hint: '', options: [] });
		else if ((m = line.match(/^    hint (.*)$/))) issues.at(-1).questions.at(-1).hint = m[1];
		else if ((m = line.match(/^    option (.*)$/))) issues.at(-1).questions.at(-1).options.push(m[1]);
		else assert.equal(line, '', 'a line of the offered issues');
	}
	return issues;
}

function activeOrder() {
	return dbRows('SELECT name FROM issues WHERE active = 1 ORDER BY position, id').map(([n]) => n);
}

let admin;
let csrf;

// Follows a redirect (its Location carries the base path).
function follow(res) {
	assert.ok(res.headers.location.startsWith(BASE_PATH + '/'), res.headers.location);
	return admin.get(res.headers.location.slice(BASE_PATH.length));
}
let housing; // a demo issue with questions
let housingQuestion;

// The state of the demo issues before the tests, put back afterwards for the next file.
let savedIssues;
let savedQuestions;

before(async () => {
	admin = await signedIn('admin');
	csrf = csrfFrom((await admin.get('/admin/issues')).body);
	assert.ok(csrf, 'a form token on the issues page');
	housing = issueId('Housing');
	housingQuestion = questionRows(housing)[0][0];
	savedIssues = dbRows('SELECT id, position, active FROM issues');
	savedQuestions = dbRows('SELECT id, position, retired FROM questions');
});

after(() => {
	const ids = dbRows(`SELECT id FROM issues WHERE name LIKE '${PREFIX}%'`).map(([id]) => id);
	if (ids.length) {
		db(`DELETE FROM questions WHERE issue_id IN (${ids.join(',')})`);
		db(`DELETE FROM issues WHERE id IN (${ids.join(',')})`);
	}
	db(`DELETE FROM questions WHERE text LIKE 'Test question%'`);
	for (const [id, position, active] of savedIssues) db(`UPDATE issues SET position = ${position}, active = ${active} WHERE id = ${id}`);
	for (const [id, position, retired] of savedQuestions) db(`UPDATE questions SET position = ${position}, retired = ${retired} WHERE id = ${id}`);
});

function routes() {
	const i = housing;
	const q = housingQuestion;
	return [
		['GET', '/admin/issues'],
		['POST', '/admin/issues'],
		['GET', `/admin/issues/${i}`],
		['POST', `/admin/issues/${i}`],
		['GET', `/admin/issues/${i}/edit`],
		['POST', `/admin/issues/${i}/move`],
		['POST', `/admin/issues/${i}/deactivate`],
		['POST', `/admin/issues/${i}/reactivate`],
		['GET', `/admin/issues/${i}/questions/new`],
		['POST', `/admin/issues/${i}/questions`],
		['GET', `/admin/issues/${i}/questions/${q}`],
		['POST', `/admin/issues/${i}/questions/${q}`],
		['POST', `/admin/issues/${i}/questions/${q}/move`],
		['POST', `/admin/issues/${i}/questions/${q}/retire`],
		['POST', `/admin/issues/${i}/questions/${q}/restore`],
		['GET', '/_test/offered-issues'],
	];
}

// Fields that would make each POST succeed, had it been allowed.
const FIELDS = { name: `${PREFIX} refused`, description: '', direction: 'up', text: 'Test question refused', kind: 'text' };

describe('who may use the issue pages', () => {
	it('administrators get every page', async () => {
		for (const [method, path] of routes().filter(([m, p]) => m === 'GET' && p.startsWith('/admin'))) {
			const res = await admin.get(path);
			assert.equal(res.status, 200, `${method} ${path} as admin`);
			assert.match(res.body, new RegExp(`<a href="${BASE_PATH}/admin[^"]*" class="govuk-back-link">Back</a>`), `${path} has a back link`);
			assert.equal((res.body.match(/<h1\b/g) || []).length, 1, `${path} has one h1`);
		}
	});

	it('staff who are not administrators get 403 on every route, and change nothing', async () => {
		const amira = await signedIn('amira');
		const token = csrfFrom((await amira.get('/')).body);
		const before = snapshot();
		for (const [method, path] of routes()) {
			const res = method === 'GET' ? await amira.get(path) : await amira.post(path, { csrf: token, ...FIELDS });
			assert.equal(res.status, 403, `${method} ${path} as staff`);
		}
		assert.equal(snapshot(), before);
	});

	it('signed-out visitors are sent to sign in, for GET and POST, and change nothing', async () => {
		const anon = new Browser();
		const before = snapshot();
		for (const [method, path] of routes()) {
			const res = method === 'GET' ? await anon.get(path) : await anon.post(path, FIELDS);
			assert.equal(res.status, 303, `${method} ${path} signed out`);
			assert.ok(res.headers.location.startsWith(`${BASE_PATH}/signin`), `${method} ${path}: ${res.headers.location}`);
		}
		assert.equal(snapshot(), before);
	});

	it('a POST without the form token is refused (403) and changes nothing', async () => {
		const before = snapshot();
		for (const [method, path] of routes().filter(([m]) => m === 'POST')) {
			const res = await admin.post(path, FIELDS);
			assert.equal(res.status, 403, `${method} ${path} without csrf`);
		}
		assert.equal(snapshot(), before);
	});
});

describe('the list of issues', () => {
	it('shows every issue in order, active first, with its status and question counts', async () => {
		const res = await admin.get('/admin/issues');
		assert.equal(res.status, 200);
		const shown = text(res.body);
		const expected = dbRows('SELECT name FROM issues ORDER BY active DESC, position, id').map(([n]) => n);
		let at = -1;
		for (const name of expected) {
			const here = shown.indexOf(name, at + 1);
			assert.ok(here > at, `${name} in order`);
			at = here;
		}
		// the demo's Employment and skills has 3 questions asked and 1 retired
		const row = (name) => {
			const m = res.body.match(new RegExp(`<tr class="govuk-table__row">(?:(?!</tr>)[\\s\\S])*?>${name}</a>[\\s\\S]*?</tr>`));
			assert.ok(m, `a row for ${name}`);
			return text(m[0]);
		};
		assert.match(row('Employment and skills'), /\b3 \(1 retired\)/);
		assert.match(row('Employment and skills'), /Active/);
		assert.match(row('Legacy: General enquiry'), /Deactivated/);
		assert.doesNotMatch(row('Legacy: General enquiry'), /Move (up|down)/, 'a deactivated issue has no place to move');
	});

	it('offers the referral journey the active issues in order, with their live questions', async () => {
		const issues = await offered();
		assert.deepEqual(issues.map((i) => i.name), activeOrder());
		assert.ok(!issues.some((i) => i.name === 'Legacy: General enquiry'), 'the deactivated issue is not offered');
		const housingOffered = issues.find((i) => i.name === 'Housing');
		assert.deepEqual(
			housingOffered.questions.map((q) => [q.kind, q.required, q.text]),
			dbRows(`SELECT kind, required, text FROM questions WHERE issue_id = ${housing} AND retired = 0 ORDER BY position, id`).map(([k, r, t]) => [k, r === '1', t])
		);
		const living = housingOffered.questions.find((q) => q.kind === 'single_choice');
		assert.equal(living.options[0], 'Sleeping rough');
		assert.ok(living.options.length >= 2);
		const employment = issues.find((i) => i.name === 'Employment and skills');
		assert.ok(!employment.questions.some((q) => /driving licence/.test(q.text)), 'a retired question is not asked');
	});
});

describe('adding an issue', () => {
	it('adds one (trimmed), audited, and opens its page with a notice', async () => {
		const res = await admin.post('/admin/issues', { csrf, name: `  ${PREFIX}: Benefits  `, description: 'Universal Credit and disability benefits.' });
		assert.equal(res.status, 303);
		const id = issueId(`${PREFIX}: Benefits`);
		assert.equal(res.headers.location, `${BASE_PATH}/admin/issues/${id}?done=added`);
		assert.deepEqual(dbRows(`SELECT description, active FROM issues WHERE id = ${id}`), [['Universal Credit and disability benefits.', '1']]);
		assert.equal(activeOrder().at(-1), `${PREFIX}: Benefits`, 'last in the order');
		const added = lastAudit('admin.issue.add', id);
		assert.deepEqual([added.oldValue, added.newValue, added.subjectType], ['NULL', `${PREFIX}: Benefits`, 'issue']);
		assert.equal(lastAudit('admin.issue.describe', id).newValue, 'Universal Credit and disability benefits.');
		const page = await follow(res);
		assert.equal(page.status, 200);
		assert.match(text(page.body), /Issue added/);
		assert.match(page.body, /govuk-notification-banner--success/);
	});

	it('refuses a name already used, in any case, naming the clash, with the form kept', async () => {
		const before = snapshot();
		const res = await admin.post('/admin/issues', { csrf, name: 'housing', description: 'Duplicate attempt' });
		assert.equal(res.status, 400);
		assert.match(text(res.body), /There is already an issue called ‘Housing’/);
		assert.match(res.body, /id="name"[^>]*value="housing"|value="housing"[^>]*id="name"/, 'the name is kept');
		assert.match(res.body, />Duplicate attempt<\/textarea>/, 'the description is kept');
		assert.match(res.body, /govuk-error-summary/);
		assert.equal(snapshot(), before, 'nothing written');
	});

	it('refuses an empty name, a long name, a long description and line breaks, keeping what was typed', async () => {
		const cases = [
			[{ name: '   ', description: 'Kept description' }, 'name', /Enter a name for the issue/],
			[{ name: 'x'.repeat(101), description: '' }, 'name', /Issue name must be 100 characters or fewer/],
			[{ name: `${PREFIX} two\nlines`, description: '' }, 'name', /Issue name: Remove the line breaks/],
			[{ name: `${PREFIX} long description`, description: 'd'.repeat(1001) }, 'description', /Description must be 1000 characters or fewer/],
		];
		for (const [fields, field, message] of cases) {
			const before = snapshot();
			const res = await admin.post('/admin/issues', { csrf, ...fields });
			assert.equal(res.status, 400, JSON.stringify(fields).slice(0, 60));
			assert.match(text(res.body), message);
			assert.match(res.body, new RegExp(`id="${field}-error"`), `the message is beside ${field}`);
			if (fields.description) assert.ok(res.body.includes(`>${fields.description}</textarea>`), 'description kept');
			if (fields.name.trim() && !fields.name.includes('\n')) assert.ok(res.body.includes(`value="${fields.name}"`), 'name kept');
			assert.equal(snapshot(), before, 'nothing written');
		}
		// the limits themselves are allowed, counted in characters, not bytes
		const longest = `${PREFIX} ` + 'é'.repeat(100 - PREFIX.length - 1);
		const ok = await admin.post('/admin/issues', { csrf, name: longest, description: 'ü'.repeat(1000) });
		assert.equal(ok.status, 303);
		issueId(longest);
	});

	it('stores script and SQL text literally and shows it escaped', async () => {
		const payload = `${PREFIX} <script>alert(1)</script> '); DROP TABLE issues; --`;
		const res = await admin.post('/admin/issues', { csrf, name: payload, description: '<b>bold</b>' });
		assert.equal(res.status, 303);
		const id = issueId(payload);
		for (const path of ['/admin/issues', `/admin/issues/${id}`, `/admin/issues/${id}/edit`]) {
			const page = await admin.get(path);
			assert.ok(!page.body.includes('<script>alert(1)</script>'), `not executable on ${path}`);
			assert.ok(page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), `shown escaped on ${path}`);
			assert.ok(!page.body.includes('<b>bold</b>'), `description escaped on ${path}`);
		}
	});
});

describe('renaming and describing an issue', () => {
	it('shows the current values, saves a new name and description, each audited', async () => {
		const id = issueId(`${PREFIX}: Benefits`);
		const form = await admin.get(`/admin/issues/${id}/edit`);
		assert.equal(form.status, 200);
		assert.ok(form.body.includes(`value="${PREFIX}: Benefits"`));
		assert.ok(form.body.includes('>Universal Credit and disability benefits.</textarea>'));
		const res = await admin.post(`/admin/issues/${id}`, { csrf, name: `${PREFIX}: Benefits and grants`, description: 'Benefits, grants and charitable funds.' });
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `${BASE_PATH}/admin/issues/${id}?done=saved`);
		assert.deepEqual(dbRows(`SELECT name, description FROM issues WHERE id = ${id}`), [[`${PREFIX}: Benefits and grants`, 'Benefits, grants and charitable funds.']]);
		const renamed = lastAudit('admin.issue.rename', id);
		assert.deepEqual([renamed.oldValue, renamed.newValue], [`${PREFIX}: Benefits`, `${PREFIX}: Benefits and grants`]);
		const described = lastAudit('admin.issue.describe', id);
		assert.deepEqual([described.oldValue, described.newValue], ['Universal Credit and disability benefits.', 'Benefits, grants and charitable funds.']);
		const page = await follow(res);
		assert.match(text(page.body), /Issue saved/);
		assert.match(text(page.body), /Benefits, grants and charitable funds\./);
	});

	it('allows a change of capitals to its own name, but refuses another issue\'s name in any case', async () => {
		const id = issueId(`${PREFIX}: Benefits and grants`);
		const own = await admin.post(`/admin/issues/${id}`, { csrf, name: `${PREFIX}: BENEFITS AND GRANTS`, description: 'Benefits, grants and charitable funds.' });
		assert.equal(own.status, 303);
		assert.equal(lastAudit('admin.issue.rename', id).newValue, `${PREFIX}: BENEFITS AND GRANTS`);
		const before = snapshot();
		const clash = await admin.post(`/admin/issues/${id}`, { csrf, name: 'DEBT AND MONEY ADVICE', description: 'Kept' });
		assert.equal(clash.status, 400);
		assert.match(text(clash.body), /There is already an issue called ‘Debt and money advice’/);
		assert.ok(clash.body.includes('value="DEBT AND MONEY ADVICE"'), 'what was typed is kept');
		assert.ok(clash.body.includes('>Kept</textarea>'));
		assert.equal(snapshot(), before, 'nothing written');
	});

	it('validates the edit form like the add form', async () => {
		const id = issueId(`${PREFIX}: BENEFITS AND GRANTS`);
		const before = snapshot();
		const empty = await admin.post(`/admin/issues/${id}`, { csrf, name: '', description: 'Still here' });
		assert.equal(empty.status, 400);
		assert.match(text(empty.body), /Enter a name for the issue/);
		assert.ok(empty.body.includes('>Still here</textarea>'));
		const long = await admin.post(`/admin/issues/${id}`, { csrf, name: 'n'.repeat(101), description: '' });
		assert.equal(long.status, 400);
		assert.match(text(long.body), /100 characters or fewer/);
		const longDescription = await admin.post(`/admin/issues/${id}`, { csrf, name: 'Fine', description: 'd'.repeat(1001) });
		assert.equal(longDescription.status, 400);
		assert.match(text(longDescription.body), /Description must be 1000 characters or fewer/);
		assert.equal(snapshot(), before, 'nothing written');
	});

	it('answers 404 for an issue that does not exist', async () => {
		assert.equal((await admin.get('/admin/issues/999999')).status, 404);
		assert.equal((await admin.get('/admin/issues/999999/edit')).status, 404);
		assert.equal((await admin.post('/admin/issues/999999', { csrf, name: `${PREFIX} ghost`, description: '' })).status, 404);
		assert.equal(dbRows(`SELECT COUNT(*) FROM issues WHERE name = '${PREFIX} ghost'`)[0][0], '0');
	});
});

describe('ordering, deactivating and reactivating issues', () => {
	it('moves an issue up and down among the active ones, audited', async () => {
		const order = activeOrder();
		const second = order[1];
		const id = issueId(second);
		const up = await admin.post(`/admin/issues/${id}/move`, { csrf, direction: 'up' });
		assert.equal(up.status, 303);
		assert.equal(up.headers.location, `${BASE_PATH}/admin/issues?done=moved`);
		assert.equal(activeOrder()[0], second, 'now first');
		assert.equal((await offered())[0].name, second, 'offered first to the referral journey');
		const moved = lastAudit('admin.issue.move', id);
		assert.deepEqual([moved.oldValue, moved.newValue], ['position 2', 'position 1']);
		assert.match(text((await admin.get('/admin/issues?done=moved')).body), /Order changed/);
		const down = await admin.post(`/admin/issues/${id}/move`, { csrf, direction: 'down' });
		assert.equal(down.status, 303);
		assert.deepEqual(activeOrder(), order, 'back where it was');
		// the first cannot go higher: nothing changes
		const first = issueId(order[0]);
		assert.equal((await admin.post(`/admin/issues/${first}/move`, { csrf, direction: 'up' })).status, 303);
		assert.deepEqual(activeOrder(), order);
		const before = snapshot();
		assert.equal((await admin.post(`/admin/issues/${id}/move`, { csrf, direction: 'sideways' })).status, 400);
		assert.equal(snapshot(), before);
	});

	it('deactivates an issue: no longer offered, its questions kept; reactivating puts it last', async () => {
		const id = issueId(`${PREFIX}: BENEFITS AND GRANTS`);
		const name = `${PREFIX}: BENEFITS AND GRANTS`;
		// move it off the end first, so that "last" after reactivating means something
		await admin.post(`/admin/issues/${id}/move`, { csrf, direction: 'up' });
		assert.notEqual(activeOrder().at(-1), name);
		const res = await admin.post(`/admin/issues/${id}/deactivate`, { csrf });
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `${BASE_PATH}/admin/issues/${id}?done=deactivated`);
		assert.deepEqual(dbRows(`SELECT active FROM issues WHERE id = ${id}`), [['0']]);
		assert.ok(!activeOrder().includes(name), 'not among the active issues');
		assert.ok(!(await offered()).some((i) => i.id === id), 'no longer offered to the referral journey');
		const audit = lastAudit('admin.issue.deactivate', id);
		assert.deepEqual([audit.oldValue, audit.newValue], ['active', 'deactivated']);
		const page = await follow(res);
		assert.match(text(page.body), /Issue deactivated: it is no longer offered for new referrals/);
		assert.match(text(page.body), /Reactivate issue/);
		const list = await admin.get('/admin/issues');
		const shown = text(list.body);
		assert.ok(shown.indexOf(name) > shown.indexOf('Domestic abuse support'), 'listed after the active issues');
		// moving a deactivated issue is not possible
		assert.equal((await admin.post(`/admin/issues/${id}/move`, { csrf, direction: 'up' })).status, 404);
		// deactivating twice changes nothing more
		const count = dbRows(`SELECT COUNT(*) FROM events WHERE action = 'admin.issue.deactivate' AND subject_id = ${id}`)[0][0];
		assert.equal((await admin.post(`/admin/issues/${id}/deactivate`, { csrf })).status, 303);
		assert.equal(dbRows(`SELECT COUNT(*) FROM events WHERE action = 'admin.issue.deactivate' AND subject_id = ${id}`)[0][0], count);

		const back = await admin.post(`/admin/issues/${id}/reactivate`, { csrf });
		assert.equal(back.status, 303);
		assert.deepEqual(dbRows(`SELECT active FROM issues WHERE id = ${id}`), [['1']]);
		assert.equal(activeOrder().at(-1), name, 'active again, last');
		assert.equal((await offered()).at(-1).id, id, 'offered to the referral journey again, last');
		const reactivated = lastAudit('admin.issue.reactivate', id);
		assert.deepEqual([reactivated.oldValue, reactivated.newValue], ['deactivated', 'active']);
		assert.equal((await admin.post('/admin/issues/999999/deactivate', { csrf })).status, 404);
	});
});

describe('the questionnaire', () => {
	let issue;
	before(async () => {
		const res = await admin.post('/admin/issues', { csrf, name: `${PREFIX}: Questionnaire`, description: '' });
		assert.equal(res.status, 303);
		issue = issueId(`${PREFIX}: Questionnaire`);
	});

	const post = (path, fields) => admin.post(`/admin/issues/${issue}${path}`, { csrf, ...fields });

	it('adds questions of every kind; options one per line, trimmed, blank lines ignored', async () => {
		const form = await admin.get(`/admin/issues/${issue}/questions/new`);
		assert.equal(form.status, 200);
		for (const kind of ['Text', 'Long text', 'Yes or no', 'Single choice', 'Multiple choice', 'Date']) assert.match(text(form.body), new RegExp(kind));
		const kinds = [
			['text', 'Test question: name of school', '', false],
			['long_text', 'Test question: describe the situation', 'A few sentences', true],
			['yes_no', 'Test question: has a social worker?', '', true],
			['single_choice', 'Test question: tenure', '', true],
			['multiple_choice', 'Test question: needs', 'Choose all that apply', false],
			['date', 'Test question: date of notice', '', false],
		];
		for (const [kind, question, hint, required] of kinds) {
			const fields = { text: question, hint, kind };
			if (required) fields.required = '1';
			if (kind === 'single_choice') fields.options = '  Renting  \r\n\r\nOwner\r\n   \r\nCouncil tenant\r\n';
			if (kind === 'multiple_choice') fields.options = 'Food\nFuel\n';
			if (kind === 'text') fields.options = 'Ignored\nFor text';
			const res = await post('/questions', fields);
			assert.equal(res.status, 303, `${kind}: ${text(res.body).slice(0, 200)}`);
			assert.equal(res.headers.location, `${BASE_PATH}/admin/issues/${issue}?done=question-added`);
		}
		const rows = questionRows(issue);
		assert.deepEqual(rows.map((r) => r.slice(1)), kinds.map(([kind, question, hint, required], i) => [String(i + 1), kind, question, hint, required ? '1' : '0', '0']));
		assert.deepEqual(options(rows[3][0]).map(([, l]) => l), ['Renting', 'Owner', 'Council tenant']);
		assert.deepEqual(options(rows[4][0]).map(([, l]) => l), ['Food', 'Fuel']);
		assert.deepEqual(options(rows[0][0]), [], 'a text question stores no options');
		const audit = lastAudit('admin.question.add', rows[3][0]);
		assert.equal(audit.subjectType, 'question');
		assert.equal(audit.newValue, 'Single choice, required: ‘Test question: tenure’; options: Renting | Owner | Council tenant');
		assert.equal(audit.detail, `Issue: ${PREFIX}: Questionnaire`);
		const page = await admin.get(`/admin/issues/${issue}?done=question-added`);
		assert.match(text(page.body), /Question added/);
		const shown = text(page.body);
		let at = -1;
		for (const [, question] of kinds) {
			const here = shown.indexOf(question);
			assert.ok(here > at, `${question} shown in order`);
			at = here;
		}
		assert.match(shown, /Council tenant/);
		// the referral journey asks them, in order, with their options
		const asked = (await offered()).find((i) => i.id === issue).questions;
		assert.deepEqual(asked.map((q) => [q.kind, q.text, q.hint, q.required]), kinds.map(([kind, question, hint, required]) => [kind, question, hint, required]));
		assert.deepEqual(asked[3].options, ['Renting', 'Owner', 'Council tenant']);
		assert.deepEqual(asked[0].options, []);
		// the list counts them
		assert.match(text((await admin.get('/admin/issues')).body), new RegExp(`${PREFIX}: Questionnaire 6 Active`));
	});

	it('refuses each bad value with a message, keeping every value, writing nothing', async () => {
		const good = { text: 'Test question: valid', hint: 'A hint', kind: 'single_choice', options: 'One\nTwo', required: '1' };
		const cases = [
			[{ text: '  ' }, 'text', /Enter the question/],
			[{ text: 'q'.repeat(501) }, 'text', /Question must be 500 characters or fewer/],
			[{ hint: 'h'.repeat(501) }, 'hint', /Hint must be 500 characters or fewer/],
			[{ kind: '' }, 'kind', /Choose the type of answer/],
			[{ kind: 'essay' }, 'kind', /Choose the type of answer/],
			[{ options: 'Only one\n\n' }, 'options', /Enter at least 2 options, one per line/],
			[{ options: '' }, 'options', /Enter at least 2 options/],
			[{ kind: 'multiple_choice', options: 'Food\nfuel\nFOOD' }, 'options', /‘FOOD’ is there twice: each option must be different/],
			[{ options: `One\n${'o'.repeat(201)}` }, 'options', /Each option must be 200 characters or fewer/],
			[{ options: Array.from({ length: 51 }, (_, i) => `Option ${i}`).join('\n') }, 'options', /Enter 50 options or fewer/],
		];
		for (const [change, field, message] of cases) {
			const fields = { ...good, ...change };
			const before = snapshot();
			const res = await post('/questions', fields);
			assert.equal(res.status, 400, `${JSON.stringify(change).slice(0, 60)}`);
			assert.match(text(res.body), message);
			assert.match(res.body, new RegExp(`id="${field}-error"`), `the message is beside ${field}`);
			assert.match(res.body, /govuk-error-summary/);
			if (fields.text.trim()) assert.ok(res.body.includes(`value="${fields.text}"`), 'question kept');
			assert.ok(res.body.includes(`value="${fields.hint}"`), 'hint kept');
			if (['single_choice', 'multiple_choice'].includes(fields.kind)) assert.match(res.body, new RegExp(`value="${fields.kind}" checked`), 'kind kept');
			assert.match(res.body, /id="required" name="required" type="checkbox" value="1" checked/, 'required kept');
			assert.ok(res.body.includes(`>${fields.options.trim()}</textarea>`), 'options kept');
			assert.equal(snapshot(), before, 'nothing written');
		}
	});

	it('edits a question in place, options relabelled in place, audited with old and new', async () => {
		const [id] = questionRows(issue)[3];
		const before = options(id);
		const form = await admin.get(`/admin/issues/${issue}/questions/${id}`);
		assert.equal(form.status, 200);
		assert.ok(form.body.includes('value="Test question: tenure"'));
		assert.match(form.body, /value="single_choice" checked/);
		assert.match(form.body, />Renting\nOwner\nCouncil tenant<\/textarea>/);
		assert.match(text(form.body), /Answers already given keep the question and options they answered/);
		const res = await post(`/questions/${id}`, { text: 'Test question: where does the client live?', hint: 'Their main home', kind: 'multiple_choice', options: 'Renting privately\nOwner\nHousing association\nOther', required: '1' });
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `${BASE_PATH}/admin/issues/${issue}?done=question-saved`);
		const row = dbRows(`SELECT id, position, kind, text, hint, required FROM questions WHERE id = ${id}`);
		assert.deepEqual(row, [[id, '4', 'multiple_choice', 'Test question: where does the client live?', 'Their main home', '1']], 'the same question, changed');
		const after = options(id);
		assert.deepEqual(after.map(([, l]) => l), ['Renting privately', 'Owner', 'Housing association', 'Other']);
		assert.deepEqual(after.slice(0, 3).map(([i]) => i), before.map(([i]) => i), 'existing option rows are updated, not replaced');
		const audit = lastAudit('admin.question.edit', id);
		assert.equal(audit.oldValue, 'Single choice, required: ‘Test question: tenure’; options: Renting | Owner | Council tenant');
		assert.equal(audit.newValue, 'Multiple choice, required: ‘Test question: where does the client live?’; hint: ‘Their main home’; options: Renting privately | Owner | Housing association | Other');
		const asked = (await offered()).find((i) => i.id === issue).questions.find((q) => q.id === id);
		assert.deepEqual(asked, { id, kind: 'multiple_choice', required: true, text: 'Test question: where does the client live?', hint: 'Their main home', options: ['Renting privately', 'Owner', 'Housing association', 'Other'] });
		// saving without a change records nothing
		const count = dbRows(`SELECT COUNT(*) FROM events WHERE action = 'admin.question.edit' AND subject_id = ${id}`)[0][0];
		await post(`/questions/${id}`, { text: 'Test question: where does the client live?', hint: 'Their main home', kind: 'multiple_choice', options: 'Renting privately\nOwner\nHousing association\nOther', required: '1' });
		assert.equal(dbRows(`SELECT COUNT(*) FROM events WHERE action = 'admin.question.edit' AND subject_id = ${id}`)[0][0], count);
		// a choice turned into text loses its options; optional again
		const toText = await post(`/questions/${id}`, { text: 'Test question: where does the client live?', hint: '', kind: 'text', options: 'Renting privately\nOwner' });
		assert.equal(toText.status, 303);
		assert.deepEqual(options(id), []);
		assert.deepEqual(dbRows(`SELECT kind, required FROM questions WHERE id = ${id}`), [['text', '0']]);
	});

	it('validates the edit form, keeping what was typed and changing nothing', async () => {
		const [id] = questionRows(issue)[4];
		const before = snapshot();
		const res = await post(`/questions/${id}`, { text: 'Test question: needs changed', hint: '', kind: 'multiple_choice', options: 'Food\n\nfood' });
		assert.equal(res.status, 400);
		assert.match(text(res.body), /‘food’ is there twice/);
		assert.ok(res.body.includes('value="Test question: needs changed"'));
		assert.match(res.body, /Save question/);
		assert.equal(snapshot(), before);
	});

	it('moves questions up and down, audited', async () => {
		const ids = () => questionRows(issue).filter((r) => r[6] === '0').map(([id]) => id);
		const order = ids();
		const up = await post(`/questions/${order[2]}/move`, { direction: 'up' });
		assert.equal(up.status, 303);
		assert.equal(up.headers.location, `${BASE_PATH}/admin/issues/${issue}?done=question-moved`);
		assert.deepEqual(ids(), [order[0], order[2], order[1], ...order.slice(3)]);
		assert.deepEqual((await offered()).find((i) => i.id === issue).questions.map((q) => q.id), ids(), 'the journey asks them in the new order');
		const audit = lastAudit('admin.question.move', order[2]);
		assert.deepEqual([audit.oldValue, audit.newValue], ['position 3: ‘Test question: has a social worker?’', 'position 2: ‘Test question: has a social worker?’']);
		assert.equal((await post(`/questions/${order[2]}/move`, { direction: 'down' })).status, 303);
		assert.deepEqual(ids(), order);
		const before = snapshot();
		assert.equal((await post(`/questions/${order[2]}/move`, { direction: 'left' })).status, 400);
		assert.equal(snapshot(), before);
	});

	it('retires a question (no longer asked, still listed) and restores it last', async () => {
		const live = () => questionRows(issue).filter((r) => r[6] === '0').map(([id]) => id);
		const order = live();
		const id = order[0];
		const retire = await post(`/questions/${id}/retire`, {});
		assert.equal(retire.status, 303);
		assert.equal(retire.headers.location, `${BASE_PATH}/admin/issues/${issue}?done=question-retired`);
		assert.deepEqual(dbRows(`SELECT retired FROM questions WHERE id = ${id}`), [['1']]);
		assert.ok(!live().includes(id));
		assert.ok(!(await offered()).find((i) => i.id === issue).questions.some((q) => q.id === id), 'no longer asked in the journey');
		const audit = lastAudit('admin.question.retire', id);
		assert.deepEqual([audit.oldValue, audit.newValue], ['asked: ‘Test question: name of school’', 'retired: ‘Test question: name of school’']);
		const page = await follow(retire);
		assert.match(text(page.body), /Question retired: it is no longer asked/);
		assert.match(text(page.body), /Restore question: Test question: name of school/);
		assert.match(text((await admin.get('/admin/issues')).body), new RegExp(`${PREFIX}: Questionnaire 5 \\(1 retired\\)`));
		// a retired question has no place to move
		assert.equal((await post(`/questions/${id}/move`, { direction: 'up' })).status, 404);
		const restore = await post(`/questions/${id}/restore`, {});
		assert.equal(restore.status, 303);
		assert.deepEqual(live(), [...order.slice(1), id], 'asked again, last');
		assert.equal((await offered()).find((i) => i.id === issue).questions.at(-1).id, id, 'asked again in the journey, last');
		const restored = lastAudit('admin.question.restore', id);
		assert.deepEqual([restored.oldValue, restored.newValue], ['retired: ‘Test question: name of school’', 'asked: ‘Test question: name of school’']);
	});

	it('answers 404 for a question of another issue or none', async () => {
		const [other] = questionRows(housing)[0];
		const before = snapshot();
		assert.equal((await admin.get(`/admin/issues/${issue}/questions/${other}`)).status, 404);
		assert.equal((await post(`/questions/${other}`, { text: 'Test question: hijack', kind: 'text' })).status, 404);
		assert.equal((await post(`/questions/${other}/retire`, {})).status, 404);
		assert.equal((await post(`/questions/${other}/restore`, {})).status, 404);
		assert.equal((await post(`/questions/${other}/move`, { direction: 'up' })).status, 404);
		assert.equal((await admin.get(`/admin/issues/999999/questions/new`)).status, 404);
		assert.equal((await admin.post(`/admin/issues/999999/questions`, { csrf, text: 'Test question: nowhere', kind: 'text' })).status, 404);
		assert.equal(snapshot(), before);
	});

	it('shows script in questions and options escaped', async () => {
		const res = await post('/questions', { text: 'Test question <script>alert(2)</script>', hint: '<i>hint</i>', kind: 'single_choice', options: '<b>one</b>\n"two"' });
		assert.equal(res.status, 303);
		const [id] = questionRows(issue).find((r) => r[3].includes('alert(2)'));
		for (const path of [`/admin/issues/${issue}`, `/admin/issues/${issue}/questions/${id}`]) {
			const page = await admin.get(path);
			assert.ok(!page.body.includes('<script>alert(2)</script>'), path);
			assert.ok(!page.body.includes('<b>one</b>'), path);
			assert.ok(page.body.includes('&lt;b&gt;one&lt;/b&gt;'), path);
		}
	});
});
