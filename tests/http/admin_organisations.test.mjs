// Administering organisations: only administrators reach the pages; the list is searchable
// and paged; one form adds or edits everything about an organisation, each rule refusing a bad
// value (400, values kept, nothing written); a save writes the row, its lists and its directory
// groups in one go, with one audit row per changed field; deactivating hides an organisation
// from its staff's switcher without touching its memberships; a mapped directory group makes
// its members staff at their next sign-in.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, signedIn, db, dbRows, text, csrfFrom, decodeEntities, sqlString, organisationId, BASE_PATH } from './lib.mjs';

const PREFIX = 'Orgtest';
// Fixtures of our own (names no demo file uses), so the tests do not depend on demo data.
const ISSUES = [`${PREFIX} Benefits`, `${PREFIX} Legal help`];
const OLD_ISSUE = `${PREFIX} Retired issue`;
const LAS = [
	[`${PREFIX} Alphaton`, 'E09990001'],
	[`${PREFIX} Betaby`, 'E09990002'],
	[`${PREFIX} Gammaford`, 'E09990003'],
];
const FOODBANK_GROUP = 'cn=foodbank,ou=groups,dc=example,dc=org';

function id(sql) {
	const rows = dbRows(sql);
	assert.equal(rows.length, 1, `one row for ${sql}`);
	return rows[0][0];
}

const issueId = (name) => id(`SELECT id FROM issues WHERE name = ${sqlString(name)}`);
const laId = (name) => id(`SELECT id FROM local_authorities WHERE name = ${sqlString(name)}`);
const genderId = (name) => id(`SELECT id FROM reference_values WHERE list = 'gender' AND name = ${sqlString(name)}`);
const lastEvent = () => Number(db('SELECT COALESCE(MAX(id), 0) FROM events'));

function eventsSince(mark, orgId) {
	return dbRows(
		`SELECT action, COALESCE(old_value, 'NULL'), COALESCE(new_value, 'NULL'), COALESCE(staff_id, 0) FROM events
		 WHERE id > ${mark} AND subject_type = 'organisation' AND subject_id = ${orgId} ORDER BY id`,
	);
}

// The stored organisation, newlines in the address shown as '|'.
function stored(orgId) {
	const [row] = dbRows(
		`SELECT name, description, contact_email, contact_phone, REPLACE(address, '\\n', '|'), website, active, accepting,
		 COALESCE(capacity, 'none'), COALESCE(min_age, 'none'), COALESCE(max_age, 'none'), all_genders, all_local_authorities
		 FROM organisations WHERE id = ${orgId}`,
	);
	const [name, description, email, phone, address, website, active, accepting, capacity, minAge, maxAge, allGenders, allLas] = row;
	const list = (sql) => dbRows(sql).map((r) => r[0]);
	return {
		name, description, email, phone, address, website, active, accepting, capacity, minAge, maxAge, allGenders, allLas,
		issues: list(`SELECT i.name FROM organisation_issues x JOIN issues i ON i.id = x.issue_id WHERE x.organisation_id = ${orgId} ORDER BY i.name`),
		genders: list(`SELECT g.name FROM organisation_genders x JOIN reference_values g ON g.id = x.gender_id WHERE x.organisation_id = ${orgId} ORDER BY g.name`),
		las: list(`SELECT l.name FROM organisation_local_authorities x JOIN local_authorities l ON l.id = x.local_authority_id WHERE x.organisation_id = ${orgId} ORDER BY l.name`),
		groups: list(`SELECT group_dn FROM directory_groups WHERE organisation_id = ${orgId} ORDER BY group_dn`),
	};
}

// Everything about all organisations, to show a refused request wrote nothing.
function snapshot() {
	return [
		db('SELECT * FROM organisations ORDER BY id'),
		db('SELECT * FROM organisation_issues ORDER BY organisation_id, issue_id'),
		db('SELECT * FROM organisation_genders ORDER BY organisation_id, gender_id'),
		db('SELECT * FROM organisation_local_authorities ORDER BY organisation_id, local_authority_id'),
		db('SELECT group_dn, organisation_id FROM directory_groups ORDER BY group_dn, organisation_id'),
		db(`SELECT COUNT(*) FROM events WHERE action LIKE 'admin.organisation.%'`),
	].join('\n---\n');
}

// A complete, valid form as the browser sends it; overrides replace fields by name (a value of
// undefined leaves the field out, an array repeats it).
function form(csrf, overrides = {}) {
	const fields = {
		csrf,
		name: `${PREFIX} Community Law Centre`,
		description: 'Free legal advice on benefits appeals.\nOpen Tuesdays.',
		contact_email: 'Help@Law-Centre.EXAMPLE.org',
		contact_phone: '+44 (0)1632 960 123',
		address: '1 High Street\nTown',
		website: 'https://law-centre.example.org',
		active: '1',
		accepting: '1',
		capacity: '12',
		issues: ISSUES.map(issueId),
		min_age: '18',
		max_age: '',
		genders_all: 'some',
		genders: [genderId('Female'), genderId('Non-binary')],
		las_all: 'some',
		las: [laId(LAS[0][0]), laId(LAS[1][0])],
		groups: 'CN=Law-Centre, OU=Groups, DC=Example, DC=Org\n\ncn=law-centre,ou=groups,dc=example,dc=org\n',
		...overrides,
	};
	const pairs = [];
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined) continue;
		for (const v of Array.isArray(value) ? value : [value]) pairs.push([name, String(v)]);
	}
	return pairs;
}

