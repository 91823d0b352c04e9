// The Sent and Received lists: scope (the active organisation's; administrators see every
// organisation's), search and every filter, attention icons, sorting, paging, bad filters and
// the URL round trip. The referrals are created in SQL for the test; their clients through
// POST /_test/clients (the program's own match keys), all with emails at one test domain, so
// every request below adds q=<domain> to see only this file's referrals.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, signedIn, db, dbRows, text, sqlString, organisationId, resetThrottle, decodeEntities, BASE_PATH } from './lib.mjs';

const DOMAIN = 'lists-test.example';
const FOODBANK = 'Southgate Food Bank';
const RIVERSIDE = 'Riverside Citizens Advice';
const THERAPIES = 'Eastbrook NHS Talking Therapies';

const org = {};
const staff = {};
const ref = {};
let admin, tina, amira;
let issueA, issueB, reasonId;
const year = new Date().getFullYear();

function staffId(username) {
	return dbRows(`SELECT id FROM staff WHERE username = ${sqlString(username)}`)[0][0];
}

function cleanUp() {
	const ids = `SELECT id FROM clients WHERE email LIKE '%@${DOMAIN}'`;
	db(`DELETE r FROM referrals r JOIN (${ids}) c ON c.id = r.client_id`);
	db(`DELETE g FROM referral_groups g JOIN (${ids}) c ON c.id = g.client_id`);
	db(`DELETE x FROM consents x JOIN (${ids}) c ON c.id = x.client_id`);
	db(`DELETE co FROM client_orgs co JOIN (${ids}) c ON c.id = co.client_id`);
	db(`DELETE FROM clients WHERE email LIKE '%@${DOMAIN}'`);
}

let emailCounter = 0;
async function createClient(first, last, dob) {
	const res = await new Browser().post(
		'/_test/clients',
		{ first_name: first, last_name: last, date_of_birth: dob, email: `${first.toLowerCase()}${++emailCounter}@${DOMAIN}`, created_by: staff.tina },
		{ origin: null },
	);
	assert.equal(res.status, 200, res.body);
	return String(JSON.parse(res.body).id);
}

// One group with one referral; returns the referral id.
function createReferral({ client, from, to, by = staff.tina, issue = issueA, urgent = 0, status = 'new', daysAgo = 1, updateDue = '+5', closeDue = '+20', reason = null, unresolved = 0, consentAt = 'UTC_TIMESTAMP()' }) {
	const due = (d) => `CURDATE() + INTERVAL ${Number(d)} DAY`;
	db(`INSERT INTO consents (client_id, organisation_id, recorded_by, recorded_at) VALUES (${client}, ${from}, ${by}, ${consentAt})`);
	const consent = dbRows('SELECT MAX(id) FROM consents')[0][0];
	db(`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id, urgent, unresolved, created_at)
	    VALUES (${client}, ${issue}, ${from}, ${by}, ${consent}, ${urgent}, ${unresolved}, UTC_TIMESTAMP() - INTERVAL ${daysAgo} DAY)`);
	const group = dbRows('SELECT MAX(id) FROM referral_groups')[0][0];
	db(`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, urgent, status, update_due, close_due, closure_reason_id, created_at)
	    VALUES (${group}, ${client}, ${issue}, ${from}, ${to}, ${by}, ${urgent}, '${status}', ${due(updateDue)}, ${due(closeDue)}, ${reason ?? 'NULL'}, UTC_TIMESTAMP() - INTERVAL ${daysAgo} DAY)`);
	return dbRows('SELECT MAX(id) FROM referrals')[0][0];
}

// The referral ids a list page shows, in order.
function idsOf(html) {
	return [...html.matchAll(/data-referral-id="(\d+)"/g)].map((m) => m[1]);
}

async function list(browser, which, params = {}) {
	const q = new URLSearchParams({ q: '@' + DOMAIN, ...params });
	const res = await browser.get(`/referrals/${which}?${q}`);
	return res;
}

async function ids(browser, which, params = {}) {
	const res = await list(browser, which, params);
	assert.equal(res.status, 200, `${which} ${JSON.stringify(params)}: ${text(res.body).slice(0, 400)}`);
	return idsOf(res.body).sort((a, b) => a - b);
}

const sorted = (...xs) => xs.map(String).sort((a, b) => a - b);

