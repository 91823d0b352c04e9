// The referral journey's steps 2 to 4 (issue 3, points 6, 7 and 8): the referral details
// (sending organisation, issues, urgency, timeframes with their dates in working days), the
// receiving organisations (only eligible ones offered, the others with the reason, a gap in
// service raised once per draft and issue when none can receive it) and the questionnaire (each
// kind of question, required ones enforced, answers checked against the options and kept on
// error). Earlier steps' values are written straight into draft_values, so these steps are
// tested on their own.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, signedIn, db, dbRows, text, csrfFrom, decodeEntities, sqlString, organisationId, BASE_PATH } from './lib.mjs';

// YYYY-MM-DD in Europe/London, built from parts: ICU versions format en-CA differently
// (Node 18: 11/23/2026, Node 20: 2026-11-23).
function londonIso(date) {
	const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
		.formatToParts(date).map((p) => [p.type, p.value]));
	return `${parts.year}-${parts.month}-${parts.day}`;
}


const PREFIX = 'Jrtest';
const SENDER = 'Riverside Citizens Advice'; // amira's only organisation

function one(sql) {
	const rows = dbRows(sql);
	assert.equal(rows.length, 1, `one row for ${sql}`);
	return rows[0][0];
}

const staffId = (username) => one(`SELECT id FROM staff WHERE username = ${sqlString(username)}`);
const genderId = (name) => one(`SELECT id FROM reference_values WHERE list = 'gender' AND name = ${sqlString(name)}`);

// ---- fixtures: our own issues, local authorities and organisations ----

const LAS = { northton: [`${PREFIX} Northton`, 'E09970001'], southby: [`${PREFIX} Southby`, 'E09970002'] };
const ISSUES = {
	housing: `${PREFIX} Housing`,
	debt: `${PREFIX} Debt`,
	orphan: `${PREFIX} Orphan`, // handled only by an organisation not accepting referrals
	nobody: `${PREFIX} Nobody`, // handled by no organisation
	questions: `${PREFIX} Questionnaire`,
};
// name → [active, accepting, capacity, min_age, max_age, all_genders, all_local_authorities, issues]
const ORGS = {
	open: [`${PREFIX} Open Door Trust`, 1, 1, 'NULL', 'NULL', 'NULL', 1, 1, ['housing', 'debt', 'questions']],
	youth: [`${PREFIX} Youth Hub`, 1, 1, 'NULL', 'NULL', 25, 1, 1, ['housing']],
	adults: [`${PREFIX} Adult Advice`, 1, 1, 'NULL', 18, 'NULL', 1, 1, ['housing']],
	women: [`${PREFIX} Women First`, 1, 1, 'NULL', 'NULL', 'NULL', 0, 1, ['housing']],
	northton: [`${PREFIX} Northton Housing`, 1, 1, 'NULL', 'NULL', 'NULL', 1, 0, ['housing']],
	paused: [`${PREFIX} Paused Project`, 1, 0, 'NULL', 'NULL', 'NULL', 1, 1, ['housing', 'orphan']],
	full: [`${PREFIX} Full House`, 1, 1, 2, 'NULL', 'NULL', 1, 1, ['housing']],
	closed: [`${PREFIX} Closed Charity`, 0, 1, 'NULL', 'NULL', 'NULL', 1, 1, ['housing']],
	debtline: [`${PREFIX} Debt Line`, 1, 1, 'NULL', 'NULL', 'NULL', 1, 1, ['debt']],
};
const ids = { issues: {}, orgs: {}, las: {} };
const drafts = [];
let amira;
let admin;
let csrf;
let amiraId;
let questionIds; // kind → id in the questionnaire issue
let savedSettings;
let addedHoliday = null;

function createFixtures() {
	for (const [key, [name, code]] of Object.entries(LAS)) {
		db(`INSERT INTO local_authorities (name, code) VALUES (${sqlString(name)}, '${code}')`);
		ids.las[key] = one(`SELECT id FROM local_authorities WHERE code = '${code}'`);
	}
	let position = 900;
	for (const [key, name] of Object.entries(ISSUES)) {
		db(`INSERT INTO issues (name, description, position) VALUES (${sqlString(name)}, 'Test issue ${key}', ${position++})`);
		ids.issues[key] = one(`SELECT id FROM issues WHERE name = ${sqlString(name)}`);
	}
	for (const [key, [name, active, accepting, capacity, minAge, maxAge, allGenders, allLas, issues]] of Object.entries(ORGS)) {
		db(`INSERT INTO organisations (name, active, accepting, capacity, min_age, max_age, all_genders, all_local_authorities)
		    VALUES (${sqlString(name)}, ${active}, ${accepting}, ${capacity}, ${minAge}, ${maxAge}, ${allGenders}, ${allLas})`);
		ids.orgs[key] = organisationId(name);
		for (const issue of issues) db(`INSERT INTO organisation_issues (organisation_id, issue_id) VALUES (${ids.orgs[key]}, ${ids.issues[issue]})`);
	}
	db(`INSERT INTO organisation_genders (organisation_id, gender_id) VALUES (${ids.orgs.women}, ${genderId('Female')})`);
	db(`INSERT INTO organisation_local_authorities (organisation_id, local_authority_id) VALUES (${ids.orgs.northton}, ${ids.las.northton})`);
	// the sending organisation handles Housing too: it must never be offered to itself
	db(`INSERT INTO organisation_issues (organisation_id, issue_id) VALUES (${organisationId(SENDER)}, ${ids.issues.housing})`);

	// The full organisation: two open referrals (New, Acknowledged) for a capacity of two, and a
	// closed and a refused one that do not count.
	db(`INSERT INTO clients (first_name, last_name, first_name_key, last_name_key, date_of_birth, created_by)
	    VALUES ('Jrtest', 'Capacity', 'jrtest', 'capacity', '1980-01-01', ${amiraId})`);
	const client = one(`SELECT id FROM clients WHERE last_name = 'Capacity' AND first_name = 'Jrtest'`);
	const sender = organisationId(SENDER);
	db(`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${client}, ${sender}, ${amiraId})`);
	const consent = one(`SELECT MAX(id) FROM consents WHERE client_id = ${client}`);
	db(`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id)
	    VALUES (${client}, ${ids.issues.housing}, ${sender}, ${amiraId}, ${consent})`);
	const group = one(`SELECT MAX(id) FROM referral_groups WHERE client_id = ${client}`);
	for (const status of ['new', 'acknowledged', 'closed', 'refused'])
		db(`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due)
		    VALUES (${group}, ${client}, ${ids.issues.housing}, ${sender}, ${ids.orgs.full}, ${amiraId}, '${status}', '2030-01-01', '2030-01-01')`);

	// The questionnaire issue: a question of every kind, and a retired one that is not asked.
	const questions = [
		['text', `${PREFIX}: Name of the school`, 'The school the children go to', 1, 0],
		['long_text', `${PREFIX}: Describe the situation`, '', 0, 0],
		['yes_no', 'Do you have children?', '', 1, 0],
		['single_choice', `${PREFIX}: Tenure`, '', 1, 0],
		['multiple_choice', `${PREFIX}: Needs`, 'Choose all that apply', 0, 0],
		['date', `${PREFIX}: Date of notice`, '', 1, 0],
		['text', `${PREFIX}: Retired question`, '', 1, 1],
	];
	questionIds = {};
	questions.forEach(([kind, q, hint, required, retired], i) => {
		db(`INSERT INTO questions (issue_id, position, kind, text, hint, required, retired)
		    VALUES (${ids.issues.questions}, ${i + 1}, '${kind}', ${sqlString(q)}, ${sqlString(hint)}, ${required}, ${retired})`);
		const id = one(`SELECT id FROM questions WHERE issue_id = ${ids.issues.questions} AND text = ${sqlString(q)}`);
		questionIds[retired ? 'retired' : kind] = id;
	});
	const options = { single_choice: ['Renting', 'Owner', 'Council tenant'], multiple_choice: ['Food', 'Fuel', 'Clothes'] };
	for (const [kind, labels] of Object.entries(options))
		labels.forEach((label, i) => db(`INSERT INTO question_options (question_id, position, label) VALUES (${questionIds[kind]}, ${i + 1}, ${sqlString(label)})`));
}