async function csrfOf(browser, page = '/admin/organisations/new') {
	const csrf = csrfFrom((await browser.get(page)).body);
	assert.ok(csrf, `a form token on ${page}`);
	return csrf;
}

// The value of the input or textarea with this id on a page.
function fieldValue(html, fieldId) {
	const input = html.match(new RegExp(`<input\\b[^>]*\\sid="${fieldId}"[^>]*>`));
	if (input) {
		const m = input[0].match(/\svalue="([^"]*)"/);
		return m ? decodeEntities(m[1]) : '';
	}
	const area = html.match(new RegExp(`<textarea\\b[^>]*\\sid="${fieldId}"[^>]*>([\\s\\S]*?)</textarea>`));
	return area ? decodeEntities(area[1]) : undefined;
}

// The text of the page's <main> (without the account bar, which names the active organisation).
function mainText(html) {
	const main = html.match(/<main\b[\s\S]*<\/main>/);
	assert.ok(main, 'a main element');
	return text(main[0]);
}

// Whether the checkbox or radio of name with value is ticked.
function isChecked(html, name, value) {
	const tag = (html.match(/<input\b[^>]*>/g) || []).find((t) => t.includes(`name="${name}"`) && t.includes(`value="${value}"`));
	assert.ok(tag, `a ${name} control with value ${value}`);
	return /\schecked\b/.test(tag);
}

function deleteOrganisations(where) {
	const ids = dbRows(`SELECT id FROM organisations WHERE ${where}`).map((r) => r[0]);
	if (ids.length === 0) return;
	const list = ids.join(',');
	db(`DELETE FROM staff_orgs WHERE organisation_id IN (${list})`);
	db(`DELETE FROM directory_groups WHERE organisation_id IN (${list})`);
	db(`DELETE FROM organisations WHERE id IN (${list})`);
}

const ROUTES = [
	['GET', '/admin/organisations'],
	['GET', '/admin/organisations/new'],
	['POST', '/admin/organisations'],
	['GET', '/admin/organisations/ID'],
	['POST', '/admin/organisations/ID'],
];

let admin;

before(async () => {
	for (const [i, name] of ISSUES.entries()) db(`INSERT IGNORE INTO issues (name, position, active) VALUES (${sqlString(name)}, ${900 + i}, 1)`);
	db(`INSERT IGNORE INTO issues (name, position, active) VALUES (${sqlString(OLD_ISSUE)}, 999, 0)`);
	for (const [name, code] of LAS) db(`INSERT IGNORE INTO local_authorities (name, code) VALUES (${sqlString(name)}, '${code}')`);
	admin = await signedIn('admin');
});

after(() => {
	deleteOrganisations(`name LIKE '${PREFIX}%' OR name LIKE 'Paging test%'`);
	db(`UPDATE organisations SET active = 1 WHERE name = 'Eastbrook NHS Talking Therapies'`);
	db(`DELETE FROM organisation_issues WHERE issue_id IN (SELECT id FROM issues WHERE name LIKE '${PREFIX}%')`);
	db(`DELETE FROM organisation_local_authorities WHERE local_authority_id IN (SELECT id FROM local_authorities WHERE name LIKE '${PREFIX}%')`);
	db(`DELETE FROM issues WHERE name LIKE '${PREFIX}%'`);
	db(`DELETE FROM local_authorities WHERE name LIKE '${PREFIX}%'`);
});

describe('who may administer organisations', () => {
	let orgId;
	before(() => {
		orgId = organisationId('Southgate Food Bank');
	});
	const path = (p) => p.replace('ID', orgId);

	it('administrators reach every page', async () => {
		assert.equal((await admin.get('/admin/organisations')).status, 200);
		assert.equal((await admin.get('/admin/organisations/new')).status, 200);
		assert.equal((await admin.get(path('/admin/organisations/ID'))).status, 200);
		// the POST routes: an empty form is refused as a form, not as a person (400, not 403)
		const csrf = await csrfOf(admin);
		const before = snapshot();
		assert.equal((await admin.post('/admin/organisations', { csrf })).status, 400);
		assert.equal((await admin.post(path('/admin/organisations/ID'), { csrf })).status, 400);
		assert.equal(snapshot(), before);
	});

	it('staff who are not administrators get 403 on every route, and nothing changes', async () => {
		const amira = await signedIn('amira');
		const csrf = csrfFrom((await amira.get('/')).body);
		const before = snapshot();
		for (const [method, p] of ROUTES) {
			const res = method === 'GET' ? await amira.get(path(p)) : await amira.post(path(p), form(csrf, { name: `${PREFIX} by staff` }));
			assert.equal(res.status, 403, `${method} ${p} as staff`);
		}
		assert.equal(snapshot(), before);
	});

	it('signed-out visitors are sent to sign in, and nothing changes', async () => {
		const anon = new Browser();
		const before = snapshot();
		for (const [method, p] of ROUTES) {
			const res = method === 'GET' ? await anon.get(path(p)) : await anon.post(path(p), form('x', { name: `${PREFIX} signed out` }));
			assert.equal(res.status, 303, `${method} ${p} signed out`);
			assert.ok(res.headers.location.startsWith(`${BASE_PATH}/signin`), `${method} ${p}: ${res.headers.location}`);
		}
		assert.equal(snapshot(), before);
	});

	it('a POST without the form token is refused with 403 and changes nothing', async () => {
		const before = snapshot();
		for (const [method, p] of ROUTES.filter(([m]) => m === 'POST')) {
			const res = await admin.post(path(p), form(undefined, { csrf: undefined, name: `${PREFIX} forged` }));
			assert.equal(res.status, 403, `${method} ${p} without csrf`);
		}
		assert.equal(snapshot(), before);
	});

	it('an organisation that does not exist is 404', async () => {
		assert.equal((await admin.get('/admin/organisations/999999999')).status, 404);
		const csrf = await csrfOf(admin);
		assert.equal((await admin.post('/admin/organisations/999999999', form(csrf))).status, 404);
	});
});

