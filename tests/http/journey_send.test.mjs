// The referral journey's consent step, check-your-answers summary and send (issue 3, points 5,
// 9 and 10): the consent rules; the summary showing every section with Change links that come
// back to it; the send in one transaction for a new and for an existing client (a row in every
// table, one group per issue, one referral per organisation × issue); a replayed or doubled
// POST creating nothing more; concurrent sends for an organisation's last place never going
// over its capacity; a receiver that can no longer take the referral stopping the send with a
// clear message and the draft kept.
//
// Earlier steps' values are seeded straight into draft_values (the field names are the
// journey's contract), so these tests do not depend on how those steps' pages work; their
// validate functions still judge the seeded values, as the summary runs every step's check.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Browser, BASE_PATH, DB_SOCKET, signedIn, db, dbRows, sqlString, text, snippet, attr, csrfFrom } from './lib.mjs';

const DEMO_REFERRALS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'sql', 'demo', '070_referrals.sql');

const TAG = 'JS' + Date.now().toString(36).slice(-5); // names this run's fixtures
const NAME = 'Send' + TAG.replace(/[0-9]/g, (d) => 'abcdefghij'[d]).toLowerCase(); // a client's name: letters only
let amira; // staff of Riverside Citizens Advice
let amiraId;
let riverside; // amira's organisation: the sender
let ids = {}; // fixture ids: issues, questions, organisations, reference values

// ---- helpers ----

function one(sql) {
	const rows = dbRows(sql);
	assert.equal(rows.length, 1, `one row from ${sql}: ${JSON.stringify(rows)}`);
	return rows[0][0];
}

function count(sql) {
	return Number(db(sql).trim());
}

function insertId(sql) {
	return one(`${sql}; SELECT LAST_INSERT_ID()`);
}

// A new draft of the browser's user: POST /referrals/new (with a client id for an existing one).
async function newDraft(browser, clientId) {
	const csrf = await browser.csrf('/referrals/new');
	assert.ok(csrf, 'the start page has a form');
	const fields = { csrf };
	if (clientId) fields.client_id = clientId;
	const res = await browser.post('/referrals/new', fields);
	assert.equal(res.status, 303, `start a referral: ${res.status} ${snippet(res.body)}`);
	const m = res.location.match(/\/drafts\/(\d+)\//);
	assert.ok(m, `to a draft step: ${res.location}`);
	return m[1];
}

// Replaces the named values of a draft; values: [[name, value], ...] (repeat names for lists).
function seed(draftId, values) {
	const names = [...new Set(values.map(([n]) => n))];
	if (names.length) db(`DELETE FROM draft_values WHERE draft_id = ${draftId} AND name IN (${names.map(sqlString).join(', ')})`);
	const position = {};
	const rows = values.map(([n, v]) => {
		position[n] = (position[n] ?? -1) + 1;
		return `(${draftId}, ${sqlString(n)}, ${position[n]}, ${sqlString(v)})`;
	});
	if (rows.length) db(`INSERT INTO draft_values (draft_id, name, position, value) VALUES ${rows.join(', ')}`);
}

function draftValues(draftId) {
	return dbRows(`SELECT name, value FROM draft_values WHERE draft_id = ${draftId} ORDER BY name, position`);
}

function draftValue(draftId, name) {
	const rows = dbRows(`SELECT value FROM draft_values WHERE draft_id = ${draftId} AND name = ${sqlString(name)} ORDER BY position`);
	return rows.map((r) => r[0]);
}

// The client and address steps' values for a new client.
function newClientValues(lastName, extra = {}) {
	const v = {
		title: ids.ms,
		first_name: 'Jessamy',
		last_name: lastName,
		dob_day: '14',
		dob_month: '3',
		dob_year: '1988',
		pronoun: ids.sheHer,
		gender: ids.female,
		email: 'Jessamy@Example.ORG',
		phone: '07700 900123',
		alt_phone: '0113 496 0000',
		nhs_number: '943 476 5919',
		gp_practice_name: 'Quayside Surgery',
		gp_ods_code: 'a81001',
		address_line1: '1 Harbour Walk',
		address_line2: 'Flat 2',
		town: 'Hartlepool',
		postcode: 'ts24 8ay',
		local_authority: ids.hartlepool,
		...extra,
	};
	return [...Object.entries(v).map(([k, val]) => [k, String(val)]), ['contact', 'email'], ['contact', 'sms']];
}

function consentValues(by = 'client', name = '', relationship = '') {
	return [
		['consent', 'yes'],
		['consent_given_by', by],
		['consentor_name', name],
		['consentor_relationship', relationship],
	];
}

// Referral details, receivers per issue ({issueId: [orgIds]}) and the questionnaire answers.
function referralValues(receivers, { urgent = 'no', answers = true } = {}) {
	const v = [['sending_org', riverside], ['urgent', urgent]];
	for (const issue of Object.keys(receivers)) v.push(['issue', issue]);
	for (const [issue, orgs] of Object.entries(receivers)) for (const org of orgs) v.push([`receiver_${issue}`, String(org)]);
	if (answers) v.push(...answerValues(receivers));
	return v;
}

function answerValues(receivers) {
	const v = [];
	if (receivers[ids.housing]) {
		v.push([`answer_${ids.qText}`, 'Sofa surfing at a friend’s flat']);
		v.push([`answer_${ids.qYesNo}`, 'yes']);
		v.push([`answer_${ids.qMulti}`, 'Eviction notice'], [`answer_${ids.qMulti}`, 'Rent arrears']);
		v.push([`answer_${ids.qDate}_day`, '2'], [`answer_${ids.qDate}_month`, '2'], [`answer_${ids.qDate}_year`, '2026']);
	}
	if (receivers[ids.debt]) v.push([`answer_${ids.qSingle}`, 'Over £5,000']);
	return v;
}

async function summary(browser, draftId) {
	const res = await browser.get(`/drafts/${draftId}/summary`);
	assert.equal(res.status, 200, `summary: ${res.status} ${snippet(res.body)}`);
	return res;
}

// POSTs the summary's own form (its action and csrf as the page gives them).
async function send(browser, draftId, notify = []) {
	const page = await summary(browser, draftId);
	const form = page.body.match(/<form\b[^>]*action="([^"]*\/send)"[^>]*>/i);
	assert.ok(form, 'the summary has a send form');
	assert.equal(attr(form[0], 'action'), `${BASE_PATH}/drafts/${draftId}/send`);
	const fields = [['csrf', csrfFrom(page.body)], ...notify.map((n) => ['notify', n])];
	return { res: await browser.post(`/drafts/${draftId}/send`, fields), csrf: csrfFrom(page.body), fields };
}