function removeFixtures() {
	const issueList = Object.values(ids.issues).join(',') || '0';
	const orgList = Object.values(ids.orgs).join(',') || '0';
	const client = `(SELECT id FROM clients WHERE first_name = 'Jrtest')`;
	db(`DELETE FROM referrals WHERE client_id IN ${client} OR issue_id IN (${issueList})`);
	db(`DELETE FROM referral_groups WHERE client_id IN ${client} OR issue_id IN (${issueList})`);
	db(`DELETE FROM consents WHERE client_id IN ${client}`);
	db(`DELETE FROM client_orgs WHERE client_id IN ${client}`);
	db(`DELETE FROM drafts WHERE id IN (${drafts.join(',') || 0}) OR client_id IN ${client}`);
	db(`DELETE FROM clients WHERE first_name = 'Jrtest'`);
	db(`DELETE FROM gaps_in_service WHERE issue_id IN (${issueList})`);
	db(`DELETE FROM inbox_messages WHERE subject LIKE 'Gap in service: ${PREFIX}%'`);
	db(`DELETE FROM inbox_messages WHERE staff_id IN (SELECT id FROM staff WHERE username LIKE 'jrtest-%')`);
	db(`DELETE FROM staff WHERE username LIKE 'jrtest-%'`);
	db(`DELETE FROM questions WHERE issue_id IN (${issueList})`);
	db(`DELETE FROM organisation_issues WHERE issue_id IN (${issueList})`);
	db(`DELETE FROM organisations WHERE id IN (${orgList})`);
	db(`DELETE FROM issues WHERE id IN (${issueList})`);
	db(`DELETE FROM local_authorities WHERE code IN ('${LAS.northton[1]}', '${LAS.southby[1]}')`);
}

// ---- drafts ----

async function newDraft(browser = amira) {
	const token = csrfFrom((await browser.get('/referrals/new')).body);
	const res = await browser.post('/referrals/new', { csrf: token });
	assert.equal(res.status, 303, 'a draft is created');
	const m = res.location.match(/\/drafts\/(\d+)\/find$/);
	assert.ok(m, `redirected to the find step: ${res.location}`);
	drafts.push(m[1]);
	return m[1];
}

// Replaces draft values: { name: value | [values] }.
function setValues(draft, values) {
	for (const [name, value] of Object.entries(values)) {
		db(`DELETE FROM draft_values WHERE draft_id = ${draft} AND name = ${sqlString(name)}`);
		const list = Array.isArray(value) ? value : [value];
		list.forEach((v, i) => db(`INSERT INTO draft_values (draft_id, name, position, value) VALUES (${draft}, ${sqlString(name)}, ${i}, ${sqlString(String(v))})`));
	}
}

function values(draft, name) {
	return dbRows(`SELECT value FROM draft_values WHERE draft_id = ${draft} AND name = ${sqlString(name)} ORDER BY position`).map((r) => r[0]);
}

// A new client's details as the client and address steps save them: born on 1 January, so
// their age in whole years is this year minus the year of birth, whatever today is.
function clientValues(draft, { age = 30, gender = 'Male', la = 'southby' } = {}) {
	setValues(draft, {
		first_name: 'Robin',
		last_name: 'Jrtestperson',
		dob_day: '1',
		dob_month: '1',
		dob_year: String(Number(londonToday().slice(0, 4)) - age),
		gender: gender ? genderId(gender) : '',
		local_authority: la ? ids.las[la] : '',
	});
}

async function draftWith(issues, client = {}) {
	const draft = await newDraft();
	clientValues(draft, client);
	setValues(draft, { sending_org: organisationId(SENDER), issue: issues.map((k) => ids.issues[k]), urgent: 'no' });
	return draft;
}

// ---- reading pages ----

function mainText(html) {
	const main = html.match(/<main\b[\s\S]*<\/main>/);
	assert.ok(main, 'a main element');
	return text(main[0]);
}

function inputs(html, name) {
	return (html.match(/<input\b[^>]*>/g) || []).filter((t) => t.includes(` name="${name}"`));
}