describe('the list of organisations', () => {
	before(() => {
		const values = Array.from({ length: 30 }, (_, i) => `('Paging test ${String(i + 1).padStart(2, '0')}', ${i % 2}, ${i % 3 ? 1 : 0}, ${i === 0 ? 7 : 'NULL'})`);
		db(`INSERT IGNORE INTO organisations (name, active, accepting, capacity) VALUES ${values.join(', ')}`);
	});

	it('shows each organisation with whether it is active and accepting, and its capacity', async () => {
		const [active, accepting, capacity] = dbRows(`SELECT active, accepting, COALESCE(capacity, 'none') FROM organisations WHERE name = 'Southgate Food Bank'`)[0];
		const res = await admin.get('/admin/organisations?q=Southgate');
		assert.equal(res.status, 200);
		const row = res.body.match(/<tr class="govuk-table__row">\s*<td[^>]*><a[^>]*>Southgate Food Bank<\/a>[\s\S]*?<\/tr>/);
		assert.ok(row, 'a row for Southgate Food Bank');
		assert.match(text(row[0]), active === '1' ? /Active/ : /Inactive/);
		assert.match(text(row[0]), accepting === '1' ? / Accepting/ : /Not accepting/);
		assert.match(text(row[0]), capacity === 'none' ? /No limit/ : new RegExp(`${capacity} open referrals`));
		const id = organisationId('Southgate Food Bank');
		assert.match(row[0], new RegExp(`href="${BASE_PATH}/admin/organisations/${id}"`));

		const paging = await admin.get('/admin/organisations?q=Paging+test+01');
		assert.match(text(paging.body), /Paging test 01 Inactive Not accepting 7 open referrals/);
		const unlimited = await admin.get('/admin/organisations?q=Paging+test+02');
		assert.match(text(unlimited.body), /Paging test 02 Active Accepting No limit/);
	});

	// issue 13: the staff page (/organisations/N/staff) is the one place memberships and roles
	// are managed; an administrator reaches it from here for any organisation.
	it('links each organisation, and its edit page, to its staff page, which an administrator may open', async () => {
		const id = organisationId('Southgate Food Bank');
		assert.equal(db(`SELECT COUNT(*) FROM staff_orgs so JOIN staff s ON s.id = so.staff_id WHERE s.username = 'admin' AND so.organisation_id = ${id}`).trim(), '0', 'admin is not a member');
		const list = await admin.get('/admin/organisations?q=Southgate');
		const row = list.body.match(/<tr class="govuk-table__row">\s*<td[^>]*><a[^>]*>Southgate Food Bank<\/a>[\s\S]*?<\/tr>/)[0];
		const link = row.match(new RegExp(`<a [^>]*href="${BASE_PATH}/organisations/${id}/staff"[^>]*>([\\s\\S]*?)</a>`));
		assert.ok(link, 'the row links to the staff page');
		assert.equal(text(link[1]).trim(), 'Staff and roles of Southgate Food Bank', 'named for the organisation (to a screen reader)');
		const edit = await admin.get(`/admin/organisations/${id}`);
		assert.match(edit.body, new RegExp(`<a [^>]*href="${BASE_PATH}/organisations/${id}/staff"[^>]*>Staff and their roles</a>`));
		const staffPage = await admin.get(`/organisations/${id}/staff`);
		assert.equal(staffPage.status, 200);
		assert.match(text(staffPage.body), /Southgate Food Bank Staff Staff send and receive referrals/, 'the organisation\'s staff page');
		assert.match(staffPage.body, /<table class="govuk-table" id="members">/);
	});

	it('searches by any part of the name, in any case', async () => {
		const res = await admin.get('/admin/organisations?q=' + encodeURIComponent('  food BANK '));
		assert.equal(res.status, 200);
		assert.match(mainText(res.body), /Southgate Food Bank/);
		assert.doesNotMatch(mainText(res.body), /Riverside Citizens Advice/);
		assert.equal(fieldValue(res.body, 'q'), 'food BANK', 'the search is kept in its box');
		const none = await admin.get('/admin/organisations?q=' + encodeURIComponent('no such place'));
		assert.equal(none.status, 200);
		assert.match(text(none.body), /No organisation’s name contains ‘no such place’/);
		// % and _ are letters to look for, not patterns
		assert.match(text((await admin.get('/admin/organisations?q=%25')).body), /No organisation’s name contains ‘%’/);
		assert.match(text((await admin.get('/admin/organisations?q=_')).body), /No organisation’s name contains ‘_’/);
	});

	it('shows 25 a page, with links to the next and previous pages', async () => {
		const first = await admin.get('/admin/organisations?q=Paging+test');
		const rowsOf = (html) => [...html.matchAll(/>(Paging test \d\d)<\/a>/g)].map((m) => m[1]);
		assert.equal(rowsOf(first.body).length, 25);
		assert.equal(rowsOf(first.body)[0], 'Paging test 01');
		assert.match(text(first.body), /Showing 1 to 25 of 30/);
		assert.match(text(first.body), /Page 1 of 2/);
		const next = first.body.match(/<a[^>]*href="([^"]*)"[^>]*rel="next"/);
		assert.ok(next, 'a link to the next page');
		assert.doesNotMatch(first.body, /rel="prev"/);
		const second = await admin.get(decodeEntities(next[1]).slice(BASE_PATH.length));
		assert.deepEqual(rowsOf(second.body), ['Paging test 26', 'Paging test 27', 'Paging test 28', 'Paging test 29', 'Paging test 30']);
		assert.match(text(second.body), /Showing 26 to 30 of 30/);
		assert.match(second.body, /rel="prev"/);
		assert.doesNotMatch(second.body, /rel="next"/);
		// a page beyond the last shows the last; nonsense shows the first
		assert.match(text((await admin.get('/admin/organisations?q=Paging+test&page=99')).body), /Showing 26 to 30 of 30/);
		assert.match(text((await admin.get('/admin/organisations?q=Paging+test&page=x')).body), /Showing 1 to 25 of 30/);
		// without a search, every organisation is counted
		const total = Number(db('SELECT COUNT(*) FROM organisations'));
		assert.match(text((await admin.get('/admin/organisations')).body), new RegExp(`Showing 1 to 25 of ${total}`));
	});
});