before(async () => {
	resetThrottle();
	cleanUp();
	for (const name of [FOODBANK, RIVERSIDE, THERAPIES]) org[name] = organisationId(name);
	admin = await signedIn('admin');
	tina = await signedIn('tina');
	amira = await signedIn('amira');
	await signedIn('tom');
	for (const u of ['admin', 'tina', 'amira', 'tom']) staff[u] = staffId(u);
	const issues = dbRows('SELECT id FROM issues ORDER BY id LIMIT 2');
	[issueA, issueB] = [issues[0][0], issues[1][0]];
	reasonId = dbRows('SELECT id FROM closure_reasons ORDER BY id LIMIT 1')[0][0];
	const alice = await createClient('Alice', 'Zéphyr', `${year - 30}-01-01`);
	const bob = await createClient('Bob', 'Quartz', `${year - 70}-01-01`);
	const cara = await createClient('Cara', 'Lumen', `${year - 15}-01-01`);
	const dan = await createClient('Dan', 'Ostrich', `${year - 45}-01-01`);
	const eve = await createClient('Eve', 'Hidden', `${year - 50}-01-01`);
	// sent by the food bank
	ref.alice = createReferral({ client: alice, from: org[FOODBANK], to: org[RIVERSIDE], urgent: 1, updateDue: -2, daysAgo: 10, consentAt: "'2001-01-01 00:00:00'" });
	ref.bob = createReferral({ client: bob, from: org[FOODBANK], to: org[THERAPIES], by: staff.tom, status: 'acknowledged', updateDue: -3, closeDue: 10, daysAgo: 5 });
	// received by the food bank
	ref.cara = createReferral({ client: cara, from: org[RIVERSIDE], to: org[FOODBANK], by: staff.amira, status: 'closed', reason: reasonId, daysAgo: 40 });
	ref.dan = createReferral({ client: dan, from: org[RIVERSIDE], to: org[FOODBANK], by: staff.amira, status: 'refused', issue: issueB, unresolved: 1, daysAgo: 3 });
	// the food bank is not party to this one
	ref.eve = createReferral({ client: eve, from: org[RIVERSIDE], to: org[THERAPIES], by: staff.amira, daysAgo: 2 });
});

after(() => {
	cleanUp();
	resetThrottle();
});

describe('scope', () => {
	it('shows the active organisation’s sent and received referrals, linked to their pages', async () => {
		assert.deepEqual(await ids(tina, 'sent'), sorted(ref.alice, ref.bob));
		assert.deepEqual(await ids(tina, 'received'), sorted(ref.cara, ref.dan));
		const page = (await list(tina, 'sent')).body;
		assert.ok(page.includes(`href="${BASE_PATH}/referrals/${ref.alice}"`));
		assert.ok(page.includes(`href="${BASE_PATH}/referrals/new"`), 'a New referral button');
		assert.ok(!text(page).includes('All organisations'));
	});

	it('names each row’s issue, the other organisation and the closure reason as they are stored', async () => {
		const name = (sql) => dbRows(sql)[0][0];
		const row = (body, id) => text(body.match(new RegExp(`<tr[^>]*data-referral-id="${id}"[\\s\\S]*?</tr>`))[0]);
		const received = (await list(tina, 'received')).body;
		const cara = row(received, ref.cara);
		assert.ok(cara.includes(name(`SELECT name FROM issues WHERE id = ${issueA}`)), cara);
		assert.ok(cara.includes(RIVERSIDE), 'From: the sender');
		assert.ok(cara.includes(name(`SELECT name FROM closure_reasons WHERE id = ${reasonId}`)), 'the closure reason');
		const dan = row(received, ref.dan);
		assert.ok(dan.includes(name(`SELECT name FROM issues WHERE id = ${issueB}`)), dan);
		assert.ok(!dan.includes(name(`SELECT name FROM closure_reasons WHERE id = ${reasonId}`)), 'no closure reason');
		const bob = row((await list(tina, 'sent')).body, ref.bob);
		assert.ok(bob.includes(THERAPIES), 'To: the receiver');
		assert.ok(!bob.includes(RIVERSIDE));
		// every organisation's: both, for an administrator
		const all = row((await list(await signedIn('admin'), 'received', { id: ref.eve })).body, ref.eve);
		assert.ok(all.includes(`${RIVERSIDE} to ${THERAPIES}`), all);
	});

	it('never shows another organisation’s referral, not even asked for by ID', async () => {
		for (const which of ['sent', 'received']) {
			assert.deepEqual(await ids(tina, which, { id: ref.eve }), []);
			const body = (await list(tina, which)).body;
			assert.ok(!body.includes('Hidden'), 'the other client’s name is not on the page');
		}
		assert.deepEqual(await ids(amira, 'sent', { id: ref.eve }), [ref.eve]);
	});

	it('shows administrators every organisation’s referrals, and says so', async () => {
		const all = sorted(ref.alice, ref.bob, ref.cara, ref.dan, ref.eve);
		assert.deepEqual(await ids(admin, 'sent'), all);
		assert.deepEqual(await ids(admin, 'received'), all);
		assert.match(text((await list(admin, 'received')).body), /All organisations/);
	});

	it('sends signed-out visitors to sign in', async () => {
		const res = await new Browser().get('/referrals/sent');
		assert.equal(res.status, 303);
		assert.match(res.headers.location, /\/signin/);
	});
});