function summaryErrors(html) {
	const m = html.match(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/i);
	if (!m) return [];
	return (m[0].match(/<li>[\s\S]*?<\/li>/gi) || []).map((li) => text(li).trim());
}

function errorLinks(html) {
	const m = html.match(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/i);
	if (!m) return [];
	return (m[0].match(/<a\b[^>]*>/gi) || []).map((a) => attr(a, 'href'));
}

function fieldError(html, id) {
	const m = html.match(new RegExp(`<p id="${id}-error" class="govuk-error-message">([\\s\\S]*?)</p>`, 'i'));
	return m ? text(m[1]).replace(/^\s*Error:\s*/, '').trim() : undefined;
}

function input(html, id) {
	return (html.match(/<input\b[^>]*>/gi) || []).find((t) => attr(t, 'id') === id);
}

function labelFor(html, id) {
	const m = html.match(new RegExp(`<label\\b[^>]*for="${id}"[^>]*>([\\s\\S]*?)</label>`, 'i'));
	return m ? text(m[1]).trim() : undefined;
}

// The rows of a summary list: { key: value } (the Change link's hidden text left out).
function summaryRows(html, id) {
	const m = html.match(new RegExp(`<dl class="govuk-summary-list"[^>]*id="${id}"[^>]*>([\\s\\S]*?)</dl>`, 'i'));
	assert.ok(m, `a summary list ${id}`);
	const rows = {};
	for (const row of m[1].split(/<div class="govuk-summary-list__row/).slice(1)) {
		const key = row.match(/<dt[^>]*>([\s\S]*?)<\/dt>/i);
		const value = row.match(/<dd class="govuk-summary-list__value[^"]*">([\s\S]*?)<\/dd>/i);
		if (key && value) rows[text(key[1]).trim()] = text(value[1].replace(/<br>/g, ' | ').replace(/<\/li>/g, ' | ')).replace(/\s*\|\s*$/, '').trim();
	}
	return rows;
}

// Today in the service's time zone, and n working days later (weekends and bank holidays
// skipped), as "30 November 2026".
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function londonToday() {
	const p = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
			.formatToParts(new Date())
			.map((x) => [x.type, x.value]),
	);
	return new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day)));
}
function iso(d) {
	return d.toISOString().slice(0, 10);
}
function longDate(d) {
	return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
function addWorkingDays(start, n) {
	const holidays = new Set(dbRows(`SELECT DATE_FORMAT(holiday_date, '%Y-%m-%d') FROM bank_holidays`).map((r) => r[0]));
	const working = (d) => d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !holidays.has(iso(d));
	const d = new Date(start);
	let left = n;
	if (n <= 0) {
		while (!working(d)) d.setUTCDate(d.getUTCDate() + 1);
		return d;
	}
	while (left > 0) {
		d.setUTCDate(d.getUTCDate() + 1);
		if (working(d)) left--;
	}
	return d;
}
function setting(name) {
	return Number(one(`SELECT value FROM settings WHERE name = ${sqlString(name)}`));
}

// What a send created, counted per table (to compare before and after).
function counts() {
	return {
		clients: count('SELECT COUNT(*) FROM clients'),
		consents: count('SELECT COUNT(*) FROM consents'),
		groups: count('SELECT COUNT(*) FROM referral_groups'),
		referrals: count('SELECT COUNT(*) FROM referrals'),
		answers: count('SELECT COUNT(*) FROM answers'),
		clientOrgs: count('SELECT COUNT(*) FROM client_orgs'),
		events: count(`SELECT COUNT(*) FROM events WHERE action = 'referral.sent'`),
		subscriptions: count('SELECT COUNT(*) FROM referral_subscriptions'),
		inbox: count(`SELECT COUNT(*) FROM inbox_messages WHERE kind = 'new_referral'`),
	};
}

function sentTo(res) {
	assert.equal(res.status, 303, `send: ${res.status} ${snippet(text(res.body).slice(0, 2000), 2000)}`);
	const m = res.location.match(new RegExp(`^${BASE_PATH}/clients/(\\d+)/referrals\\?sent=1$`));
	assert.ok(m, `to the client's Referrals tab: ${res.location}`);
	return m[1];
}

function addOrg(name, { capacity = null, issues = [], active = 1, accepting = 1 } = {}) {
	const id = insertId(
		`INSERT INTO organisations (name, active, accepting, capacity, all_genders, all_local_authorities) VALUES (${sqlString(name)}, ${active}, ${accepting}, ${capacity === null ? 'NULL' : capacity}, 1, 1)`,
	);
	for (const issue of issues) db(`INSERT INTO organisation_issues (organisation_id, issue_id) VALUES (${id}, ${issue})`);
	return id;
}

before(async () => {
	amira = await signedIn('amira');
	amiraId = one(`SELECT id FROM staff WHERE username = 'amira'`);
	riverside = one(`SELECT id FROM organisations WHERE name = 'Riverside Citizens Advice'`);
	ids.ms = one(`SELECT id FROM reference_values WHERE list = 'title' AND name = 'Ms'`);
	ids.sheHer = one(`SELECT id FROM reference_values WHERE list = 'pronoun' AND name = 'she/her'`);
	ids.female = one(`SELECT id FROM reference_values WHERE list = 'gender' AND name = 'Female'`);
	ids.hartlepool = one(`SELECT id FROM local_authorities WHERE code = 'E06000001'`);
	ids.housing = insertId(`INSERT INTO issues (name, position) VALUES ('${TAG} Housing', 900)`);
	ids.debt = insertId(`INSERT INTO issues (name, position) VALUES ('${TAG} Debt', 901)`);
	ids.qText = insertId(`INSERT INTO questions (issue_id, position, kind, text, required) VALUES (${ids.housing}, 1, 'text', 'Where are they staying tonight?', 1)`);
	ids.qYesNo = insertId(`INSERT INTO questions (issue_id, position, kind, text, required) VALUES (${ids.housing}, 2, 'yes_no', 'Are there children in the household?', 1)`);
	ids.qMulti = insertId(`INSERT INTO questions (issue_id, position, kind, text, required) VALUES (${ids.housing}, 3, 'multiple_choice', 'What has happened?', 0)`);
	db(`INSERT INTO question_options (question_id, position, label) VALUES (${ids.qMulti}, 1, 'Rent arrears'), (${ids.qMulti}, 2, 'Eviction notice'), (${ids.qMulti}, 3, 'Disrepair')`);
	ids.qDate = insertId(`INSERT INTO questions (issue_id, position, kind, text, required) VALUES (${ids.housing}, 4, 'date', 'When must they leave?', 0)`);
	ids.qLong = insertId(`INSERT INTO questions (issue_id, position, kind, text, required) VALUES (${ids.housing}, 5, 'long_text', 'Anything else?', 0)`);
	ids.qSingle = insertId(`INSERT INTO questions (issue_id, position, kind, text, required) VALUES (${ids.debt}, 1, 'single_choice', 'How much is owed?', 1)`);
	db(`INSERT INTO question_options (question_id, position, label) VALUES (${ids.qSingle}, 1, 'Under £1,000'), (${ids.qSingle}, 2, '£1,000 to £5,000'), (${ids.qSingle}, 3, 'Over £5,000')`);
	ids.orgA = addOrg(`${TAG} Receiver A`, { issues: [ids.housing, ids.debt] });
	ids.orgB = addOrg(`${TAG} Receiver B`, { issues: [ids.housing] });
	// staff of A: one active (told in their inbox), one deactivated (not told)
	ids.staffA1 = insertId(`INSERT INTO staff (username, display_name) VALUES ('${TAG.toLowerCase()}a1', 'Receiver One')`);
	ids.staffA2 = insertId(`INSERT INTO staff (username, display_name, active) VALUES ('${TAG.toLowerCase()}a2', 'Receiver Gone', 0)`);
	db(`INSERT INTO staff_orgs (staff_id, organisation_id, source) VALUES (${ids.staffA1}, ${ids.orgA}, 'manual'), (${ids.staffA2}, ${ids.orgA}, 'manual')`);
});

after(() => {
	// the test issues and organisations stop being offered to anyone else (the referrals made
	// stay: they are records); the test's staff go
	db(`UPDATE issues SET active = 0 WHERE name LIKE '${TAG} %'`);
	db(`UPDATE organisations SET active = 0, accepting = 0 WHERE name LIKE '${TAG} %'`);
	const staff = [ids.staffA1, ids.staffA2].filter(Boolean).join(', ');
	if (staff) {
		db(`DELETE FROM inbox_messages WHERE staff_id IN (${staff})`);
		db(`DELETE FROM staff_orgs WHERE staff_id IN (${staff})`);
		db(`DELETE FROM staff WHERE id IN (${staff})`);
	}
});

// ---- the demo data ----

describe('the demo referrals', () => {
	it('are referrals from several organisations, urgent and not, with one and two receivers', () => {
		// the demo's clients (sql/demo/060_clients.sql), whatever other files did before this one
		const demoClients = `SELECT id FROM clients WHERE CONCAT(first_name_key, ' ', last_name_key) IN ('jane smith', 'mohammed ali', 'sarah jones', 'david brown', 'emma wilson', 'aisha begum', 'tom baker', 'kwame mensah')`;
		const groups = dbRows(
			`SELECT g.id, so.name, g.urgent, COUNT(r.id), SUM(r.status = 'new'), MIN(r.update_due >= DATE(r.created_at)), COUNT(DISTINCT e.id)` +
				` FROM referral_groups g JOIN organisations so ON so.id = g.sending_org_id JOIN referrals r ON r.group_id = g.id` +
				` LEFT JOIN events e ON e.action = 'referral.sent' AND e.subject_type = 'referral' AND e.subject_id = r.id` +
				` WHERE g.client_id IN (${demoClients}) GROUP BY g.id`,
		);
		assert.ok(groups.length >= 7, `the demo's groups: ${groups.length}`);
		assert.ok(new Set(groups.map((g) => g[1])).size >= 3, 'sent from at least three organisations');
		assert.ok(groups.some((g) => g[2] === '1') && groups.some((g) => g[2] === '0'), 'urgent and not');
		assert.ok(groups.some((g) => g[3] === '1') && groups.some((g) => g[3] === '2'), 'one and two receivers');
		// 080_referral_states.sql moves some on to show every state; the rest stay New
		assert.ok(groups.filter((g) => g[3] === g[4]).length >= 2, 'groups still wholly New');
		assert.ok(groups.every((g) => g[5] === '1'), 'due after they were sent');
		assert.ok(groups.every((g) => g[6] === g[3]), 'each with its "sent" event');
		// every client is visible to its sender and receivers
		assert.equal(
			count(`SELECT COUNT(*) FROM referrals r WHERE r.client_id IN (${demoClients}) AND (NOT EXISTS (SELECT 1 FROM client_orgs v WHERE v.client_id = r.client_id AND v.organisation_id = r.receiving_org_id)` +
				` OR NOT EXISTS (SELECT 1 FROM client_orgs v WHERE v.client_id = r.client_id AND v.organisation_id = r.sending_org_id))`),
			0,
		);
	});

	it('load again without adding anything', () => {
		const load = () => execFileSync('mariadb', [`--socket=${DB_SOCKET}`, '-uroot', 'referrals'], { input: fs.readFileSync(DEMO_REFERRALS), timeout: 30000 });
		// the first load may add what waited for a sign-in since the start (a sender's staff row,
		// receivers' staff to tell); after that, nothing
		load();
		const before = counts();
		load();
		assert.deepEqual(counts(), before);
	});
});

// ---- consent ----

describe('the consent step', () => {
	it('asks for the confirmation, who gave it and, for someone else, their name and relationship', async () => {
		const draft = await newDraft(amira);
		const res = await amira.get(`/drafts/${draft}/consent`);
		assert.equal(res.status, 200, snippet(res.body));
		assert.match(labelFor(res.body, 'consent'), /The client has consented to this referral and to their information being shared with the receiving organisations/);
		assert.equal(attr(input(res.body, 'consent'), 'type'), 'checkbox');
		assert.equal(labelFor(res.body, 'consent_given_by'), 'The client');
		assert.equal(labelFor(res.body, 'consent_given_by_1'), "Someone else on the client's behalf");
		assert.equal(labelFor(res.body, 'consentor_name'), 'Full name of the person who gave consent');
		assert.equal(labelFor(res.body, 'consentor_relationship'), 'Their relationship to the client');
		assert.match(text(res.body), /date and time, and your name, are recorded with the consent/);
	});

	it('requires the confirmation and who gave it', async () => {
		const draft = await newDraft(amira);
		const csrf = await amira.csrf(`/drafts/${draft}/consent`);
		const res = await amira.post(`/drafts/${draft}/consent`, { csrf });
		assert.equal(res.status, 400);
		assert.deepEqual(summaryErrors(res.body), [
			'Confirm that the client has consented to this referral and to their information being shared',
			'Select who gave consent',
		]);
		assert.equal(fieldError(res.body, 'consent'), 'Confirm that the client has consented to this referral and to their information being shared');
		assert.equal(fieldError(res.body, 'consent_given_by'), 'Select who gave consent');
	});

	it('requires the name and relationship when someone else gave consent, keeping what was entered', async () => {
		const draft = await newDraft(amira);
		const csrf = await amira.csrf(`/drafts/${draft}/consent`);
		const res = await amira.post(`/drafts/${draft}/consent`, { csrf, consent: 'yes', consent_given_by: 'someone_else', consentor_name: '  ', consentor_relationship: '' });
		assert.equal(res.status, 400);
		assert.deepEqual(summaryErrors(res.body), ['Enter the name of the person who gave consent', 'Enter their relationship to the client']);
		assert.match(input(res.body, 'consent'), /\schecked\b/, 'the box stays ticked');
		assert.match(input(res.body, 'consent_given_by_1'), /\schecked\b/, 'the choice stays');
		// nothing typed is lost: the draft has the values
		assert.deepEqual(draftValue(draft, 'consent'), ['yes']);
		assert.deepEqual(draftValue(draft, 'consent_given_by'), ['someone_else']);
	});

	it('limits the name to 200 characters and the relationship to 100, on one line', async () => {
		const draft = await newDraft(amira);
		const csrf = await amira.csrf(`/drafts/${draft}/consent`);
		let res = await amira.post(`/drafts/${draft}/consent`, { csrf, consent: 'yes', consent_given_by: 'someone_else', consentor_name: 'N'.repeat(201), consentor_relationship: 'R'.repeat(101) });
		assert.equal(res.status, 400);
		assert.equal(fieldError(res.body, 'consentor_name'), 'The name of the person who gave consent must be 200 characters or fewer');
		assert.equal(fieldError(res.body, 'consentor_relationship'), 'Their relationship to the client must be 100 characters or fewer');
		assert.equal(attr(input(res.body, 'consentor_name'), 'value'), 'N'.repeat(201), 'the long value is kept');
		res = await amira.post(`/drafts/${draft}/consent`, { csrf, consent: 'yes', consent_given_by: 'someone_else', consentor_name: 'Ann\nOther', consentor_relationship: 'Sister' });
		assert.equal(res.status, 400);
		assert.equal(fieldError(res.body, 'consentor_name'), 'The name of the person who gave consent must be on one line');
		// exactly at the limits is fine
		res = await amira.post(`/drafts/${draft}/consent`, { csrf, consent: 'yes', consent_given_by: 'someone_else', consentor_name: 'N'.repeat(200), consentor_relationship: 'R'.repeat(100) });
		assert.equal(res.status, 303, snippet(res.body));
	});

	it('refuses a value for who gave consent that is not offered', async () => {
		const draft = await newDraft(amira);
		const csrf = await amira.csrf(`/drafts/${draft}/consent`);
		const res = await amira.post(`/drafts/${draft}/consent`, { csrf, consent: 'yes', consent_given_by: 'the cat' });
		assert.equal(res.status, 400);
		assert.equal(fieldError(res.body, 'consent_given_by'), 'Select who gave consent');
		const ticked = await amira.post(`/drafts/${draft}/consent`, { csrf, consent: 'maybe', consent_given_by: 'client' });
		assert.equal(ticked.status, 400, 'only the box\'s own value confirms');
	});

	it('moves on to the referral details, or back to the summary after a Change link', async () => {
		const draft = await newDraft(amira);
		const csrf = await amira.csrf(`/drafts/${draft}/consent`);
		let res = await amira.post(`/drafts/${draft}/consent`, { csrf, consent: 'yes', consent_given_by: 'client' });
		assert.equal(res.status, 303);
		assert.equal(res.location, `${BASE_PATH}/drafts/${draft}/details`);
		res = await amira.post(`/drafts/${draft}/consent`, { csrf, change: '1', consent: 'yes', consent_given_by: 'someone_else', consentor_name: 'Maya Patel', consentor_relationship: 'Daughter' });
		assert.equal(res.status, 303);
		assert.equal(res.location, `${BASE_PATH}/drafts/${draft}/summary`);
		assert.deepEqual(draftValue(draft, 'consentor_name'), ['Maya Patel']);
		// unticking clears the box
		res = await amira.post(`/drafts/${draft}/consent`, { csrf, consent_given_by: 'client' });
		assert.equal(res.status, 400);
		assert.deepEqual(draftValue(draft, 'consent'), []);
	});

	it('is only for the signed-in owner of the draft, with the form token', async () => {
		const draft = await newDraft(amira);
		const signedOut = new Browser();
		let res = await signedOut.get(`/drafts/${draft}/consent`);
		assert.equal(res.status, 303);
		assert.ok(res.location.startsWith(`${BASE_PATH}/signin`), res.location);
		res = await signedOut.post(`/drafts/${draft}/consent`, { consent: 'yes', consent_given_by: 'client' });
		assert.equal(res.status, 303);
		assert.ok(res.location.startsWith(`${BASE_PATH}/signin`), res.location);
		res = await amira.post(`/drafts/${draft}/consent`, { consent: 'yes', consent_given_by: 'client' });
		assert.equal(res.status, 403, 'no csrf');
		assert.deepEqual(draftValue(draft, 'consent'), [], 'nothing saved without the token');
		const ben = await signedIn('ben');
		res = await ben.get(`/drafts/${draft}/consent`);
		assert.equal(res.status, 404, "someone else's draft");
	});
});

// ---- the summary ----

describe('the summary', () => {
	let draft;
	before(async () => {
		draft = await newDraft(amira);
		seed(draft, [
			...newClientValues(`${NAME}-Summary`),
			...consentValues('someone_else', `<script>alert("x")</script>'; DROP TABLE clients;--`, 'Advocate'),
			...referralValues({ [ids.housing]: [ids.orgA, ids.orgB], [ids.debt]: [ids.orgA] }, { urgent: 'yes' }),
		]);
	});

	it('lists the client profile, referral details, receivers, answers and consent', async () => {
		const res = await summary(amira, draft);
		assert.deepEqual(summaryErrors(res.body), [], 'every step is complete');
		const client = summaryRows(res.body, 'client-details');
		assert.equal(client.Name, `Ms Jessamy ${NAME}-Summary`);
		const today = londonToday();
		let age = today.getUTCFullYear() - 1988;
		if (today.getUTCMonth() < 2 || (today.getUTCMonth() === 2 && today.getUTCDate() < 14)) age--;
		assert.equal(client['Date of birth'], `14 March 1988 (age ${age})`);
		assert.equal(client.Pronouns, 'she/her');
		assert.equal(client.Gender, 'Female');
		assert.equal(client.Email, 'Jessamy@example.org');
		assert.equal(client.Phone, '07700900123');
		assert.equal(client['Alternative phone'], '01134960000');
		assert.equal(client['Contact permissions'], 'Email, SMS');
		assert.equal(client['NHS number'], '9434765919');
		assert.equal(client['GP practice'], 'Quayside Surgery');
		assert.equal(client['GP practice ODS code'], 'A81001');
		const address = summaryRows(res.body, 'address-details');
		assert.equal(address.Address, '1 Harbour Walk | Flat 2 | Hartlepool | TS24 8AY');
		assert.equal(address['Local authority'], 'Hartlepool');

		const details = summaryRows(res.body, 'referral-details');
		assert.equal(details['Sending organisation'], 'Riverside Citizens Advice');
		assert.equal(details.Issues, `${TAG} Housing | ${TAG} Debt`);
		assert.equal(details.Urgent, 'Yes');
		const update = setting('urgent_update_within_days');
		const close = setting('urgent_close_within_days');
		// "1 working day", never "1 working days" (issue 12)
		const days = (n) => `${n} working day${Number(n) === 1 ? '' : 's'}`;
		assert.equal(details['Update within'], `${days(update)}, by ${longDate(addWorkingDays(today, update))}`);
		assert.equal(details['Close within'], `${days(close)}, by ${longDate(addWorkingDays(today, close))}`);
		assert.doesNotMatch(text(res.body), /\b1 working days/);

		assert.match(text(res.body), /3 referrals will be sent: one for each organisation and issue/);
		const receivers = summaryRows(res.body, 'receivers');
		assert.equal(receivers[`${TAG} Housing`], `2 organisations ${TAG} Receiver A | ${TAG} Receiver B`);
		assert.equal(receivers[`${TAG} Debt`], `1 organisation ${TAG} Receiver A`);

		const page = text(res.body);
		for (const expected of [
			'Where are they staying tonight? Sofa surfing at a friend’s flat',
			'Are there children in the household? Yes',
			'What has happened? Rent arrears Eviction notice',
			'When must they leave? 2 February 2026',
			'Anything else? Not answered',
			'How much is owed? Over £5,000',
		]) {
			assert.ok(page.includes(expected), `the answers show ${expected}`);
		}

		const consent = summaryRows(res.body, 'consent-details');
		assert.equal(consent['Given by'], "Someone else on the client's behalf");
		assert.equal(consent.Name, `<script>alert("x")</script>'; DROP TABLE clients;--`, 'shown literally');
		assert.doesNotMatch(res.body, /<script>alert/, 'escaped, never markup');
		assert.equal(consent['Relationship to the client'], 'Advocate');

		// the opt-in, unticked until chosen
		for (const [id, label] of [
			['notify', 'A receiving organisation acknowledges the referral'],
			['notify_1', 'A referral is closed'],
			['notify_2', 'A note is added to a referral'],
			['notify_3', 'A file is added to a referral'],
			// issue 12 point 7: the sender may hear of a refusal and of a group nobody took
			['notify_4', 'A receiving organisation refuses the referral'],
			['notify_5', 'Every receiving organisation refused or did not respond'],
		]) {
			assert.equal(labelFor(res.body, id), label);
			assert.doesNotMatch(input(res.body, id), /\schecked\b/);
		}
		assert.match(res.body, /<button[^>]*>Send referral<\/button>/);
	});

	it('has a Change link to each step, which comes back to the summary', async () => {
		const res = await summary(amira, draft);
		const hrefs = [...new Set((res.body.match(/<a\b[^>]*>Change<span/gi) || []).map((a) => attr(a, 'href')))].sort();
		assert.deepEqual(
			hrefs,
			['address', 'client', 'consent', 'details', 'questions', 'receivers'].map((s) => `${BASE_PATH}/drafts/${draft}/${s}?change=1`),
		);
		for (const href of hrefs) {
			const step = await amira.get(href.slice(BASE_PATH.length));
			assert.equal(step.status, 200, `${href}: ${step.status}`);
			const change = (step.body.match(/<input\b[^>]*name="change"[^>]*>/i) || [])[0];
			assert.ok(change && attr(change, 'value') === '1', `${href} carries the change field`);
		}
		// the round trip: change the consent, come back to the summary with it changed
		const csrf = await amira.csrf(`/drafts/${draft}/consent?change=1`);
		const back = await amira.post(`/drafts/${draft}/consent`, {
			csrf,
			change: '1',
			consent: 'yes',
			consent_given_by: 'someone_else',
			consentor_name: 'Robin Ash',
			consentor_relationship: 'Advocate',
		});
		assert.equal(back.status, 303);
		assert.equal(back.location, `${BASE_PATH}/drafts/${draft}/summary`);
		const again = await summary(amira, draft);
		assert.equal(summaryRows(again.body, 'consent-details').Name, 'Robin Ash');
	});

	it('points at every incomplete section, and sends nothing until they are complete', async () => {
		const partial = await newDraft(amira);
		seed(partial, [...newClientValues(`${NAME}-Partial`), ...referralValues({ [ids.housing]: [ids.orgA] })]);
		const res = await summary(amira, partial);
		assert.deepEqual(summaryErrors(res.body), ["Record the client's consent"]);
		assert.deepEqual(errorLinks(res.body), ['#section-consent']);
		const warning = res.body.match(/<div class="govuk-warning-text" id="section-consent">[\s\S]*?<\/div>/i);
		assert.ok(warning, 'the consent section says it is incomplete');
		assert.match(warning[0], new RegExp(`href="${BASE_PATH}/drafts/${partial}/consent\\?change=1"`));
		// a required answer missing too
		db(`DELETE FROM draft_values WHERE draft_id = ${partial} AND name = 'answer_${ids.qText}'`);
		const before = counts();
		const { res: post } = await send(amira, partial);
		assert.equal(post.status, 400);
		assert.deepEqual(summaryErrors(post.body), ["Record the client's consent", 'The questionnaire has questions to answer']);
		assert.deepEqual(counts(), before, 'nothing created');
		assert.equal(one(`SELECT sent_at IS NULL FROM drafts WHERE id = ${partial}`), '1');
		assert.equal(one(`SELECT step FROM drafts WHERE id = ${partial}`), 'summary', 'the draft resumes at the summary');
	});

	it('is only for the signed-in owner of the draft', async () => {
		const signedOut = new Browser();
		let res = await signedOut.get(`/drafts/${draft}/summary`);
		assert.equal(res.status, 303);
		assert.ok(res.location.startsWith(`${BASE_PATH}/signin`));
		const admin = await signedIn('admin'); // also of Riverside, but not the draft's owner
		res = await admin.get(`/drafts/${draft}/summary`);
		assert.equal(res.status, 404);
	});
});

// ---- sending ----

describe('sending', () => {
	let clientId;

	it('creates the client, consent, a group per issue and a referral per organisation × issue', async () => {
		const draft = await newDraft(amira);
		const lastName = `${NAME}-New`;
		seed(draft, [
			...newClientValues(lastName),
			...consentValues('someone_else', `Robert'); DROP TABLE referrals;-- <b>`, 'Brother'),
			...referralValues({ [ids.housing]: [ids.orgA, ids.orgB], [ids.debt]: [ids.orgA] }),
		]);
		const before = counts();
		const { res } = await send(amira, draft, ['acknowledged', 'note_added', 'refused', 'unresolved']);
		clientId = sentTo(res);
		const after = counts();

		// the client, as normalised by the validators
		const [client] = dbRows(
			`SELECT title_id, first_name, last_name, DATE_FORMAT(date_of_birth, '%Y-%m-%d'), pronoun_id, gender_id, email, phone, alt_phone,` +
				` contact_email, contact_phone, contact_sms, contact_voicemail, contact_post, nhs_number, gp_practice_name, gp_ods_code,` +
				` address_line1, address_line2, town, postcode, no_fixed_abode, local_authority_id, created_by FROM clients WHERE id = ${clientId}`,
		);
		assert.deepEqual(client, [
			String(ids.ms), 'Jessamy', lastName, '1988-03-14', String(ids.sheHer), String(ids.female), 'Jessamy@example.org', '07700900123', '01134960000',
			'1', '0', '1', '0', '0', '9434765919', 'Quayside Surgery', 'A81001', '1 Harbour Walk', 'Flat 2', 'Hartlepool', 'TS24 8AY', '0',
			String(ids.hartlepool), String(amiraId),
		]);
		assert.equal(after.clients, before.clients + 1);

		// the consent, recorded now by amira, with the consentor stored literally
		const consents = dbRows(`SELECT id, organisation_id, recorded_by, given_by_client, consentor_name, consentor_relationship, TIMESTAMPDIFF(SECOND, recorded_at, UTC_TIMESTAMP()) < 120 FROM consents WHERE client_id = ${clientId}`);
		assert.equal(consents.length, 1);
		assert.deepEqual(consents[0].slice(1), [String(riverside), String(amiraId), '0', `Robert'); DROP TABLE referrals;-- <b>`, 'Brother', '1']);

		// one group per issue, one referral per organisation × issue
		const groups = dbRows(`SELECT id, issue_id, sending_org_id, created_by, consent_id, urgent FROM referral_groups WHERE client_id = ${clientId} ORDER BY issue_id`);
		assert.deepEqual(groups.map((g) => g.slice(1)), [
			[String(ids.housing), String(riverside), String(amiraId), consents[0][0], '0'],
			[String(ids.debt), String(riverside), String(amiraId), consents[0][0], '0'],
		]);
		const today = londonToday();
		const updateDue = iso(addWorkingDays(today, setting('update_within_days')));
		const closeDue = iso(addWorkingDays(today, setting('close_within_days')));
		const referrals = dbRows(
			`SELECT r.id, r.group_id, r.issue_id, r.receiving_org_id, r.sending_org_id, r.status, r.urgent, r.update_due, r.close_due, r.created_by` +
				` FROM referrals r WHERE r.client_id = ${clientId} ORDER BY r.issue_id, r.receiving_org_id`,
		);
		assert.deepEqual(referrals.map((r) => r.slice(2)), [
			[String(ids.housing), String(ids.orgA), String(riverside), 'new', '0', updateDue, closeDue, String(amiraId)],
			[String(ids.housing), String(ids.orgB), String(riverside), 'new', '0', updateDue, closeDue, String(amiraId)],
			[String(ids.debt), String(ids.orgA), String(riverside), 'new', '0', updateDue, closeDue, String(amiraId)],
		]);
		assert.equal(referrals[0][1], groups[0][0]);
		assert.equal(referrals[1][1], groups[0][0], 'both housing referrals in one group');
		assert.equal(referrals[2][1], groups[1][0]);
		assert.equal(after.groups - before.groups, 2);
		assert.equal(after.referrals - before.referrals, 3);

		// the answers, per group, with the question copied
		const answers = dbRows(`SELECT group_id, question_id, question_text, kind, REPLACE(answer, '\\n', '|') FROM answers WHERE group_id IN (${groups.map((g) => g[0]).join(',')}) ORDER BY group_id, position`);
		assert.deepEqual(answers, [
			[groups[0][0], String(ids.qText), 'Where are they staying tonight?', 'text', 'Sofa surfing at a friend’s flat'],
			[groups[0][0], String(ids.qYesNo), 'Are there children in the household?', 'yes_no', 'Yes'],
			[groups[0][0], String(ids.qMulti), 'What has happened?', 'multiple_choice', 'Rent arrears|Eviction notice'],
			[groups[0][0], String(ids.qDate), 'When must they leave?', 'date', '2026-02-02'],
			[groups[0][0], String(ids.qLong), 'Anything else?', 'long_text', ''],
			[groups[1][0], String(ids.qSingle), 'How much is owed?', 'single_choice', 'Over £5,000'],
		]);

		// visible to the sender and both receivers
		assert.deepEqual(
			dbRows(`SELECT organisation_id FROM client_orgs WHERE client_id = ${clientId} ORDER BY organisation_id`).map((r) => r[0]),
			[riverside, ids.orgA, ids.orgB].map(String).sort((a, b) => a - b),
		);

		// the timeline: one event per referral
		const events = dbRows(`SELECT subject_id, staff_id, organisation_id, detail FROM events WHERE action = 'referral.sent' AND subject_type = 'referral' AND subject_id IN (${referrals.map((r) => r[0]).join(',')}) ORDER BY subject_id`);
		assert.equal(events.length, 3);
		assert.ok(events.every((e) => e[1] === String(amiraId) && e[2] === String(riverside)));
		assert.match(events.find((e) => e[0] === referrals[1][0])[3], new RegExp(`to ${TAG} Receiver B for ${TAG} Housing`));

		// the opt-in, per group
		assert.deepEqual(dbRows(`SELECT group_id, staff_id, acknowledged, closed, note_added, file_added, refused, unresolved FROM referral_subscriptions WHERE group_id IN (${groups.map((g) => g[0]).join(',')}) ORDER BY group_id`), [
			[groups[0][0], String(amiraId), '1', '0', '1', '0', '1', '1'],
			[groups[1][0], String(amiraId), '1', '0', '1', '0', '1', '1'],
		]);

		// the receivers' active staff are told, one message per referral; deactivated staff are not
		const messages = dbRows(`SELECT subject, link FROM inbox_messages WHERE staff_id = ${ids.staffA1} AND kind = 'new_referral' ORDER BY id`);
		assert.deepEqual(messages, [
			[`New referral: ${TAG} Housing`, `/referrals/${referrals[0][0]}`],
			[`New referral: ${TAG} Debt`, `/referrals/${referrals[2][0]}`],
		]);
		assert.equal(count(`SELECT COUNT(*) FROM inbox_messages WHERE staff_id = ${ids.staffA2}`), 0);

		// the draft: sent, for this client, its typed values gone
		assert.deepEqual(dbRows(`SELECT sent_at IS NOT NULL, client_id FROM drafts WHERE id = ${draft}`), [['1', clientId]]);
		assert.deepEqual(draftValues(draft), []);
	});

	it('creates nothing more for a replayed POST, and shows what was sent', async () => {
		const draft = await newDraft(amira);
		seed(draft, [...newClientValues(`${NAME}-Replay`), ...consentValues(), ...referralValues({ [ids.housing]: [ids.orgB] })]);
		const { res, fields } = await send(amira, draft);
		const client = sentTo(res);
		const before = counts();
		const replay = await amira.post(`/drafts/${draft}/send`, fields);
		assert.equal(replay.status, 303);
		assert.equal(sentTo(replay), client, 'the same confirmation as the first send');
		// the summary's own step POST too, and the summary page itself
		const step = await amira.post(`/drafts/${draft}/summary`, fields);
		assert.equal(step.status, 303);
		assert.ok(step.location.startsWith(`${BASE_PATH}/clients/${client}/referrals`), step.location);
		const page = await amira.get(`/drafts/${draft}/summary`);
		assert.equal(page.status, 303);
		assert.deepEqual(counts(), before, 'nothing created');
		assert.equal(count(`SELECT COUNT(*) FROM referrals WHERE client_id = ${client}`), 1);
	});

	it('creates one set for a double click (two POSTs at once)', async () => {
		const draft = await newDraft(amira);
		seed(draft, [...newClientValues(`${NAME}-Double`), ...consentValues(), ...referralValues({ [ids.housing]: [ids.orgA, ids.orgB] })]);
		const page = await summary(amira, draft);
		const fields = [['csrf', csrfFrom(page.body)]];
		const before = counts();
		const results = await Promise.all([1, 2, 3].map(() => amira.post(`/drafts/${draft}/send`, fields)));
		const locations = results.map(sentTo);
		assert.equal(new Set(locations).size, 1, 'every answer names the same client');
		const after = counts();
		assert.equal(after.clients - before.clients, 1);
		assert.equal(after.consents - before.consents, 1);
		assert.equal(after.groups - before.groups, 1);
		assert.equal(after.referrals - before.referrals, 2);
		assert.equal(after.events - before.events, 2);
	});

	it('adds to an existing client without creating another', async () => {
		assert.ok(clientId, 'the first send made a client');
		const draft = await newDraft(amira, clientId);
		assert.deepEqual(dbRows(`SELECT client_id FROM drafts WHERE id = ${draft}`), [[clientId]]);
		seed(draft, [...consentValues(), ...referralValues({ [ids.debt]: [ids.orgA] })]);
		const page = await summary(amira, draft);
		assert.deepEqual(summaryErrors(page.body), [], 'the client and address steps do not apply');
		const shown = summaryRows(page.body, 'client-details');
		assert.equal(shown.Name, `Ms Jessamy ${NAME}-New`);
		assert.equal(shown.Email, 'Jessamy@example.org', 'the stored details');
		assert.ok(!page.body.includes(`/drafts/${draft}/client?change=1`), 'no Change link for stored details');
		const before = counts();
		const { res } = await send(amira, draft);
		assert.equal(sentTo(res), clientId);
		const after = counts();
		assert.equal(after.clients, before.clients, 'no new client');
		assert.equal(after.consents - before.consents, 1, 'a consent for this referral');
		assert.equal(after.groups - before.groups, 1);
		assert.equal(after.referrals - before.referrals, 1);
		assert.equal(count(`SELECT COUNT(*) FROM referrals WHERE client_id = ${clientId}`), 4);
		assert.equal(count(`SELECT COUNT(*) FROM client_orgs WHERE client_id = ${clientId}`), 3, 'visibility unchanged (already granted)');
		assert.equal(one(`SELECT given_by_client FROM consents WHERE client_id = ${clientId} ORDER BY id DESC LIMIT 1`), '1');
	});

	it('shows only who a registered client is until the organisation can see them, then grants it', async () => {
		// a client only Receiver B knows, chosen (as an exact match of the find step can be)
		const hidden = insertId(
			`INSERT INTO clients (first_name, last_name, first_name_key, last_name_key, date_of_birth, gender_id, email, local_authority_id, created_by)` +
				` VALUES ('Ottilie', 'Hiddenfield', 'ottilie', 'hiddenfield', '1990-06-01', ${ids.female}, 'secret@example.org', ${ids.hartlepool}, ${amiraId})`,
		);
		db(`INSERT INTO client_orgs (client_id, organisation_id) VALUES (${hidden}, ${ids.orgB})`);
		const draft = await newDraft(amira);
		db(`UPDATE drafts SET client_id = ${hidden} WHERE id = ${draft}`);
		seed(draft, [...consentValues(), ...referralValues({ [ids.housing]: [ids.orgA] })]);
		const page = await summary(amira, draft);
		const shown = summaryRows(page.body, 'client-details');
		assert.deepEqual(Object.keys(shown), ['Name', 'Date of birth']);
		assert.equal(shown.Name, 'Ottilie Hiddenfield');
		assert.doesNotMatch(page.body, /secret@example\.org/, 'nothing more before the referral is sent');
		const { res } = await send(amira, draft);
		assert.equal(sentTo(res), String(hidden));
		assert.deepEqual(
			dbRows(`SELECT organisation_id FROM client_orgs WHERE client_id = ${hidden} ORDER BY organisation_id`).map((r) => r[0]),
			[riverside, ids.orgA, ids.orgB].map(String).sort((a, b) => a - b),
		);
	});

	it('never goes over an organisation’s capacity when sends race for its last place', async () => {
		for (let round = 1; round <= 3; round++) {
			const full = addOrg(`${TAG} Capacity ${round}`, { capacity: 1, issues: [ids.housing] });
			// four drafts for four clients, each in its own session, sent at the same moment
			const browsers = await Promise.all([1, 2, 3, 4].map(() => signedIn('amira')));
			const drafts = [];
			for (const b of browsers) drafts.push(await newDraft(b));
			drafts.forEach((d, i) =>
				seed(d, [...newClientValues(`${NAME}-Race${'xyz'[round - 1]}${'abcd'[i]}`), ...consentValues(), ...referralValues({ [ids.housing]: [full] })]),
			);
			const pages = await Promise.all(browsers.map((b, i) => summary(b, drafts[i])));
			const results = await Promise.all(browsers.map((b, i) => b.post(`/drafts/${drafts[i]}/send`, { csrf: csrfFrom(pages[i].body) })));
			assert.equal(count(`SELECT COUNT(*) FROM referrals WHERE receiving_org_id = ${full}`), 1, `round ${round}: one referral`);
			const statuses = results.map((r) => r.status).sort();
			assert.deepEqual(statuses, [303, 400, 400, 400], `round ${round}: one sent, the others refused`);
			results.forEach((r, i) => {
				if (r.status !== 400) return;
				const page = text(r.body);
				assert.ok(page.includes(`${TAG} Capacity ${round} cannot receive the referral for ${TAG} Housing now: Full`), `round ${round}: says who and why: ${page.slice(0, 600)}`);
				assert.equal(one(`SELECT sent_at IS NULL FROM drafts WHERE id = ${drafts[i]}`), '1', 'the refused draft is kept');
				assert.ok(draftValues(drafts[i]).length > 10, 'with its values');
			});
		}
	});

	it('stops when a receiver can no longer take it, says which and why, and keeps the draft', async () => {
		const dropping = addOrg(`${TAG} Dropping`, { issues: [ids.housing] });
		const draft = await newDraft(amira);
		seed(draft, [...newClientValues(`${NAME}-Dropped`), ...consentValues(), ...referralValues({ [ids.housing]: [ids.orgA, dropping] })]);
		const first = await summary(amira, draft);
		assert.deepEqual(summaryErrors(first.body), []);
		db(`UPDATE organisations SET accepting = 0 WHERE id = ${dropping}`);
		const before = counts();
		const { res } = await send(amira, draft);
		assert.equal(res.status, 400);
		const message = `${TAG} Dropping cannot receive the referral for ${TAG} Housing now: Not accepting referrals at the moment`;
		assert.ok(summaryErrors(res.body).includes(message), `the error summary says so: ${summaryErrors(res.body)}`);
		assert.ok(errorLinks(res.body).includes('#receivers-problems'));
		assert.match(res.body, /id="receivers-problems"/);
		assert.deepEqual(counts(), before, 'nothing created');
		assert.equal(one(`SELECT sent_at IS NULL FROM drafts WHERE id = ${draft}`), '1');
		assert.deepEqual(draftValue(draft, `receiver_${ids.housing}`).sort(), [String(ids.orgA), String(dropping)].sort(), 'the choice is kept');
		// the summary says the same until it is fixed; then it sends
		const again = await summary(amira, draft);
		assert.ok(text(again.body).includes(message));
		seed(draft, [[`receiver_${ids.housing}`, String(ids.orgA)]]);
		const { res: fixed } = await send(amira, draft);
		const client = sentTo(fixed);
		assert.equal(count(`SELECT COUNT(*) FROM referrals WHERE client_id = ${client}`), 1);
	});

	it('checks eligibility again inside the send (ages)', async () => {
		const adults = addOrg(`${TAG} Over 60s`, { issues: [ids.housing] });
		db(`UPDATE organisations SET min_age = 60 WHERE id = ${adults}`);
		const draft = await newDraft(amira);
		seed(draft, [...newClientValues(`${NAME}-Young`), ...consentValues(), ...referralValues({ [ids.housing]: [adults] })]);
		const before = counts();
		const { res } = await send(amira, draft);
		assert.equal(res.status, 400);
		assert.ok(text(res.body).includes(`${TAG} Over 60s cannot receive the referral for ${TAG} Housing now: Only accepts ages 60 and over`), snippet(text(res.body), 1500));
		assert.deepEqual(counts(), before);
	});

	it('checks accepted senders again inside the send (issue 13)', async () => {
		const chosen = addOrg(`${TAG} Chosen Senders`, { issues: [ids.housing] });
		db(`UPDATE organisations SET all_senders = 0 WHERE id = ${chosen}`);
		const draft = await newDraft(amira);
		seed(draft, [...newClientValues(`${NAME}-Chosen`), ...consentValues(), ...referralValues({ [ids.housing]: [chosen] })]);
		const before = counts();
		const { res } = await send(amira, draft);
		assert.equal(res.status, 400);
		assert.ok(text(res.body).includes(`${TAG} Chosen Senders cannot receive the referral for ${TAG} Housing now: Does not accept referrals from Riverside Citizens Advice`), snippet(text(res.body), 1500));
		assert.deepEqual(counts(), before);
	});

	it('is refused without the form token or for another user’s draft', async () => {
		const draft = await newDraft(amira);
		seed(draft, [...newClientValues(`${NAME}-Guarded`), ...consentValues(), ...referralValues({ [ids.housing]: [ids.orgB] })]);
		const before = counts();
		let res = await amira.post(`/drafts/${draft}/send`, {});
		assert.equal(res.status, 403);
		const signedOut = new Browser();
		res = await signedOut.post(`/drafts/${draft}/send`, {});
		assert.equal(res.status, 303);
		assert.ok(res.location.startsWith(`${BASE_PATH}/signin`));
		const ben = await signedIn('ben');
		const csrf = await ben.csrf('/referrals/new');
		res = await ben.post(`/drafts/${draft}/send`, { csrf });
		assert.equal(res.status, 404);
		assert.deepEqual(counts(), before, 'nothing created');
		assert.equal(one(`SELECT sent_at IS NULL FROM drafts WHERE id = ${draft}`), '1');
	});
});