describe('adding an organisation', () => {
	it('offers active issues by position, the gender list and local authorities, with "all genders" chosen', async () => {
		const res = await admin.get('/admin/organisations/new');
		assert.equal(res.status, 200);
		const page = text(res.body);
		assert.match(page, /Add an organisation/);
		assert.ok(page.indexOf(ISSUES[0]) >= 0 && page.indexOf(ISSUES[0]) < page.indexOf(ISSUES[1]), 'issues in order');
		assert.ok(!page.includes(OLD_ISSUE), 'a deactivated issue is not offered');
		for (const g of ['Female', 'Male', 'Non-binary']) assert.match(page, new RegExp(g));
		for (const [name] of LAS) assert.ok(page.includes(name), name);
		assert.ok(isChecked(res.body, 'genders_all', 'all'));
		assert.ok(isChecked(res.body, 'active', '1'));
		assert.ok(isChecked(res.body, 'accepting', '1'));
		assert.match(res.body, /<textarea[^>]*id="groups"/);
	});

	it('saves every field normalised, with its lists and groups, and audits it', async () => {
		const mark = lastEvent();
		const csrf = await csrfOf(admin);
		const res = await admin.post('/admin/organisations', form(csrf));
		assert.equal(res.status, 303, text(res.body).slice(0, 400));
		const orgId = organisationId(`${PREFIX} Community Law Centre`);
		assert.equal(res.headers.location, `${BASE_PATH}/admin/organisations/${orgId}?done=created`);
		assert.deepEqual(stored(orgId), {
			name: `${PREFIX} Community Law Centre`,
			description: 'Free legal advice on benefits appeals.\\nOpen Tuesdays.',
			email: 'Help@law-centre.example.org',
			phone: '01632960123',
			address: '1 High Street|Town',
			website: 'https://law-centre.example.org',
			active: '1',
			accepting: '1',
			capacity: '12',
			minAge: '18',
			maxAge: 'none',
			allGenders: '0',
			allLas: '0',
			issues: [...ISSUES].sort(),
			genders: ['Female', 'Non-binary'],
			las: [LAS[0][0], LAS[1][0]],
			groups: ['cn=law-centre,ou=groups,dc=example,dc=org'],
		});
		const events = eventsSince(mark, orgId);
		const actions = events.map((e) => e[0]);
		assert.equal(actions[0], 'admin.organisation.create');
		assert.equal(events[0][2], `${PREFIX} Community Law Centre`);
		const adminId = id(`SELECT id FROM staff WHERE username = 'admin'`);
		assert.ok(events.every((e) => e[3] === adminId), 'recorded as the administrator');
		const byAction = Object.fromEntries(events.map(([a, o, n]) => [a, [o, n]]));
		assert.deepEqual(byAction['admin.organisation.capacity'], ['No limit', '12']);
		assert.deepEqual(byAction['admin.organisation.min_age'], ['No minimum', '18']);
		assert.deepEqual(byAction['admin.organisation.genders'], ['All genders', 'Female, Non-binary']);
		assert.deepEqual(byAction['admin.organisation.issues'], ['NULL', `Added: ${ISSUES.join(', ')}`]);
		assert.deepEqual(byAction['admin.organisation.directory_groups'], ['NULL', 'Added: cn=law-centre,ou=groups,dc=example,dc=org']);
		assert.ok(!actions.includes('admin.organisation.name'), 'the name is in the create row');
		assert.ok(!actions.includes('admin.organisation.active'), 'unchanged defaults are not recorded');

		const page = await admin.get(`/admin/organisations/${orgId}?done=created`);
		assert.match(text(page.body), /Organisation added/);
	});

	it('audits a long list by its first 20 names and how many more', async () => {
		const many = Array.from({ length: 22 }, (_, i) => [`${PREFIX} Many ${String(i + 1).padStart(2, '0')}`, `E0999${String(100 + i).padStart(4, '0')}`]);
		for (const [name, code] of many) db(`INSERT IGNORE INTO local_authorities (name, code) VALUES (${sqlString(name)}, '${code}')`);
		const csrf = await csrfOf(admin);
		const mark = lastEvent();
		const name = `${PREFIX} Many Places`;
		const res = await admin.post('/admin/organisations', form(csrf, { name, groups: '', las: many.map(([n]) => laId(n)) }));
		assert.equal(res.status, 303);
		const orgId = organisationId(name);
		assert.equal(stored(orgId).las.length, 22);
		const [row] = eventsSince(mark, orgId).filter((e) => e[0] === 'admin.organisation.local_authorities');
		const first20 = many.slice(0, 20).map(([n]) => n).join(', ');
		assert.deepEqual(row.slice(1, 3), ['NULL', `Added: ${first20} and 2 more`]);
	});

	it('shows names as text, never as markup', async () => {
		const name = `${PREFIX} <b>Bold</b> & "Quoted"`;
		const csrf = await csrfOf(admin);
		const res = await admin.post('/admin/organisations', form(csrf, { name, groups: '' }));
		assert.equal(res.status, 303);
		const list = await admin.get('/admin/organisations?q=' + encodeURIComponent('<b>'));
		assert.ok(list.body.includes('&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;Quoted&quot;') || list.body.includes('&lt;b&gt;Bold&lt;/b&gt; &amp; &#34;Quoted&#34;'), 'escaped in the list');
		assert.ok(!list.body.includes('<b>Bold</b>'));
		const page = await admin.get(`/admin/organisations/${organisationId(name)}`);
		assert.equal(fieldValue(page.body, 'name'), name);
		assert.ok(!page.body.includes('<b>Bold</b>'));
	});
});