const inputValues = (html, name) => inputs(html, name).map((t) => decodeEntities(t.match(/\svalue="([^"]*)"/)?.[1] ?? ''));
const checkedValues = (html, name) => inputs(html, name).filter((t) => /\schecked\b/.test(t)).map((t) => decodeEntities(t.match(/\svalue="([^"]*)"/)[1]));

function fieldValue(html, id) {
	const input = html.match(new RegExp(`<input\\b[^>]*\\sid="${id}"[^>]*>`));
	if (input) return decodeEntities(input[0].match(/\svalue="([^"]*)"/)?.[1] ?? '');
	const area = html.match(new RegExp(`<textarea\\b[^>]*\\sid="${id}"[^>]*>([\\s\\S]*?)</textarea>`));
	return area ? decodeEntities(area[1]) : undefined;
}

// The offered organisations (checkbox values) and the listed ones with reasons (table rows).
function receivers(html, issueKey) {
	const offered = inputValues(html, `receiver_${ids.issues[issueKey]}`);
	const byId = Object.fromEntries(Object.entries(ids.orgs).map(([k, v]) => [v, k]));
	return offered.map((id) => byId[id] ?? `org ${id}`).sort();
}

function reasonFor(html, orgKey) {
	const name = ORGS[orgKey][0];
	const row = (html.match(/<tr\b[\s\S]*?<\/tr>/g) || []).find((r) => text(r).includes(name));
	return row ? text(row).replace(name, '').trim() : undefined;
}

const step = (draft, slug) => `/drafts/${draft}/${slug}`;

// ---- dates ----

function londonToday() {
	return londonIso(new Date());
}

const DAY = 86400000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const iso = (t) => new Date(t).toISOString().slice(0, 10);

function holidays() {
	return new Set(dbRows(`SELECT holiday_date FROM bank_holidays WHERE holiday_date >= CURDATE() - INTERVAL 1 DAY`).map((r) => r[0]));
}

// The day n working days after today (today not counted), as a time at noon UTC.
function addWorkingDays(n, holidaySet) {
	let t = Date.parse(londonToday() + 'T12:00:00Z');
	for (let left = n; left > 0; ) {
		t += DAY;
		const weekday = new Date(t).getUTCDay();
		if (weekday !== 0 && weekday !== 6 && !holidaySet.has(iso(t))) left--;
	}
	return t;
}

function longDate(t) {
	const d = new Date(t);
	return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function within(n, holidaySet) {
	return `${n} working day${n === 1 ? '' : 's'} (by ${longDate(addWorkingDays(n, holidaySet))})`;
}

// ---- setup ----

before(async () => {
	amira = await signedIn('amira');
	admin = await signedIn('admin');
	amiraId = staffId('amira');
	csrf = csrfFrom((await amira.get('/referrals/new')).body);
	removeFixtures(); // anything a broken earlier run left
	createFixtures();
	savedSettings = dbRows(`SELECT name, value FROM settings WHERE name LIKE '%within_days'`);
	for (const [name, value] of [['update_within_days', 5], ['close_within_days', 20], ['urgent_update_within_days', 1], ['urgent_close_within_days', 5]])
		db(`INSERT INTO settings (name, value) VALUES ('${name}', '${value}') ON DUPLICATE KEY UPDATE value = '${value}'`);
	// a bank holiday on the second working day from today, so every timeframe crosses one
	const second = iso(addWorkingDays(2, holidays()));
	if (dbRows(`SELECT 1 FROM bank_holidays WHERE holiday_date = '${second}'`).length === 0) {
		db(`INSERT INTO bank_holidays (holiday_date, name) VALUES ('${second}', '${PREFIX} holiday')`);
		addedHoliday = second;
	}
});

after(() => {
	removeFixtures();
	for (const [name, value] of savedSettings) db(`UPDATE settings SET value = ${sqlString(value)} WHERE name = '${name}'`);
	if (addedHoliday) db(`DELETE FROM bank_holidays WHERE holiday_date = '${addedHoliday}' AND name = '${PREFIX} holiday'`);
});

// ---- the referral details ----

describe('referral details', () => {
	it('needs a session, a form token and the draft’s owner', async () => {
		const draft = await newDraft();
		const out = new Browser();
		const ben = await signedIn('ben');
		for (const slug of ['details', 'receivers', 'questions']) {
			const get = await out.get(step(draft, slug));
			assert.equal(get.status, 303, `GET ${slug} signed out`);
			assert.match(get.location, /\/signin/);
			const post = await out.post(step(draft, slug), { csrf: 'x' });
			assert.equal(post.status, 303, `POST ${slug} signed out`);
			assert.match(post.location, /\/signin/);
			const noToken = await amira.post(step(draft, slug), { urgent: 'yes' });
			assert.equal(noToken.status, 403, `POST ${slug} without csrf`);
			assert.equal((await ben.get(step(draft, slug))).status, 404, `someone else’s draft (${slug})`);
		}
		assert.deepEqual(values(draft, 'urgent'), [], 'nothing saved without the form token');
	});

	it('shows the sending organisation, the active issues, urgency (No by default) and the timeframes', async () => {
		const draft = await newDraft();
		const res = await amira.get(step(draft, 'details'));
		assert.equal(res.status, 200);
		const main = mainText(res.body);
		assert.match(main, /Referral details/);
		assert.match(main, /Sending organisation Riverside Citizens Advice/);
		assert.equal(inputs(res.body, 'sending_org').length, 1, 'a single organisation is sent as a hidden field');
		assert.deepEqual(inputValues(res.body, 'sending_org'), [organisationId(SENDER)]);
		assert.doesNotMatch(res.body, /<select[^>]*name="sending_org"/, 'no choice for staff of one organisation');
		const offered = inputValues(res.body, 'issue');
		const active = dbRows('SELECT id FROM issues WHERE active = 1 ORDER BY position, id').map((r) => r[0]);
		assert.deepEqual(offered, active, 'every active issue, in order');
		assert.ok(!offered.includes(one(`SELECT id FROM issues WHERE name = 'Legacy: General enquiry'`)), 'not a deactivated one');
		assert.match(main, /Test issue housing/, 'with its description');
		assert.deepEqual(checkedValues(res.body, 'urgent'), ['no']);
		const hols = holidays();
		assert.ok(main.includes(`Update within ${within(5, hols)}`), `update timeframe in ${main}`);
		assert.ok(main.includes(`Close within ${within(20, hols)}`), `close timeframe in ${main}`);
	});

	it('counts working days past weekends and bank holidays', async () => {
		const hols = holidays();
		// the dates computed here skip the weekend and the holiday added for this test
		const update = addWorkingDays(5, hols);
		const todayT = Date.parse(londonToday() + 'T12:00:00Z');
		assert.ok((update - todayT) / DAY >= 8, 'five working days span a weekend and a bank holiday');
		const between = [...hols].filter((d) => d > londonToday() && d <= iso(update));
		assert.ok(between.length >= 1, 'a bank holiday falls within the update timeframe');
		const draft = await newDraft();
		const main = mainText((await amira.get(step(draft, 'details'))).body);
		assert.ok(main.includes(`(by ${longDate(update)})`), `the update date is ${longDate(update)}: ${main}`);
		// without the holiday the date would be a working day earlier
		const noHoliday = new Set([...hols].filter((d) => d !== addedHoliday));
		if (addedHoliday) assert.ok(!main.includes(`Update within 5 working days (by ${longDate(addWorkingDays(5, noHoliday))})`));
	});

	it('shows the urgent timeframes for an urgent referral, and both in the urgency hint', async () => {
		const draft = await newDraft();
		const res = await amira.post(step(draft, 'details'), { csrf, sending_org: organisationId(SENDER), urgent: 'yes' });
		assert.equal(res.status, 400, 'no issue chosen');
		const hols = holidays();
		const main = mainText(res.body);
		assert.match(main, /Timeframes for an urgent referral/);
		assert.ok(main.includes(`Update within ${within(1, hols)}`), main);
		assert.ok(main.includes(`Close within ${within(5, hols)}`), main);
		assert.ok(main.includes(`Urgent referrals must be updated within ${within(1, hols)} and closed within ${within(5, hols)}`), main);
		assert.deepEqual(checkedValues(res.body, 'urgent'), ['yes'], 'the choice is kept');
		// the settings take effect at once
		db(`UPDATE settings SET value = '3' WHERE name = 'urgent_update_within_days'`);
		const again = mainText((await amira.get(step(draft, 'details'))).body);
		db(`UPDATE settings SET value = '1' WHERE name = 'urgent_update_within_days'`);
		assert.ok(again.includes(`Update within ${within(3, hols)}`), again);
	});

	// issue 12 point 8: the timeframes follow the urgency at once, and on the next page without
	// JavaScript; "1 working day", never "1 working days"
	it('carries both timeframes for the script, and shows the chosen urgency’s on the next page', async () => {
		const draft = await newDraft();
		const hols = holidays();
		const page = await amira.get(step(draft, 'details'));
		const dl = page.body.match(/<dl class="govuk-summary-list" id="timeframes"[^>]*>/)[0].replace(/&#39;|&#x27;/g, "'");
		assert.ok(dl.includes(`data-urgent-update="${within(1, hols)}"`), dl);
		assert.ok(dl.includes(`data-normal-update="${within(5, hols)}"`), dl);
		assert.match(dl, /data-urgent-close="5 working days/);
		assert.match(page.body, /<script type="module" src="[^"]*\/static\/urgent-timeframes\.js\?v=[^"]+"><\/script>/);
		assert.equal((await new Browser().get('/static/urgent-timeframes.js')).status, 200);
		const res = await amira.post(step(draft, 'details'), { csrf, sending_org: organisationId(SENDER), urgent: 'yes', issue: ids.issues.housing });
		assert.equal(res.status, 303);
		const next = mainText((await amira.get(step(draft, 'receivers'))).body);
		assert.ok(next.includes(`This is an urgent referral: the receiving organisation must update it within ${within(1, hols)} and close it within ${within(5, hols)}.`), next);
		assert.match(next, /within 1 working day \(/);
		await amira.post(step(draft, 'details'), { csrf, sending_org: organisationId(SENDER), urgent: 'no', issue: ids.issues.housing });
		assert.match(mainText((await amira.get(step(draft, 'receivers'))).body), /This referral is not urgent: the receiving organisation must update it within 5 working days/);
	});

	it('refuses a missing issue, an unknown issue and a missing urgency, keeping what was entered', async () => {
		const draft = await newDraft();
		const housing = ids.issues.housing;
		const cases = [
			[{ urgent: 'no' }, /Select at least one issue/],
			[{ urgent: 'no', issue: '999999' }, /Select issues from the list/],
			[{ urgent: 'no', issue: one(`SELECT id FROM issues WHERE name = 'Legacy: General enquiry'`) }, /Select issues from the list/],
			[{ issue: housing }, /Select whether the referral is urgent/],
			[{ issue: housing, urgent: 'perhaps' }, /Select whether the referral is urgent/],
		];
		for (const [fields, message] of cases) {
			const res = await amira.post(step(draft, 'details'), { csrf, sending_org: organisationId(SENDER), ...fields });
			assert.equal(res.status, 400, JSON.stringify(fields));
			assert.match(mainText(res.body), message);
			assert.match(text(res.body), /There is a problem/);
			if (fields.issue === housing) assert.deepEqual(checkedValues(res.body, 'issue'), [housing], 'the issue stays ticked');
		}
	});

	it('saves the details and moves on to the receiving organisations', async () => {
		const draft = await newDraft();
		const res = await amira.post(step(draft, 'details'), [
			['csrf', csrf],
			['sending_org', organisationId(SENDER)],
			['issue', ids.issues.housing],
			['issue', ids.issues.debt],
			['urgent', 'yes'],
		]);
		assert.equal(res.status, 303, text(res.body).slice(0, 300));
		assert.equal(res.location, `${BASE_PATH}/drafts/${draft}/receivers`);
		assert.deepEqual(values(draft, 'issue'), [ids.issues.housing, ids.issues.debt]);
		assert.deepEqual(values(draft, 'urgent'), ['yes']);
		assert.deepEqual(values(draft, 'sending_org'), [organisationId(SENDER)]);
		const back = await amira.get(step(draft, 'details'));
		assert.deepEqual(checkedValues(back.body, 'issue').sort(), [ids.issues.housing, ids.issues.debt].sort());
		assert.deepEqual(checkedValues(back.body, 'urgent'), ['yes']);
		// unticking every issue clears them
		const cleared = await amira.post(step(draft, 'details'), { csrf, sending_org: organisationId(SENDER), urgent: 'no' });
		assert.equal(cleared.status, 400);
		assert.deepEqual(values(draft, 'issue'), []);
	});

	it('refuses a sending organisation the staff member is not a member of', async () => {
		const draft = await newDraft();
		for (const other of [organisationId('Northfield Council Housing Options'), '999999', '']) {
			const res = await amira.post(step(draft, 'details'), { csrf, sending_org: other, issue: ids.issues.housing, urgent: 'no' });
			assert.equal(res.status, 400, `sending org ${other}`);
			assert.match(mainText(res.body), other ? /only send referrals from organisations you are a member of/ : /Select the sending organisation/);
			assert.deepEqual(inputValues(res.body, 'sending_org'), [organisationId(SENDER)], 'her own organisation is offered again');
		}
	});

	it('lets staff of several organisations choose among their own, the active one first chosen', async () => {
		const ben = await signedIn('ben');
		const benOrgs = ['Eastbrook NHS Talking Therapies', 'Northfield Council Housing Options'].map(organisationId);
		const draft = await newDraft(ben);
		const draftOrg = one(`SELECT organisation_id FROM drafts WHERE id = ${draft}`);
		const benCsrf = csrfFrom((await ben.get('/referrals/new')).body);
		const page = await ben.get(step(draft, 'details'));
		const select = page.body.match(/<select[^>]*name="sending_org"[^>]*>([\s\S]*?)<\/select>/);
		assert.ok(select, 'a select of organisations');
		const options = (select[1].match(/<option\b[^>]*>/g) || []).map((o) => o.match(/value="(\d+)"/)[1]);
		assert.deepEqual(options.sort(), [...benOrgs].sort(), 'only his organisations');
		const selected = select[1].match(/<option value="(\d+)" selected/);
		assert.equal(selected?.[1], draftOrg, 'the active organisation is chosen by default');
		const other = benOrgs.find((o) => o !== draftOrg);
		const ok = await ben.post(step(draft, 'details'), { csrf: benCsrf, sending_org: other, issue: ids.issues.housing, urgent: 'no' });
		assert.equal(ok.status, 303);
		assert.deepEqual(values(draft, 'sending_org'), [other]);
		const refused = await ben.post(step(draft, 'details'), { csrf: benCsrf, sending_org: organisationId(SENDER), issue: ids.issues.housing, urgent: 'no' });
		assert.equal(refused.status, 400);
		assert.match(mainText(refused.body), /only send referrals from organisations you are a member of/);
	});
});

// ---- the receiving organisations ----

describe('receiving organisations', () => {
	it('offers only eligible organisations and lists the others with the reason', async () => {
		const draft = await draftWith(['housing']);
		const res = await amira.get(step(draft, 'receivers'));
		assert.equal(res.status, 200);
		assert.deepEqual(receivers(res.body, 'housing'), ['adults', 'open']);
		assert.equal(reasonFor(res.body, 'youth'), 'Only accepts ages up to 25');
		assert.equal(reasonFor(res.body, 'women'), 'Does not accept this gender');
		assert.equal(reasonFor(res.body, 'northton'), 'Does not cover this local authority');
		assert.equal(reasonFor(res.body, 'paused'), 'Not accepting referrals at the moment');
		assert.equal(reasonFor(res.body, 'full'), 'Full: 2 of 2 open referrals');
		const main = mainText(res.body);
		assert.ok(!main.includes(ORGS.closed[0]), 'an inactive organisation is not listed');
		assert.ok(!main.includes(ORGS.debtline[0]), 'one that does not handle the issue is not listed');
		assert.ok(!main.includes(SENDER), 'the sending organisation is not offered to itself');
		assert.equal(dbRows(`SELECT 1 FROM gaps_in_service WHERE draft_id = ${draft}`).length, 0, 'no gap when someone can take it');
		assert.equal(main.match(/Organisations to refer to for/g).length, 1, 'one choice per chosen issue');
	});

	it('sends the user back to the details when no issue is chosen', async () => {
		const draft = await newDraft();
		clientValues(draft);
		for (const slug of ['receivers', 'questions']) {
			const page = await amira.get(step(draft, slug));
			assert.match(mainText(page.body), /No issues are chosen yet/);
			const res = await amira.post(step(draft, slug), { csrf });
			assert.equal(res.status, 400, slug);
			assert.match(mainText(res.body), /Choose at least one issue in the referral details first/);
			assert.match(res.body, new RegExp(`href="#${slug}_issues"`));
			assert.match(res.body, new RegExp(`id="${slug}_issues"`), 'the summary link has a target');
		}
	});

	it('refuses to go on with an issue no longer offered', async () => {
		const draft = await draftWith(['housing']);
		const legacy = one(`SELECT id FROM issues WHERE name = 'Legacy: General enquiry'`);
		setValues(draft, { issue: [ids.issues.housing, legacy] });
		const page = await amira.get(step(draft, 'receivers'));
		assert.match(mainText(page.body), /An issue you chose is no longer offered/);
		assert.deepEqual(receivers(page.body, 'housing'), ['adults', 'open']);
		const res = await amira.post(step(draft, 'receivers'), [['csrf', csrf], [`receiver_${ids.issues.housing}`, ids.orgs.open]]);
		assert.equal(res.status, 400);
		assert.match(mainText(res.body), /There is a problem An issue you chose is no longer offered: change the issues in the referral details/);
	});

	it('applies each criterion: age, gender, local authority, accepting, capacity, active, issue handled', async () => {
		const check = async (client, issues = ['housing']) => {
			const draft = await draftWith(issues, client);
			return (await amira.get(step(draft, 'receivers'))).body;
		};
		let page = await check({ age: 20 });
		assert.deepEqual(receivers(page, 'housing'), ['adults', 'open', 'youth'], 'aged 20: the youth hub too');
		page = await check({ age: 16 });
		assert.deepEqual(receivers(page, 'housing'), ['open', 'youth'], 'aged 16: not the adults-only service');
		assert.equal(reasonFor(page, 'adults'), 'Only accepts ages 18 and over');
		page = await check({ gender: 'Female' });
		assert.deepEqual(receivers(page, 'housing'), ['adults', 'open', 'women'], 'a woman: the women’s service too');
		page = await check({ gender: '' });
		assert.equal(reasonFor(page, 'women'), 'Does not accept this gender', 'no gender recorded: not a service limited by gender');
		page = await check({ la: 'northton' });
		assert.deepEqual(receivers(page, 'housing'), ['adults', 'northton', 'open'], 'living in Northton: the Northton service too');
		page = await check({ age: 20, gender: 'Female', la: 'northton' });
		assert.deepEqual(receivers(page, 'housing'), ['adults', 'northton', 'open', 'women', 'youth'], 'all criteria met together');

		db(`UPDATE organisations SET accepting = 1 WHERE id = ${ids.orgs.paused}`);
		db(`UPDATE referrals SET status = 'closed' WHERE receiving_org_id = ${ids.orgs.full} AND status = 'acknowledged'`);
		db(`UPDATE organisations SET active = 1 WHERE id = ${ids.orgs.closed}`);
		try {
			page = await check({});
			assert.deepEqual(receivers(page, 'housing'), ['adults', 'closed', 'full', 'open', 'paused'], 'accepting again, a place free, active again');
			assert.match(mainText(page), /Jrtest Full House 1 of 2 places in use/);
		} finally {
			db(`UPDATE organisations SET accepting = 0 WHERE id = ${ids.orgs.paused}`);
			db(`UPDATE referrals SET status = 'acknowledged' WHERE receiving_org_id = ${ids.orgs.full} AND status = 'closed' AND id = (SELECT id FROM (SELECT MIN(id) AS id FROM referrals WHERE receiving_org_id = ${ids.orgs.full} AND status = 'closed') x)`);
			db(`UPDATE organisations SET active = 0 WHERE id = ${ids.orgs.closed}`);
		}
		page = await check({}, ['housing', 'debt']);
		assert.deepEqual(receivers(page, 'debt'), ['debtline', 'open'], 'the debt line handles debt');
		assert.deepEqual(receivers(page, 'housing'), ['adults', 'open']);
		page = await check({});
		assert.match(mainText(page), /Full: 2 of 2 open referrals/, 'back to full');
	});

	it('reads an existing client’s age, gender and local authority from their record', async () => {
		const draft = await newDraft();
		const year = Number(londonToday().slice(0, 4)) - 20;
		db(`INSERT INTO clients (first_name, last_name, first_name_key, last_name_key, date_of_birth, gender_id, local_authority_id, created_by)
		    VALUES ('Jrtest', 'Existing', 'jrtest', 'existing', '${year}-01-01', ${genderId('Female')}, ${ids.las.northton}, ${amiraId})`);
		const client = one(`SELECT id FROM clients WHERE first_name = 'Jrtest' AND last_name = 'Existing'`);
		db(`INSERT INTO client_orgs (client_id, organisation_id) VALUES (${client}, ${organisationId(SENDER)})`);
		db(`UPDATE drafts SET client_id = ${client} WHERE id = ${draft}`);
		// values typed for a new client earlier in the draft do not count
		clientValues(draft, { age: 60, gender: 'Male', la: 'southby' });
		setValues(draft, { sending_org: organisationId(SENDER), issue: ids.issues.housing, urgent: 'no' });
		const page = (await amira.get(step(draft, 'receivers'))).body;
		assert.deepEqual(receivers(page, 'housing'), ['adults', 'northton', 'open', 'women', 'youth']);
	});

	it('saves several organisations for an issue and moves on to the questionnaire', async () => {
		const draft = await draftWith(['housing', 'debt']);
		const housing = `receiver_${ids.issues.housing}`;
		const debt = `receiver_${ids.issues.debt}`;
		const res = await amira.post(step(draft, 'receivers'), [
			['csrf', csrf],
			[housing, ids.orgs.open],
			[housing, ids.orgs.adults],
			[debt, ids.orgs.debtline],
		]);
		assert.equal(res.status, 303, text(res.body).slice(0, 400));
		assert.equal(res.location, `${BASE_PATH}/drafts/${draft}/questions`);
		assert.deepEqual(values(draft, housing), [ids.orgs.open, ids.orgs.adults]);
		assert.deepEqual(values(draft, debt), [ids.orgs.debtline]);
		const back = await amira.get(step(draft, 'receivers'));
		assert.deepEqual(checkedValues(back.body, housing).sort(), [ids.orgs.adults, ids.orgs.open].sort());
	});

	it('refuses no choice, an ineligible, unlisted, inactive or own organisation, keeping the choices', async () => {
		const draft = await draftWith(['housing', 'debt']);
		const housing = `receiver_${ids.issues.housing}`;
		const debt = `receiver_${ids.issues.debt}`;
		const cases = [
			[[[debt, ids.orgs.debtline]], /Select at least one organisation for Jrtest Housing/],
			[[[housing, ids.orgs.open]], /Select at least one organisation for Jrtest Debt/],
			[[[housing, ids.orgs.open], [housing, ids.orgs.youth], [debt, ids.orgs.debtline]], /Jrtest Youth Hub can no longer receive this referral for Jrtest Housing \(Only accepts ages up to 25\)/],
			[[[housing, ids.orgs.full], [debt, ids.orgs.debtline]], /Jrtest Full House can no longer receive this referral for Jrtest Housing \(Full: 2 of 2 open referrals\)/],
			[[[housing, ids.orgs.closed], [debt, ids.orgs.debtline]], /Select organisations for Jrtest Housing from the list/],
			[[[housing, ids.orgs.debtline], [debt, ids.orgs.debtline]], /Select organisations for Jrtest Housing from the list/],
			[[[housing, organisationId(SENDER)], [debt, ids.orgs.debtline]], /Select organisations for Jrtest Housing from the list/],
			[[[housing, 'x'], [debt, ids.orgs.debtline]], /Select organisations for Jrtest Housing from the list/],
		];
		for (const [fields, message] of cases) {
			const res = await amira.post(step(draft, 'receivers'), [['csrf', csrf], ...fields]);
			assert.equal(res.status, 400, JSON.stringify(fields));
			assert.match(mainText(res.body), message);
			if (fields[0][1] === ids.orgs.open) assert.deepEqual(checkedValues(res.body, housing), [ids.orgs.open], 'the choice is kept');
		}
	});

	it('checks eligibility again when the choice is sent', async () => {
		const draft = await draftWith(['housing']);
		const housing = `receiver_${ids.issues.housing}`;
		const page = await amira.get(step(draft, 'receivers'));
		assert.deepEqual(receivers(page.body, 'housing'), ['adults', 'open']);
		db(`UPDATE organisations SET accepting = 0 WHERE id = ${ids.orgs.adults}`);
		try {
			const res = await amira.post(step(draft, 'receivers'), [['csrf', csrf], [housing, ids.orgs.adults], [housing, ids.orgs.open]]);
			assert.equal(res.status, 400);
			assert.match(mainText(res.body), /Jrtest Adult Advice can no longer receive this referral for Jrtest Housing \(Not accepting referrals at the moment\)/);
		} finally {
			db(`UPDATE organisations SET accepting = 1 WHERE id = ${ids.orgs.adults}`);
		}
	});

	it('says when nobody can receive an issue, records the gap and tells the administrators once', async () => {
		db(`INSERT INTO staff (username, display_name, is_admin, active) VALUES ('jrtest-admin-on', 'Jrtest Admin On', 1, 1), ('jrtest-admin-off', 'Jrtest Admin Off', 1, 0)`);
		const admins = dbRows(`SELECT id FROM staff WHERE is_admin = 1 AND active = 1 ORDER BY id`).map((r) => r[0]);
		assert.ok(admins.includes(staffId('jrtest-admin-on')) && admins.includes(staffId('admin')));
		const draft = await draftWith(['housing', 'orphan', 'nobody'], { age: 42, la: 'northton' });
		const housing = `receiver_${ids.issues.housing}`;
		for (let load = 0; load < 3; load++) {
			const res = await amira.get(step(draft, 'receivers'));
			assert.equal(res.status, 200);
			const main = mainText(res.body);
			assert.match(main, /No organisation can receive a referral for Jrtest Orphan for this client: none of the organisations that handle it can take it/);
			assert.match(main, /No organisation can receive a referral for Jrtest Nobody for this client: no organisation handles Jrtest Nobody/);
			assert.equal(reasonFor(res.body, 'paused'), 'Not accepting referrals at the moment', 'why, for the issue nobody can take');
			assert.deepEqual(receivers(res.body, 'orphan'), [], 'nothing to tick');
			assert.deepEqual(receivers(res.body, 'housing'), ['adults', 'northton', 'open'], 'the other issue is offered as usual');
		}
		const gaps = dbRows(`SELECT issue_id, organisation_id, staff_id, local_authority_id, client_age FROM gaps_in_service WHERE draft_id = ${draft} ORDER BY issue_id`);
		assert.deepEqual(gaps, [
			[ids.issues.orphan, organisationId(SENDER), amiraId, ids.las.northton, '42'],
			[ids.issues.nobody, organisationId(SENDER), amiraId, ids.las.northton, '42'],
		], 'one gap per issue, however often the page is shown');
		const messages = dbRows(
			`SELECT staff_id, kind, subject, body, link FROM inbox_messages WHERE subject LIKE 'Gap in service: ${PREFIX}%' ORDER BY subject, staff_id`,
		);
		assert.deepEqual(messages.map((m) => [m[0], m[1], m[2]]), [
			...admins.map((a) => [a, 'gap_in_service', `Gap in service: ${PREFIX} Nobody`]),
			...admins.map((a) => [a, 'gap_in_service', `Gap in service: ${PREFIX} Orphan`]),
		], 'one message for each active administrator (and none for an inactive one)');
		for (const [, , , body, link] of messages) {
			assert.match(body, /Riverside Citizens Advice/, 'names the sending organisation');
			assert.match(body, /aged 42/, 'the client’s age');
			assert.match(body, /Jrtest Northton \(E09970001\)/, 'and local authority');
			assert.doesNotMatch(body, /Robin|Jrtestperson/, 'never the client’s name');
			assert.equal(link, '');
		}
		// the e-mails (whatever each administrator's preference) hold no personal data: no age, no place
		const mails = dbRows(`SELECT body FROM mail_outbox WHERE subject LIKE 'Gap in service: ${PREFIX}%'`);
		assert.ok(mails.length > 0, 'the administrators’ e-mails are in the outbox');
		for (const [body] of mails) {
			assert.match(body, /Riverside Citizens Advice could not refer a client for Jrtest (Orphan|Nobody)/, body);
			assert.doesNotMatch(body, /42|Northton|E09970001|Robin|Jrtestperson/, 'no age, place or name in an e-mail');
		}
		// refused while the issue is chosen, values kept; the gap is not recorded again
		const res = await amira.post(step(draft, 'receivers'), [['csrf', csrf], [housing, ids.orgs.open]]);
		assert.equal(res.status, 400);
		assert.match(mainText(res.body), /No organisation can receive a referral for Jrtest Orphan for this client: change the issues in the referral details and untick Jrtest Orphan/);
		assert.deepEqual(checkedValues(res.body, housing), [ids.orgs.open]);
		assert.equal(dbRows(`SELECT 1 FROM gaps_in_service WHERE draft_id = ${draft}`).length, 2);
		assert.equal(dbRows(`SELECT 1 FROM inbox_messages WHERE subject LIKE 'Gap in service: ${PREFIX}%'`).length, admins.length * 2);
		// another draft is another gap
		const second = await draftWith(['orphan']);
		await amira.get(step(second, 'receivers'));
		assert.equal(dbRows(`SELECT 1 FROM gaps_in_service WHERE draft_id = ${second}`).length, 1);
		assert.equal(dbRows(`SELECT 1 FROM inbox_messages WHERE subject = 'Gap in service: ${PREFIX} Orphan'`).length, admins.length * 2);
		// untick the issues nobody can take: the journey goes on
		const details = await amira.post(step(draft, 'details'), { csrf, sending_org: organisationId(SENDER), issue: ids.issues.housing, urgent: 'no' });
		assert.equal(details.status, 303);
		const ok = await amira.post(step(draft, 'receivers'), [['csrf', csrf], [housing, ids.orgs.open]]);
		assert.equal(ok.status, 303);
		assert.equal(ok.location, `${BASE_PATH}/drafts/${draft}/questions`);
	});

	it('takes an administrator’s deactivation of an organisation into account at once', async () => {
		const draft = await draftWith(['housing']);
		assert.deepEqual(receivers((await amira.get(step(draft, 'receivers'))).body, 'housing'), ['adults', 'open']);
		const adminCsrf = csrfFrom((await admin.get(`/admin/organisations/${ids.orgs.adults}`)).body);
		const res = await admin.post(`/admin/organisations/${ids.orgs.adults}`, [
			['csrf', adminCsrf], ['name', ORGS.adults[0]], ['description', ''], ['contact_email', ''], ['contact_phone', ''],
			['address', ''], ['website', ''], ['active', '0'], ['accepting', '1'], ['capacity', ''],
			['issues', ids.issues.housing], ['min_age', '18'], ['max_age', ''], ['genders_all', 'all'], ['las_all', 'all'], ['groups', ''],
		]);
		assert.equal(res.status, 303, text(res.body).slice(0, 500));
		try {
			const page = (await amira.get(step(draft, 'receivers'))).body;
			assert.deepEqual(receivers(page, 'housing'), ['open']);
			assert.ok(!mainText(page).includes(ORGS.adults[0]), 'not listed at all');
		} finally {
			db(`UPDATE organisations SET active = 1 WHERE id = ${ids.orgs.adults}`);
		}
	});
});

// ---- the questionnaire ----

describe('questionnaire', () => {
	const field = (kind) => `answer_${questionIds[kind]}`;
	const valid = () => [
		['csrf', csrf],
		[field('text'), 'Riverside Primary'],
		[field('long_text'), 'Line one\nLine two <b>bold</b>'],
		[field('yes_no'), 'yes'],
		[field('single_choice'), 'Council tenant'],
		[field('multiple_choice'), 'Food'],
		[field('multiple_choice'), 'Clothes'],
		[`${field('date')}_day`, '3'],
		[`${field('date')}_month`, '4'],
		[`${field('date')}_year`, '2027'],
	];

	it('asks each chosen issue’s live questions, by kind, grouped under the issue', async () => {
		const draft = await draftWith(['housing', 'questions']);
		const res = await amira.get(step(draft, 'questions'));
		assert.equal(res.status, 200);
		const main = mainText(res.body);
		assert.match(main, /Jrtest Housing There are no questions about Jrtest Housing/);
		assert.ok(main.indexOf('Jrtest Housing') < main.indexOf('Jrtest Questionnaire'), 'issues in order');
		assert.match(res.body, new RegExp(`<h2 class="govuk-heading-m">${PREFIX} Questionnaire</h2>`));
		assert.match(res.body, new RegExp(`<input class="govuk-input" id="${field('text')}" name="${field('text')}" type="text"`));
		assert.match(res.body, new RegExp(`<textarea [^>]*name="${field('long_text')}"`));
		assert.deepEqual(inputs(res.body, field('yes_no')).map((t) => t.match(/type="(\w+)"/)[1] + ':' + t.match(/value="(\w+)"/)[1]), ['radio:yes', 'radio:no']);
		assert.deepEqual(inputValues(res.body, field('single_choice')), ['Renting', 'Owner', 'Council tenant']);
		assert.ok(inputs(res.body, field('single_choice')).every((t) => /type="radio"/.test(t)));
		assert.deepEqual(inputValues(res.body, field('multiple_choice')), ['Food', 'Fuel', 'Clothes']);
		assert.ok(inputs(res.body, field('multiple_choice')).every((t) => /type="checkbox"/.test(t)));
		for (const part of ['day', 'month', 'year']) assert.equal(inputs(res.body, `${field('date')}_${part}`).length, 1, `date ${part}`);
		assert.match(main, /Jrtest: Describe the situation \(optional\)/);
		assert.match(main, /Jrtest: Needs \(optional\) Choose all that apply/);
		assert.match(main, /Do you have children\?/);
		assert.doesNotMatch(main, /Do you have children\? \(optional\)/);
		assert.match(main, /The school the children go to/, 'hints shown');
		assert.doesNotMatch(main, /Retired question/, 'a retired question is not asked');
	});

	it('enforces required questions with a message naming each', async () => {
		const draft = await draftWith(['questions']);
		const res = await amira.post(step(draft, 'questions'), { csrf, [field('long_text')]: 'Kept' });
		assert.equal(res.status, 400);
		const main = mainText(res.body);
		for (const q of ['Jrtest: Name of the school', 'Do you have children?', 'Jrtest: Tenure', 'Jrtest: Date of notice'])
			assert.ok(main.includes(`Answer ‘${q}’`), `${q} is required: ${main}`);
		assert.doesNotMatch(main, /Answer ‘Jrtest: (Describe the situation|Needs)’/, 'optional ones are not');
		assert.equal(fieldValue(res.body, field('long_text')), 'Kept');
		// the summary links to each field
		assert.match(res.body, new RegExp(`href="#${field('yes_no')}"`));
		assert.match(res.body, new RegExp(`href="#${field('date')}"`));
		// spaces are no answer
		const blank = await amira.post(step(draft, 'questions'), [...valid().filter(([n]) => n !== field('text')), [field('text'), '   ']]);
		assert.equal(blank.status, 400);
		assert.match(mainText(blank.body), /Answer ‘Jrtest: Name of the school’/);
	});

	it('checks answers against the options and dates, keeping every answer on error', async () => {
		const draft = await draftWith(['questions']);
		const replace = (name, value) => [...valid().filter(([n]) => n !== name), ...(Array.isArray(value) ? value.map((v) => [name, v]) : [[name, value]])];
		const cases = [
			[replace(field('yes_no'), 'maybe'), /Select yes or no for ‘Do you have children\?’/],
			[replace(field('single_choice'), 'Mansion'), /Select an answer from the list for ‘Jrtest: Tenure’/],
			[replace(field('single_choice'), ['Owner', 'Renting']), /Select an answer from the list for ‘Jrtest: Tenure’/],
			[replace(field('multiple_choice'), ['Food', 'Gold']), /Select answers from the list for ‘Jrtest: Needs’/],
			[replace(`${field('date')}_day`, '31').map(([n, v]) => [n, n === `${field('date')}_month` ? '2' : v]), /Date must be a real date for ‘Jrtest: Date of notice’/],
			[replace(`${field('date')}_month`, ''), /Date must include a month for ‘Jrtest: Date of notice’/],
			[replace(field('text'), 'x'.repeat(501)), /Answer to ‘Jrtest: Name of the school’ must be 500 characters or fewer/],
			[replace(field('long_text'), 'y'.repeat(5001)), /Answer to ‘Jrtest: Describe the situation’ must be 5000 characters or fewer/],
		];
		for (const [fields, message] of cases) {
			const res = await amira.post(step(draft, 'questions'), fields);
			assert.equal(res.status, 400, String(message));
			assert.match(mainText(res.body), message);
			assert.equal(mainText(res.body).match(/There is a problem/g)?.length, 1);
			const sent = Object.fromEntries(fields);
			assert.equal(fieldValue(res.body, field('text')), sent[field('text')], 'text kept');
			assert.equal(fieldValue(res.body, field('long_text')), sent[field('long_text')], 'long text kept');
			assert.equal(fieldValue(res.body, `${field('date')}_year`), '2027', 'date kept');
			const multiple = fields.filter(([n]) => n === field('multiple_choice')).map(([, v]) => v).filter((v) => v !== 'Gold');
			assert.deepEqual(checkedValues(res.body, field('multiple_choice')), multiple, 'choices kept');
		}
	});

	it('saves valid answers and moves on to the summary; optional ones may be left out', async () => {
		const draft = await draftWith(['questions']);
		const res = await amira.post(step(draft, 'questions'), valid());
		assert.equal(res.status, 303, text(res.body).slice(0, 400));
		assert.equal(res.location, `${BASE_PATH}/drafts/${draft}/summary`);
		assert.deepEqual(values(draft, field('multiple_choice')), ['Food', 'Clothes']);
		assert.deepEqual(dbRows(`SELECT REPLACE(value, '\\n', '|') FROM draft_values WHERE draft_id = ${draft} AND name = '${field('long_text')}'`), [['Line one|Line two <b>bold</b>']]);
		assert.deepEqual(values(draft, `${field('date')}_day`), ['3']);
		const back = await amira.get(step(draft, 'questions'));
		assert.deepEqual(checkedValues(back.body, field('single_choice')), ['Council tenant']);
		assert.deepEqual(checkedValues(back.body, field('yes_no')), ['yes']);
		assert.match(back.body, /Line two &lt;b&gt;bold&lt;\/b&gt;/, 'markup shown literally');
		const optional = valid().filter(([n]) => n !== field('long_text') && n !== field('multiple_choice'));
		const ok = await amira.post(step(draft, 'questions'), optional);
		assert.equal(ok.status, 303);
		assert.deepEqual(values(draft, field('multiple_choice')), [], 'unticked choices are cleared');
	});

	it('asks a question an administrator has just added, at once', async () => {
		const draft = await draftWith(['questions']);
		const adminCsrf = csrfFrom((await admin.get(`/admin/issues/${ids.issues.questions}/questions/new`)).body);
		const added = await admin.post(`/admin/issues/${ids.issues.questions}/questions`, {
			csrf: adminCsrf, text: `${PREFIX}: Added by the administrator`, hint: '', kind: 'text', required: '1',
		});
		assert.equal(added.status, 303, text(added.body).slice(0, 300));
		const id = one(`SELECT id FROM questions WHERE text = '${PREFIX}: Added by the administrator'`);
		const page = await amira.get(step(draft, 'questions'));
		assert.match(mainText(page.body), /Jrtest: Added by the administrator/);
		assert.equal(inputs(page.body, `answer_${id}`).length, 1);
		const res = await amira.post(step(draft, 'questions'), valid());
		assert.equal(res.status, 400);
		assert.match(mainText(res.body), /Answer ‘Jrtest: Added by the administrator’/);
		const ok = await amira.post(step(draft, 'questions'), [...valid(), [`answer_${id}`, 'Answered']]);
		assert.equal(ok.status, 303);
	});
});