describe('search and filters', () => {
	it('searches by client name (either order, accents and case ignored) or email', async () => {
		const search = async (q) => idsOf((await tina.get('/referrals/sent?' + new URLSearchParams({ q }))).body).sort((a, b) => a - b);
		assert.deepEqual(await search('alice zephyr'), [ref.alice]);
		assert.deepEqual(await search('ZÉPHYR Alice'), [ref.alice]);
		assert.deepEqual(await search('quartz'), [ref.bob]);
		assert.deepEqual(await search(`bob2@${DOMAIN}`), [ref.bob]);
		assert.deepEqual(await search('nobody-called-this'), []);
	});

	it('filters by referral ID', async () => {
		assert.deepEqual(await ids(tina, 'sent', { id: ref.bob }), [ref.bob]);
	});

	it('filters by the date created', async () => {
		const iso = (daysAgo) => new Date(Date.now() - daysAgo * 86400000).toISOString().slice(0, 10);
		assert.deepEqual(await ids(tina, 'received', { from: iso(20) }), [ref.dan]);
		assert.deepEqual(await ids(tina, 'received', { to: iso(20) }), [ref.cara]);
		assert.deepEqual(await ids(tina, 'received', { from: iso(41), to: iso(39) }), [ref.cara]);
	});

	it('filters by sending and receiving organisation', async () => {
		assert.deepEqual(await ids(tina, 'sent', { receiving_org: org[THERAPIES] }), [ref.bob]);
		assert.deepEqual(await ids(admin, 'sent', { sending_org: org[RIVERSIDE] }), sorted(ref.cara, ref.dan, ref.eve));
		assert.deepEqual(await ids(admin, 'sent', { sending_org: org[RIVERSIDE], receiving_org: org[FOODBANK] }), sorted(ref.cara, ref.dan));
	});

	it('filters by who created it', async () => {
		assert.deepEqual(await ids(tina, 'sent', { created_by: staff.tom }), [ref.bob]);
		assert.deepEqual(await ids(tina, 'sent', { created_by: staff.tina }), [ref.alice]);
	});

	// issue 9: the choices are each worker's copy, kept by the organisation's staff generation
	// (sql/095): every change to who is in the organisation or what they are called is seen
	// on the next request, by every worker
	it('offers the organisation’s staff as they are now in Created by, on every worker', async () => {
		const choicesOf = (body) => {
			const select = body.match(/<select[^>]*name="created_by"[^>]*>([\s\S]*?)<\/select>/);
			assert.ok(select, 'a Created by select');
			return [...select[1].matchAll(/<option value="(\d+)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], decodeEntities(m[2])]);
		};
		const inDb = () => dbRows(`SELECT DISTINCT s.id, s.display_name FROM staff_orgs so JOIN staff s ON s.id = so.staff_id
		                           WHERE so.organisation_id = ${org[FOODBANK]} ORDER BY s.display_name, s.id`).map(([id, name]) => [String(id), name]);
		// the distinct choices shown by a dozen requests, some to each of the stack's workers
		const shown = async () => {
			const seen = new Set();
			for (let i = 0; i < 12; i++) seen.add(JSON.stringify(choicesOf((await tina.get('/referrals/received')).body)));
			return [...seen].map((x) => JSON.parse(x));
		};
		const username = `lists-created-by-${process.pid}`;
		const staffGeneration = () => Number(dbRows(`SELECT COALESCE(MAX(generation), 0) FROM staff_generations WHERE organisation_id = ${org[FOODBANK]}`)[0][0]);
		try {
			assert.deepEqual(await shown(), [inDb()], 'every worker offers the members in the database');
			db(`INSERT INTO staff (username, display_name) VALUES ('${username}', 'Aaron Newcomer')`);
			const id = String(staffId(username));
			const before = staffGeneration();
			db(`UPDATE staff SET last_signin_at = UTC_TIMESTAMP() WHERE id = ${id}`);
			assert.equal(staffGeneration(), before, 'a change to a member that is not in the choices moves nothing');
			db(`INSERT INTO staff_orgs (staff_id, organisation_id, source) VALUES (${id}, ${org[FOODBANK]}, 'manual')`);
			assert.deepEqual(await shown(), [inDb()], 'a member added');
			assert.ok(inDb().some(([x, name]) => x === id && name === 'Aaron Newcomer'));
			db(`UPDATE staff SET display_name = 'Aaron Renamed' WHERE id = ${id}`);
			assert.deepEqual(await shown(), [inDb()], 'a member renamed');
			assert.ok(inDb().some(([x, name]) => x === id && name === 'Aaron Renamed'));
			db(`DELETE FROM staff_orgs WHERE staff_id = ${id}`);
			assert.deepEqual(await shown(), [inDb()], 'a member removed');
			db(`INSERT INTO staff_orgs (staff_id, organisation_id, source) VALUES (${id}, ${org[FOODBANK]}, 'manual')`);
			assert.deepEqual(await shown(), [inDb()]);
			db(`DELETE FROM staff WHERE id = ${id}`); // its memberships go by ON DELETE CASCADE
			assert.ok(!inDb().some(([x]) => x === id));
			assert.deepEqual(await shown(), [inDb()], 'a member deleted');
		} finally {
			db(`DELETE FROM staff WHERE username = '${username}'`);
		}
	});

	it('filters by status, open or closed, and closure reason', async () => {
		assert.deepEqual(await ids(tina, 'sent', { status: 'acknowledged' }), [ref.bob]);
		assert.deepEqual(await ids(tina, 'received', { status: 'refused' }), [ref.dan]);
		assert.deepEqual(await ids(tina, 'sent', { state: 'open' }), sorted(ref.alice, ref.bob));
		assert.deepEqual(await ids(tina, 'received', { state: 'open' }), []);
		assert.deepEqual(await ids(tina, 'received', { state: 'closed' }), sorted(ref.cara, ref.dan));
		assert.deepEqual(await ids(tina, 'received', { reason: reasonId }), [ref.cara]);
	});

	it('filters by the client’s age today', async () => {
		assert.deepEqual(await ids(tina, 'sent', { age_from: 25, age_to: 35 }), [ref.alice]);
		assert.deepEqual(await ids(tina, 'sent', { age_from: 30, age_to: 30 }), [ref.alice]);
		assert.deepEqual(await ids(tina, 'sent', { age_from: 60 }), [ref.bob]);
		assert.deepEqual(await ids(tina, 'received', { age_to: 17 }), [ref.cara]);
		assert.deepEqual(await ids(tina, 'received', { age_to: 14 }), []);
	});

	it('filters by issue', async () => {
		assert.deepEqual(await ids(tina, 'received', { issue: issueB }), [ref.dan]);
	});

	it('filters urgent, overdue and unresolved', async () => {
		assert.deepEqual(await ids(tina, 'sent', { urgent: 1 }), [ref.alice]);
		// Alice is New past her update date; Bob is Acknowledged, so only his close date counts
		assert.deepEqual(await ids(tina, 'sent', { overdue: 1 }), [ref.alice]);
		assert.deepEqual(await ids(tina, 'received', { unresolved: 1 }), [ref.dan]);
		assert.deepEqual(await ids(tina, 'sent', { urgent: 1, status: 'acknowledged' }), [], 'filters combine');
	});

	it('marks urgent, overdue and expired consent with text tags, colour only a second cue', async () => {
		const body = (await list(tina, 'sent')).body;
		const row = (id) => body.match(new RegExp(`<tr[^>]*data-referral-id="${id}"[\\s\\S]*?</tr>`))[0];
		for (const kind of ['urgent', 'overdue', 'consent']) assert.match(row(ref.alice), new RegExp(`data-attention="${kind}"`));
		// the words themselves, visible (issue 12: never a bare symbol)
		for (const [kind, words] of [['urgent', 'Urgent'], ['overdue', 'Overdue'], ['consent', 'Consent expired']]) {
			const tag = row(ref.alice).match(new RegExp(`<strong class="govuk-tag govuk-tag--\\w+ app-attention" data-attention="${kind}">([^<]*)</strong>`));
			assert.ok(tag, `a ${kind} tag`);
			assert.equal(tag[1], words);
		}
		assert.doesNotMatch(row(ref.bob), /data-attention/);
	});
});

describe('sorting and paging', () => {
	it('sorts newest, oldest, by due date and by client name', async () => {
		const order = async (sort) => idsOf((await list(admin, 'sent', { sort })).body);
		// created 10, 5, 40, 3, 2 days ago
		assert.deepEqual(await order('newest'), [ref.eve, ref.dan, ref.bob, ref.alice, ref.cara]);
		assert.deepEqual(await order('oldest'), [ref.cara, ref.alice, ref.bob, ref.dan, ref.eve]);
		assert.deepEqual(await order('name'), [ref.eve, ref.cara, ref.dan, ref.bob, ref.alice]);
		// open ones by the due date of their state (Alice -2, Eve +5, Bob +10), then the rest
		assert.deepEqual((await order('due')).slice(0, 3), [ref.alice, ref.eve, ref.bob]);
	});

	it('pages 25 at a time, keeping every filter in the page links', async () => {
		const client = dbRows(`SELECT client_id FROM referrals WHERE id = ${ref.alice}`)[0][0];
		const extra = [];
		for (let i = 0; i < 27; i++) extra.push(createReferral({ client, from: org[FOODBANK], to: org[THERAPIES], issue: issueB, daysAgo: 100 + i }));
		try {
			const params = { issue: issueB, sort: 'oldest' };
			const first = await list(tina, 'sent', params);
			assert.equal(idsOf(first.body).length, 25);
			assert.match(text(first.body), /27 referrals match/);
			assert.deepEqual(idsOf(first.body), extra.slice().reverse().slice(0, 25));
			const next = first.body.match(/href="([^"]*page=2[^"]*)" rel="next"/);
			assert.ok(next, 'a next page link');
			const href = next[1].replace(/&amp;/g, '&');
			assert.ok(href.startsWith(BASE_PATH + '/referrals/sent?'));
			const nextParams = new URL(href, 'http://x').searchParams;
			assert.equal(nextParams.get('issue'), issueB);
			assert.equal(nextParams.get('sort'), 'oldest');
			assert.equal(nextParams.get('q'), '@' + DOMAIN);
			const second = await tina.get(href.slice(BASE_PATH.length));
			assert.deepEqual(idsOf(second.body), extra.slice().reverse().slice(25));
			// a page beyond the last shows the last
			const beyond = await list(tina, 'sent', { ...params, page: 999 });
			assert.deepEqual(idsOf(beyond.body), idsOf(second.body));
		} finally {
			db(`DELETE FROM referrals WHERE id IN (${extra.join(',')})`);
		}
	});
});

describe('bad filters and the URL round trip', () => {
	it('answers 400 with the form, the message and the values kept', async () => {
		const cases = [
			[{ id: 'abc' }, 'id', /Referral ID must be a number/],
			[{ from: '2026-13-45' }, 'from', /Created from must be a real date/],
			[{ from: '2026-02-10', to: '2026-02-01' }, 'to', /Created to must be the same as or after/],
			[{ age_from: 'ten' }, 'age_from', /Age from must be a whole number/],
			[{ age_from: '50', age_to: '20' }, 'age_to', /Age to must be the same as or more/],
			[{ status: 'lost' }, 'status', /Choose a status/],
			[{ state: 'maybe' }, 'state', /Choose open, closed or either/],
			[{ sort: 'random' }, 'sort', /Choose how to sort/],
			[{ sending_org: '-1' }, 'sending_org', /Choose a sending organisation/],
		];
		for (const [params, field, message] of cases) {
			const res = await list(tina, 'received', params);
			assert.equal(res.status, 400, JSON.stringify(params));
			assert.match(text(res.body), message);
			assert.match(res.body, new RegExp(`href="#${field}"`), 'the summary links to the field');
			assert.equal(idsOf(res.body).length, 0, 'no list with a bad filter');
			const input = res.body.match(new RegExp(`<input[^>]*id="${field}"[^>]*>`));
			if (input) assert.match(input[0], new RegExp(`value="${params[field]}"`));
		}
		const res = await list(tina, 'received', { id: '12x', q: 'Cara' });
		assert.match(res.body, /<input[^>]*id="q"[^>]*value="Cara"/, 'the other values are kept too');
	});

	it('shows every filter it was given in the form, so the URL is the whole state', async () => {
		const params = { q: 'Zephyr', from: '2020-01-02', to: '2030-03-04', receiving_org: org[RIVERSIDE], status: 'new', state: 'open', age_from: '20', age_to: '40', issue: issueA, urgent: '1', overdue: '1', sort: 'name' };
		const res = await tina.get('/referrals/sent?' + new URLSearchParams(params));
		assert.equal(res.status, 200);
		assert.deepEqual(idsOf(res.body), [ref.alice]);
		for (const name of ['q', 'from', 'to', 'age_from', 'age_to']) assert.match(res.body, new RegExp(`<input[^>]*id="${name}"[^>]*value="${params[name]}"`), name);
		for (const name of ['receiving_org', 'status', 'state', 'issue', 'sort']) {
			const select = res.body.match(new RegExp(`<select[^>]*id="${name}"[\\s\\S]*?</select>`))[0];
			assert.match(select, new RegExp(`<option value="${params[name]}" selected>`), name);
		}
		for (const name of ['urgent', 'overdue']) assert.match(res.body, new RegExp(`<input[^>]*id="${name}"[^>]*checked`), name);
		assert.match(res.body, /<form method="get"/);
		// the longest statement there is: every filter, a four-word search (nine alternatives,
		// each with every filter in the count), by name so that it counts first
		for (const which of ['sent', 'received']) {
			const longest = await tina.get(`/referrals/${which}?` + new URLSearchParams({ ...params, q: 'alice zephyr de la' }));
			assert.equal(longest.status, 200, `${which}: ${text(longest.body).slice(0, 300)}`);
		}
	});
});

describe('the filter form’s organisation and staff choices', () => {
	it('lists every organisation, escaped, with the chosen one selected', async () => {
		const name = `Zz <b>"Quote" & 'Co'</b> ${Date.now()}`;
		const id = db(`INSERT INTO organisations (name, active) VALUES (${sqlString(name)}, 0); SELECT LAST_INSERT_ID()`).trim();
		try {
			const res = await list(tina, 'received', { sending_org: id });
			assert.equal(res.status, 200);
			const escaped = name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
			const sending = res.body.match(/<select[^>]*id="sending_org"[\s\S]*?<\/select>/)[0];
			assert.ok(sending.includes(`<option value="${id}" selected>${escaped}</option>`), 'chosen and escaped');
			// an organisation's own side of its list is always itself: no select for it
			assert.doesNotMatch(res.body, /<select[^>]*id="receiving_org"/, 'Received: no receiving organisation to choose');
			const sent = (await list(tina, 'sent', {})).body;
			assert.doesNotMatch(sent, /<select[^>]*id="sending_org"/, 'Sent: no sending organisation to choose');
			const receiving = sent.match(/<select[^>]*id="receiving_org"[\s\S]*?<\/select>/)[0];
			assert.ok(receiving.includes(`<option value="${id}">${escaped}</option>`), 'listed, not chosen');
			// an administrator's lists span every organisation: both
			const all = (await list(admin, 'received', {})).body;
			assert.match(all, /<select[^>]*id="sending_org"/);
			assert.match(all, /<select[^>]*id="receiving_org"/);
			assert.ok(!res.body.includes('<b>"Quote"'), 'never unescaped');
			assert.match(sending, /^<select[^>]*>\s*<option value="">Any<\/option>/);
			const count = Number(dbRows('SELECT COUNT(*) FROM organisations')[0][0]);
			assert.equal((sending.match(/<option /g) || []).length, count + 1, 'every organisation and Any');
			const people = res.body.match(/<select[^>]*id="created_by"[\s\S]*?<\/select>/)[0];
			assert.ok(people.includes(`<option value="${staff.tina}">`), 'the organisation’s staff');
		} finally {
			db(`DELETE FROM organisations WHERE id = ${id}`);
		}
	});
});

describe('at scale: composed statements, capped counts, the name sort', () => {
	it('finds clients by the start of either name, in either order, or by email domain', async () => {
		const search = async (q) => idsOf((await tina.get('/referrals/sent?' + new URLSearchParams({ q }))).body).sort((a, b) => a - b);
		assert.deepEqual(await search('al zeph'), [ref.alice], 'prefixes of first and last');
		assert.deepEqual(await search('zeph'), [ref.alice], 'a prefix of the last name alone');
		assert.deepEqual(await search('Ali'), [ref.alice], 'a prefix of the first name alone');
		assert.deepEqual(await search('zeph al'), [ref.alice], 'last then first');
		assert.deepEqual(await search('ephyr'), [], 'the middle of a name is not its start');
		assert.deepEqual(await search('%'), [], 'a wildcard alone is punctuation, not "anything"');
		assert.deepEqual(await search('@' + DOMAIN.slice(0, 8)), [ref.alice, ref.bob].map(String).sort((a, b) => a - b), 'the start of a domain');
	});

	it('every filter combination agrees with the same rule worked out in SQL', async () => {
		// the composed statement against a plain reading of each rule over this file's rows
		const mine = `SELECT r.id FROM referrals r JOIN clients c ON c.id = r.client_id WHERE c.email LIKE '%@${DOMAIN}'`;
		const expect = (where) => dbRows(`${mine} AND ${where}`).map((row) => String(row[0])).sort((a, b) => a - b);
		const combos = [
			[{ state: 'open', urgent: '1' }, `r.status IN ('new','acknowledged') AND r.urgent = 1`],
			[{ overdue: '1', sort: 'due' }, `((r.status = 'new' AND r.update_due < CURDATE()) OR (r.status = 'acknowledged' AND r.close_due < CURDATE()))`],
			[{ state: 'closed', issue: issueB }, `r.status NOT IN ('new','acknowledged') AND r.issue_id = ${issueB}`],
			[{ status: 'new', sort: 'oldest' }, `r.status = 'new'`],
			[{ receiving_org: org[THERAPIES], state: 'open' }, `r.receiving_org_id = ${org[THERAPIES]} AND r.status IN ('new','acknowledged')`],
			[{ unresolved: '1', age_from: '40' }, `r.group_id IN (SELECT id FROM referral_groups WHERE unresolved = 1) AND c.date_of_birth <= CURDATE() - INTERVAL 40 YEAR`],
		];
		for (const [params, where] of combos) {
			assert.deepEqual(await ids(admin, 'received', params), expect(where), JSON.stringify(params));
		}
	});

	it('each organisation’s own lists agree with the rule too, whichever index leads', async () => {
		const mine = `SELECT r.id FROM referrals r JOIN clients c ON c.id = r.client_id JOIN referral_groups g ON g.id = r.group_id WHERE c.email LIKE '%@${DOMAIN}'`;
		const expect = (where) => dbRows(`${mine} AND ${where}`).map((row) => String(row[0])).sort((a, b) => a - b);
		const riverside = `r.sending_org_id = ${org[RIVERSIDE]}`;
		const foodbank = `r.receiving_org_id = ${org[FOODBANK]}`;
		const cases = [
			[amira, 'sent', { unresolved: '1' }, `${riverside} AND g.unresolved = 1`],
			[amira, 'sent', { unresolved: '1', sort: 'oldest' }, `${riverside} AND g.unresolved = 1`],
			[amira, 'sent', { unresolved: '1', sort: 'due' }, `${riverside} AND g.unresolved = 1`],
			[amira, 'sent', { urgent: '1' }, `${riverside} AND r.urgent = 1`],
			[amira, 'sent', { state: 'open', sort: 'oldest' }, `${riverside} AND r.status IN ('new','acknowledged')`],
			[tina, 'received', { status: 'closed', sort: 'due' }, `${foodbank} AND r.status = 'closed'`],
			[tina, 'sent', { urgent: '1', state: 'open' }, `r.sending_org_id = ${org[FOODBANK]} AND r.urgent = 1 AND r.status IN ('new','acknowledged')`],
			[tina, 'sent', { overdue: '1' }, `r.sending_org_id = ${org[FOODBANK]} AND ((r.status = 'new' AND r.update_due < CURDATE()) OR (r.status = 'acknowledged' AND r.close_due < CURDATE()))`],
		];
		for (const [who, which, params, where] of cases) {
			const want = expect(where);
			assert.ok(want.length > 0 || params.urgent, `the case has rows: ${JSON.stringify(params)}`);
			assert.deepEqual(await ids(who, which, params), want, `${which} ${JSON.stringify(params)}`);
		}
		// newest first, unresolved: the order of the sends
		const two = createReferral({ client: dbRows(`SELECT client_id FROM referrals WHERE id = ${ref.dan}`)[0][0], from: org[RIVERSIDE], to: org[THERAPIES], by: staff.amira, status: 'refused', unresolved: 1, daysAgo: 1 });
		try {
			const res = await list(amira, 'sent', { unresolved: '1' });
			assert.deepEqual(idsOf(res.body), [String(two), String(ref.dan)]);
			const oldest = await list(amira, 'sent', { unresolved: '1', sort: 'oldest' });
			assert.deepEqual(idsOf(oldest.body), [String(ref.dan), String(two)]);
		} finally {
			db(`DELETE FROM referrals WHERE id = ${two}`);
		}
	});

	it('finds a common name (more than 10,000 clients) through the organisation’s referrals, as a rare one', async () => {
		// 10,001 clients called Commonname, and referrals for two of them at the food bank
		db(`INSERT INTO clients (first_name, last_name, first_name_key, last_name_key, date_of_birth, email, created_by)
		    SELECT 'Pat', 'Commonname', 'pat', 'commonname', '1980-01-01', CONCAT('common', seq, '@${DOMAIN}'), ${staff.tina} FROM seq_1_to_10001`);
		const clients = dbRows(`SELECT id FROM clients WHERE last_name_key = 'commonname' ORDER BY id LIMIT 2`).map((r) => r[0]);
		const older = createReferral({ client: clients[0], from: org[RIVERSIDE], to: org[FOODBANK], by: staff.amira, daysAgo: 9 });
		const newer = createReferral({ client: clients[1], from: org[RIVERSIDE], to: org[FOODBANK], by: staff.amira, daysAgo: 8 });
		const search = async (params) => idsOf((await tina.get('/referrals/received?' + new URLSearchParams(params))).body);
		assert.deepEqual(await search({ q: 'commonname' }), [String(newer), String(older)], 'newest first');
		assert.deepEqual(await search({ q: 'pat common' }), [String(newer), String(older)]);
		assert.deepEqual(await search({ q: 'commonname', sort: 'oldest' }), [String(older), String(newer)]);
		assert.deepEqual(await search({ q: 'commonname', status: 'closed' }), []);
		assert.match(text((await tina.get('/referrals/received?q=commonname')).body), /2 referrals match/);
		// the name sort counts first: a common name's count goes from its clients to their
		// referrals here, and must count only this organisation's
		const other = createReferral({ client: clients[1], from: org[FOODBANK], to: org[RIVERSIDE], by: staff.tina, daysAgo: 7 });
		const byName = await tina.get('/referrals/received?' + new URLSearchParams({ q: 'commonname', sort: 'name' }));
		assert.deepEqual(idsOf(byName.body).sort(), [String(newer), String(older)].sort(), 'both, and not the sent one');
		assert.match(text(byName.body), /2 referrals match/);
		assert.doesNotMatch(text(byName.body), /More than/);
		db(`DELETE FROM referrals WHERE id = ${other}`);
		assert.deepEqual(await search({ q: 'quartz' }), [], 'a rare name of another organisation’s list');
	});

	// A search's count unites each alternative's capped range (referral_list.c,
	// add_count_by_alternatives): a client matched by several of them counts once.
	it('counts a referral once when its client matches the search several ways, up to "more than 1,000"', async () => {
		// "Twin Twin", twin…@: the email, the first name and the last name all start with "twin"
		const twins = [await createClient('Twin', 'Twin', '1970-02-02'), await createClient('Twin', 'Twin', '1971-03-03')];
		const first = createReferral({ client: twins[0], from: org[RIVERSIDE], to: org[FOODBANK], by: staff.amira, daysAgo: 3 });
		const group = dbRows(`SELECT group_id FROM referrals WHERE id = ${first}`)[0][0];
		const more = (client, n, minutes) =>
			db(`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due, created_at)
			    SELECT ${group}, ${client}, ${issueA}, ${org[RIVERSIDE]}, ${org[FOODBANK]}, ${staff.amira}, 'new', CURDATE() + INTERVAL 5 DAY, CURDATE() + INTERVAL 20 DAY,
			           UTC_TIMESTAMP() - INTERVAL (${minutes} + seq) MINUTE FROM seq_1_to_${n}`);
		more(twins[0], 14, 100);
		more(twins[1], 15, 300);
		const page = await tina.get('/referrals/received?q=twin');
		assert.equal(page.status, 200);
		assert.match(text(page.body), /30 referrals match/, 'each once, not once per way it matched');
		assert.match(text(page.body), /Page 1 of 2\./);
		assert.equal(idsOf(page.body).length, 25);
		assert.match(text((await tina.get('/referrals/received?q=twin+twin')).body), /30 referrals match/, 'two words: more ways still');
		more(twins[1], 1000, 2000);
		assert.match(text((await tina.get('/referrals/received?q=twin')).body), /More than 1,000 referrals match/);
		db(`DELETE FROM referrals WHERE client_id IN (${twins.join(', ')})`);
	});

	it('counts to 1,000 and then says "more than", offering 40 pages; sorts by name only up to that', async () => {
		const client = dbRows(`SELECT client_id FROM referrals WHERE id = ${ref.cara}`)[0][0];
		const group = dbRows(`SELECT group_id FROM referrals WHERE id = ${ref.cara}`)[0][0];
		// 1,001 more received by Therapies from Riverside, in one statement
		db(`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due, created_at)
		    SELECT ${group}, ${client}, ${issueA}, ${org[RIVERSIDE]}, ${org[THERAPIES]}, ${staff.amira}, 'closed', CURDATE(), CURDATE(), UTC_TIMESTAMP() - INTERVAL (200 + seq) MINUTE FROM seq_1_to_1001`);
		try {
			const params = { receiving_org: org[THERAPIES], state: 'closed' };
			const first = await list(admin, 'received', params);
			assert.equal(first.status, 200);
			assert.match(text(first.body), /More than 1,000 referrals match: narrow the filters/);
			assert.match(text(first.body), /Page 1 of 40\./);
			const last = await list(admin, 'received', { ...params, page: 40 });
			assert.equal(idsOf(last.body).length, 25);
			const beyond = await list(admin, 'received', { ...params, page: 41 });
			assert.deepEqual(idsOf(beyond.body), idsOf(last.body), 'a page beyond the last shows the last');
			// newest first through the index: the 25 newest of all 1,001 + 1 matching
			const expected = dbRows(`SELECT r.id FROM referrals r JOIN clients c ON c.id = r.client_id WHERE c.email LIKE '%@${DOMAIN}' AND r.receiving_org_id = ${org[THERAPIES]} AND r.status NOT IN ('new','acknowledged') ORDER BY r.created_at DESC, r.id DESC LIMIT 25`).map((r) => String(r[0]));
			assert.deepEqual(idsOf(first.body), expected);
			const byName = await list(admin, 'received', { ...params, sort: 'name' });
			assert.equal(byName.status, 200);
			assert.match(text(byName.body), /Sorting by client name needs 1,000 referrals or fewer/);
			assert.deepEqual(idsOf(byName.body), expected, 'newest first instead');
			const fewByName = await list(admin, 'received', { sort: 'name', state: 'open' });
			assert.doesNotMatch(text(fewByName.body), /Sorting by client name needs/);
		} finally {
			db(`DELETE FROM referrals WHERE group_id = ${group} AND id <> ${ref.cara}`);
		}
	});
});