describe('editing an organisation', () => {
	let orgId;
	before(async () => {
		deleteOrganisations(`name = '${PREFIX} Edited'`);
		const csrf = await csrfOf(admin);
		const res = await admin.post('/admin/organisations', form(csrf, { name: `${PREFIX} Edited`, groups: '' }));
		assert.equal(res.status, 303);
		orgId = organisationId(`${PREFIX} Edited`);
	});

	it('shows the stored values, its lists ticked and its open referrals', async () => {
		const res = await admin.get(`/admin/organisations/${orgId}`);
		assert.equal(res.status, 200);
		assert.equal(fieldValue(res.body, 'name'), `${PREFIX} Edited`);
		assert.equal(fieldValue(res.body, 'contact_email'), 'Help@law-centre.example.org');
		assert.equal(fieldValue(res.body, 'capacity'), '12');
		assert.equal(fieldValue(res.body, 'min_age'), '18');
		assert.equal(fieldValue(res.body, 'max_age'), '');
		assert.equal(fieldValue(res.body, 'address'), '1 High Street\nTown');
		assert.ok(isChecked(res.body, 'issues', issueId(ISSUES[0])));
		assert.ok(isChecked(res.body, 'genders_all', 'some'));
		assert.ok(isChecked(res.body, 'genders', genderId('Female')));
		assert.ok(!isChecked(res.body, 'genders', genderId('Male')));
		assert.ok(isChecked(res.body, 'las_all', 'some'));
		assert.ok(isChecked(res.body, 'las', laId(LAS[0][0])));
		assert.ok(!isChecked(res.body, 'las', laId(LAS[2][0])));
		// the referrals table comes with the referral journey: until then nothing is open
		assert.match(text(res.body), /0 open referrals/);
		assert.match(res.body, new RegExp(`action="${BASE_PATH}/admin/organisations/${orgId}"`));
	});

	it('asks where an organisation that covers no local authority works, choosing neither for the administrator', async () => {
		const name = `${PREFIX} Unconfigured`;
		db(`INSERT IGNORE INTO organisations (name) VALUES (${sqlString(name)})`);
		const res = await admin.get(`/admin/organisations/${organisationId(name)}`);
		assert.equal(res.status, 200);
		assert.ok(!isChecked(res.body, 'las_all', 'all') && !isChecked(res.body, 'las_all', 'some'));
		assert.ok(isChecked(res.body, 'genders_all', 'all'));
	});

	it('saving without a change writes no audit row', async () => {
		const mark = lastEvent();
		const csrf = await csrfOf(admin);
		const res = await admin.post(`/admin/organisations/${orgId}`, form(csrf, { name: `${PREFIX} Edited`, groups: '' }));
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `${BASE_PATH}/admin/organisations/${orgId}?done=saved`);
		assert.deepEqual(eventsSince(mark, orgId), []);
	});

	it('saves changes with one audit row per changed field: old and new, names added and removed', async () => {
		const mark = lastEvent();
		const csrf = await csrfOf(admin, `/admin/organisations/${orgId}`);
		const res = await admin.post(
			`/admin/organisations/${orgId}`,
			form(csrf, {
				name: `${PREFIX} Edited Again`,
				contact_phone: '',
				accepting: '0',
				capacity: '',
				issues: [issueId(ISSUES[1])],
				min_age: '16',
				max_age: '25',
				genders_all: 'all',
				las: [laId(LAS[1][0]), laId(LAS[2][0])],
				groups: 'cn=edited,ou=groups,dc=example,dc=org',
			}),
		);
		assert.equal(res.status, 303, text(res.body).slice(0, 400));
		const now = stored(orgId);
		assert.equal(now.name, `${PREFIX} Edited Again`);
		assert.equal(now.phone, '');
		assert.equal(now.accepting, '0');
		assert.equal(now.capacity, 'none');
		assert.deepEqual([now.minAge, now.maxAge], ['16', '25']);
		assert.deepEqual(now.issues, [ISSUES[1]]);
		assert.equal(now.allGenders, '1');
		assert.deepEqual(now.genders, [], 'all genders keeps no list');
		assert.deepEqual(now.las, [LAS[1][0], LAS[2][0]]);
		assert.deepEqual(now.groups, ['cn=edited,ou=groups,dc=example,dc=org']);
		assert.deepEqual(
			eventsSince(mark, orgId).map((e) => e.slice(0, 3)),
			[
				['admin.organisation.name', `${PREFIX} Edited`, `${PREFIX} Edited Again`],
				['admin.organisation.contact_phone', '01632960123', 'NULL'],
				['admin.organisation.accepting', 'Accepting referrals', 'Not accepting referrals'],
				['admin.organisation.capacity', '12', 'No limit'],
				['admin.organisation.issues', `Removed: ${ISSUES[0]}`, 'NULL'],
				['admin.organisation.min_age', '18', '16'],
				['admin.organisation.max_age', 'No maximum', '25'],
				['admin.organisation.genders', 'Female, Non-binary', 'All genders'],
				['admin.organisation.local_authorities', `Removed: ${LAS[0][0]}`, `Added: ${LAS[2][0]}`],
				['admin.organisation.directory_groups', 'NULL', 'Added: cn=edited,ou=groups,dc=example,dc=org'],
			],
		);
		const page = await admin.get(`/admin/organisations/${orgId}?done=saved`);
		assert.match(text(page.body), /Changes saved/);
		assert.ok(isChecked(page.body, 'accepting', '0'));
	});

	it('covers all local authorities without a list, and a retired issue it handles stays offered', async () => {
		db(`INSERT IGNORE INTO organisation_issues (organisation_id, issue_id) VALUES (${orgId}, ${issueId(OLD_ISSUE)})`);
		const page = await admin.get(`/admin/organisations/${orgId}`);
		assert.ok(isChecked(page.body, 'issues', issueId(OLD_ISSUE)), 'the deactivated issue it still has is shown ticked');
		assert.match(text(page.body), /No longer offered/);
		const mark = lastEvent();
		const csrf = csrfFrom(page.body);
		const res = await admin.post(`/admin/organisations/${orgId}`, form(csrf, { name: `${PREFIX} Edited Again`, las_all: 'all', las: [] , issues: [issueId(ISSUES[1])], accepting: '0', capacity: '', min_age: '16', max_age: '25', genders_all: 'all', contact_phone: '', groups: 'cn=edited,ou=groups,dc=example,dc=org' }));
		assert.equal(res.status, 303);
		const now = stored(orgId);
		assert.equal(now.allLas, '1');
		assert.deepEqual(now.las, []);
		assert.deepEqual(now.issues, [ISSUES[1]]);
		assert.deepEqual(
			eventsSince(mark, orgId).map((e) => e.slice(0, 3)),
			[
				['admin.organisation.issues', `Removed: ${OLD_ISSUE}`, 'NULL'],
				['admin.organisation.local_authorities', `${LAS[1][0]}, ${LAS[2][0]}`, 'All local authorities'],
			],
		);
	});
});

describe('what the form refuses', () => {
	let orgId;
	let csrf;
	before(async () => {
		orgId = organisationId('Southgate Food Bank');
		csrf = await csrfOf(admin, `/admin/organisations/${orgId}`);
	});

	// Posts the form with overrides to a new and to an existing organisation; each must come
	// back 400 with message beside field, the typed values kept, and nothing written.
	async function refused(overrides, field, message, kept = overrides) {
		for (const target of ['/admin/organisations', `/admin/organisations/${orgId}`]) {
			const before = snapshot();
			const res = await admin.post(target, form(csrf, { name: `${PREFIX} Refused`, ...overrides }));
			assert.equal(res.status, 400, `${target} ${JSON.stringify(overrides)}: status`);
			assert.equal(snapshot(), before, `${target}: nothing written`);
			const errorOf = res.body.match(new RegExp(`<p id="${field}-error"[^>]*>([\\s\\S]*?)</p>`));
			assert.ok(errorOf, `${target}: an error beside ${field}`);
			assert.ok(text(errorOf[1]).includes(message), `${target}: ${text(errorOf[1])} says ${message}`);
			assert.match(res.body, new RegExp(`<a href="#${field}">`), 'the summary links to the field');
			assert.match(res.body, /<title>Error: /);
			for (const [name, value] of Object.entries(kept)) {
				if (typeof value === 'string' && !['genders_all', 'las_all', 'active', 'accepting'].includes(name)) {
					assert.equal(fieldValue(res.body, name), value.trim(), `${target}: ${name} kept`);
				}
			}
			// what else was typed stays too
			assert.equal(fieldValue(res.body, 'contact_email'), overrides.contact_email?.trim() ?? 'Help@Law-Centre.EXAMPLE.org');
			assert.ok(isChecked(res.body, 'issues', issueId(ISSUES[1])), 'ticked issues stay ticked');
			assert.ok(isChecked(res.body, 'las', laId(LAS[1][0])) || overrides.las !== undefined, 'ticked local authorities stay ticked');
			assert.ok(!isChecked(res.body, 'las', laId(LAS[2][0])), 'unticked ones stay unticked');
		}
	}

	it('a name is required, at most 200 characters, on one line', async () => {
		await refused({ name: '   ' }, 'name', 'Enter the organisation’s name', {});
		await refused({ name: 'x'.repeat(201) }, 'name', 'Name must be 200 characters or fewer');
		await refused({ name: 'Two\u0007bells' }, 'name', 'Name must be on one line');
	});

	it('a name another organisation has, in any case, is refused naming it', async () => {
		await refused({ name: 'riverside citizens ADVICE' }, 'name', 'There is already an organisation called ‘Riverside Citizens Advice’');
		// an organisation's own name in another case is only a change of case
		const name = `${PREFIX} Case Change`;
		deleteOrganisations(`name = ${sqlString(name)}`);
		assert.equal((await admin.post('/admin/organisations', form(csrf, { name }))).status, 303);
		const caseId = organisationId(name);
		const mark = lastEvent();
		const own = await admin.post(`/admin/organisations/${caseId}`, form(csrf, { name: name.toUpperCase() }));
		assert.equal(own.status, 303);
		assert.equal(stored(caseId).name, name.toUpperCase());
		assert.deepEqual(eventsSince(mark, caseId).map((e) => e.slice(0, 3)), [['admin.organisation.name', name, name.toUpperCase()]]);
	});

	it('description at most 500 characters (issue 13); address and description without control characters', async () => {
		await refused({ description: 'd'.repeat(501) }, 'description', 'Description must be 500 characters or fewer');
		await refused({ address: 'a\u0001b' }, 'address', 'Address must not contain special characters');
	});

	it('email, phone and website must be real ones', async () => {
		await refused({ contact_email: 'not an email' }, 'contact_email', 'Enter an email address in the correct format');
		await refused({ contact_phone: '12345' }, 'contact_phone', 'Enter a phone number, like');
		await refused({ contact_phone: '+33 1 23 45 67 89' }, 'contact_phone', 'Enter a UK phone number');
		await refused({ website: 'www.example.org' }, 'website', 'Enter a website address starting https:// or http://');
		await refused({ website: 'javascript:alert(1)' }, 'website', 'starting https:// or http://');
		await refused({ website: 'https://' }, 'website', 'starting https:// or http://');
	});

	it('capacity is blank or a whole number from 1 to 100000', async () => {
		await refused({ capacity: 'ten' }, 'capacity', 'Capacity must be a whole number');
		await refused({ capacity: '2.5' }, 'capacity', 'Capacity must be a whole number');
		await refused({ capacity: '0' }, 'capacity', 'Capacity must be 1 or more');
		await refused({ capacity: '100001' }, 'capacity', 'Capacity must be 100000 or less');
	});

	it('ages are blank or 0 to 130, the minimum not above the maximum', async () => {
		await refused({ min_age: '131' }, 'min_age', 'Minimum age must be 130 or less');
		await refused({ max_age: '-1' }, 'max_age', 'Maximum age must be a whole number');
		await refused({ min_age: 'adult' }, 'min_age', 'Minimum age must be a whole number');
		await refused({ min_age: '18', max_age: '17' }, 'min_age', 'Minimum age must be the same as or less than the maximum age (17)');
	});

	it('genders and local authorities: all, or at least one chosen', async () => {
		await refused({ genders_all: 'some', genders: [] }, 'genders', 'Choose at least one gender');
		await refused({ genders_all: undefined }, 'genders_all', 'Choose whether the organisation accepts all genders');
		await refused({ las_all: 'some', las: [] }, 'las', 'Choose at least one local authority');
		await refused({ las_all: 'nonsense' }, 'las_all', 'Choose whether the organisation covers all local authorities');
	});

	it('only issues, genders and local authorities from the lists', async () => {
		await refused({ issues: [issueId(ISSUES[1]), issueId(OLD_ISSUE)] }, 'issues', 'Choose issues from the list', {});
		await refused({ issues: [issueId(ISSUES[1]), 'abc'] }, 'issues', 'Choose issues from the list', {});
		await refused({ las: [laId(LAS[1][0]), '999999999'] }, 'las', 'Choose local authorities from the list', {});
	});

	it('active and accepting are yes or no', async () => {
		await refused({ active: undefined }, 'active', 'Choose whether the organisation is active');
		await refused({ accepting: 'maybe' }, 'accepting', 'Choose whether the organisation is accepting referrals');
	});

	it('each directory group must look like a DN', async () => {
		await refused({ groups: 'cn=good,ou=groups,dc=example,dc=org\nfoodbank' }, 'groups', 'line 2 is not one');
		await refused({ groups: 'ou=groups,dc=example,dc=org' }, 'groups', 'Enter each directory group as a distinguished name');
		await refused({ groups: 'cn=only' }, 'groups', 'distinguished name');
		await refused({ groups: 'cn=x,,dc=org' }, 'groups', 'distinguished name');
		await refused({ groups: 'cn=café,dc=org' }, 'groups', 'distinguished name');
	});
});

describe('deactivating an organisation', () => {
	const THERAPIES = 'Eastbrook NHS Talking Therapies';
	const COUNCIL = 'Northfield Council Housing Options';

	function switcherOptions(html) {
		const select = html.match(/<select\b[^>]*name="organisation_id"[^>]*>([\s\S]*?)<\/select>/);
		return select ? [...select[1].matchAll(/<option\b[^>]*>([^<]*)</g)].map((m) => decodeEntities(m[1]).trim()) : [];
	}

	async function setActive(orgId, active) {
		const page = await admin.get(`/admin/organisations/${orgId}`);
		assert.equal(page.status, 200);
		// the stored form as the browser would send it, with only the status changed
		const fields = [];
		for (const tag of page.body.match(/<(input|textarea)\b[^>]*>(?:[^<]*<\/textarea>)?/g) || []) {
			const name = (tag.match(/\sname="([^"]*)"/) || [])[1];
			if (!name || name === 'q' || name === 'organisation_id') continue;
			const type = (tag.match(/\stype="([^"]*)"/) || [])[1];
			if (tag.startsWith('<textarea')) fields.push([name, decodeEntities(tag.replace(/^<textarea[^>]*>|<\/textarea>$/g, ''))]);
			else if (type === 'checkbox' || type === 'radio') {
				if (/\schecked\b/.test(tag)) fields.push([name, decodeEntities(tag.match(/\svalue="([^"]*)"/)[1])]);
			} else fields.push([name, decodeEntities((tag.match(/\svalue="([^"]*)"/) || [, ''])[1])]);
		}
		const sent = fields.filter(([n]) => n !== 'active').concat([['active', active ? '1' : '0']]);
		const form = sent.filter(([n]) => n !== 'next');
		const res = await admin.post(`/admin/organisations/${orgId}`, form);
		assert.equal(res.status, 303, text(res.body).slice(0, 500));
	}

	let therapies;
	let coveredNowhere;
	before(() => {
		therapies = organisationId(THERAPIES);
		// an organisation covering no local authority cannot be saved as it is: give it all of
		// them for this test when the demo data has none for it
		coveredNowhere = db(`SELECT all_local_authorities = 0 AND NOT EXISTS (SELECT 1 FROM organisation_local_authorities WHERE organisation_id = ${therapies}) FROM organisations WHERE id = ${therapies}`).trim() === '1';
		if (coveredNowhere) db(`UPDATE organisations SET all_local_authorities = 1 WHERE id = ${therapies}`);
	});
	after(() => {
		if (coveredNowhere) db(`UPDATE organisations SET all_local_authorities = 0 WHERE id = ${therapies}`);
	});

	it('leaves its staff and groups alone but takes it off their organisation switcher until reactivated', async () => {
		let ben = await signedIn('ben');
		assert.deepEqual(switcherOptions((await ben.get('/')).body).sort(), [COUNCIL, THERAPIES].sort(), 'ben starts with both');
		const memberships = db(`SELECT staff_id, source, group_dn FROM staff_orgs WHERE organisation_id = ${therapies} ORDER BY staff_id, source`);
		const groups = db(`SELECT group_dn FROM directory_groups WHERE organisation_id = ${therapies} ORDER BY group_dn`);
		const mark = lastEvent();

		await setActive(therapies, false);
		assert.equal(db(`SELECT active FROM organisations WHERE id = ${therapies}`).trim(), '0');
		assert.deepEqual(eventsSince(mark, therapies).map((e) => e.slice(0, 3)), [['admin.organisation.active', 'Active', 'Inactive']], 'only the active flag changed');
		assert.equal(db(`SELECT staff_id, source, group_dn FROM staff_orgs WHERE organisation_id = ${therapies} ORDER BY staff_id, source`), memberships, 'staff memberships stay');
		assert.equal(db(`SELECT group_dn FROM directory_groups WHERE organisation_id = ${therapies} ORDER BY group_dn`), groups, 'directory groups stay');

		ben = await signedIn('ben');
		const home = await ben.get('/');
		assert.deepEqual(switcherOptions(home.body), [], 'one organisation left: no switcher');
		assert.match(text(home.body), new RegExp(COUNCIL));
		assert.doesNotMatch(text(home.body), new RegExp(THERAPIES));
		const list = await admin.get('/admin/organisations?q=Eastbrook');
		assert.match(text(list.body), /Eastbrook NHS Talking Therapies Inactive/);

		await setActive(therapies, true);
		ben = await signedIn('ben');
		assert.deepEqual(switcherOptions((await ben.get('/')).body).sort(), [COUNCIL, THERAPIES].sort(), 'both again');
	});
});

describe('directory groups mapped to an organisation', () => {
	it('make a member of the group staff at their next sign-in, and unmapping takes them off at once', async () => {
		const name = `${PREFIX} Foodbank Partner`;
		const csrf = await csrfOf(admin);
		// tom is signed in before the group is mapped: his open session gets it at once too
		const tom = await signedIn('tom');
		const res = await admin.post('/admin/organisations', form(csrf, { name, groups: 'cn=foodbank, ou=groups, dc=example, dc=org' }));
		assert.equal(res.status, 303, text(res.body).slice(0, 400));
		const orgId = organisationId(name);
		assert.deepEqual(stored(orgId).groups, [FOODBANK_GROUP]);
		// the same group still makes them staff of the food bank too
		assert.equal(db(`SELECT COUNT(*) FROM directory_groups WHERE group_dn = '${FOODBANK_GROUP}'`).trim(), '2');

		const tina = await signedIn('tina');
		const home = await tina.get('/');
		const options = [...(home.body.match(/<select\b[^>]*name="organisation_id"[^>]*>([\s\S]*?)<\/select>/) || ['', ''])[1].matchAll(/<option\b[^>]*>([^<]*)</g)].map((m) => decodeEntities(m[1]).trim());
		assert.deepEqual(options.sort(), [name, 'Southgate Food Bank'].sort(), 'tina now has both organisations');
		assert.match(text((await tom.get('/')).body), new RegExp(name), 'so has tom, without signing in again');
		assert.deepEqual(dbRows(`SELECT so.source, so.group_dn FROM staff_orgs so JOIN staff s ON s.id = so.staff_id WHERE s.username = 'tina' AND so.organisation_id = ${orgId}`), [['directory', FOODBANK_GROUP]]);

		const edit = await admin.post(`/admin/organisations/${orgId}`, form(csrf, { name, groups: '' }));
		assert.equal(edit.status, 303);
		assert.deepEqual(stored(orgId).groups, []);
		assert.equal(db(`SELECT COUNT(*) FROM staff_orgs WHERE organisation_id = ${orgId}`).trim(), '0', 'members of the removed group are staff no longer');
		const after = await tina.get('/');
		assert.doesNotMatch(text(after.body), new RegExp(name));
		assert.equal(db(`SELECT COUNT(*) FROM directory_groups WHERE group_dn = '${FOODBANK_GROUP}'`).trim(), '1', 'the food bank keeps its group');
	});
});
