// Staff administration: the list (search, paging, memberships with their source, administrator
// flag, status, last sign-in in local time), one person's page, manual memberships added and
// removed (and what that does to the person's organisations at once), deactivation (sessions
// end, sign-in refused) and reactivation; who may use each route; the audit rows of each change.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	Browser, BASE_PATH, db, dbRows, signedIn, csrfFrom, organisationId, text, snippet, attr, resetThrottle,
	activeOrganisation, sqlString,
} from './lib.mjs';

const RIVERSIDE = 'Riverside Citizens Advice';
const SOUTHGATE = 'Southgate Food Bank';
const NORTHFIELD = 'Northfield Council Housing Options';
const EASTBROOK = 'Eastbrook NHS Talking Therapies';
const ALL = [RIVERSIDE, NORTHFIELD, EASTBROOK, SOUTHGATE];
const RIVERSIDE_DN = 'cn=riverside-advice,ou=groups,dc=example,dc=org';
const FILLER = 'zz-staff-test-';

function staffId(username) {
	const rows = dbRows(`SELECT id FROM staff WHERE username = ${sqlString(username)}`);
	assert.equal(rows.length, 1, `one staff row for ${username}`);
	return rows[0][0];
}

function manualRows(username) {
	return dbRows(
		`SELECT o.name FROM staff_orgs so JOIN staff s ON s.id = so.staff_id JOIN organisations o ON o.id = so.organisation_id
		 WHERE s.username = ${sqlString(username)} AND so.source = 'manual' ORDER BY o.name`,
	).map(([name]) => name);
}

function lastEvent(action) {
	const rows = dbRows(
		`SELECT e.id, e.staff_id, e.organisation_id, e.subject_type, e.subject_id, COALESCE(e.old_value, 'NULL'),
		 COALESCE(e.new_value, 'NULL'), COALESCE(e.detail, 'NULL'), COALESCE(e.remote_addr, 'NULL')
		 FROM events e WHERE e.action = ${sqlString(action)} ORDER BY e.id DESC LIMIT 1`,
	);
	if (rows.length === 0) return undefined;
	const [id, staff, org, subjectType, subjectId, oldValue, newValue, detail, addr] = rows[0];
	return { id: Number(id), staff, org, subjectType, subjectId, oldValue, newValue, detail, addr };
}

function eventCount(action) {
	return Number(db(`SELECT COUNT(*) FROM events WHERE action = ${sqlString(action)}`));
}

// "23 November 2026 at 7:45pm" for a UTC DATETIME from the database, in Europe/London.
function londonTime(utc) {
	const when = new Date(utc.replace(' ', 'T') + 'Z');
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: false,
		}).formatToParts(when).map((p) => [p.type, p.value]),
	);
	const hour = Number(parts.hour) % 24;
	const minute = parts.minute;
	let clock;
	if (hour === 0 && minute === '00') clock = 'midnight';
	else if (hour === 12 && minute === '00') clock = 'midday';
	else clock = `${hour % 12 === 0 ? 12 : hour % 12}:${minute}${hour < 12 ? 'am' : 'pm'}`;
	return `${parts.day} ${parts.month} ${parts.year} at ${clock}`;
}

// The options of a select on a page: [{ value, text, selected }].
function options(html, name) {
	const select = html.match(new RegExp(`<select\\b[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`));
	assert.ok(select, `a select named ${name}`);
	return [...select[1].matchAll(/<option\b([^>]*)>([^<]*)/g)].map(([, attrs, label]) => ({
		value: attr('<x' + attrs + '>', 'value'),
		text: text(label).trim(),
		selected: /\sselected\b/.test(attrs),
	}));
}

let admin; // signed in as the administrator for the whole file
let adminCsrf;
const ids = {};

async function post(path, fields = {}, browser = admin) {
	return browser.post(path, { csrf: browser === admin ? adminCsrf : csrfFrom((await browser.get('/')).body), ...fields });
}

function cleanUp() {
	db(`DELETE so FROM staff_orgs so JOIN staff s ON s.id = so.staff_id WHERE s.username IN ('amira', 'ben', 'chloe') AND so.source = 'manual'`);
	db(`UPDATE staff SET active = 1 WHERE username IN ('amira', 'ben', 'chloe', 'admin')`);
	db(`DELETE FROM staff WHERE username LIKE '${FILLER}%'`);
	resetThrottle();
}

before(async () => {
	cleanUp();
	// staff rows exist once people have signed in
	for (const name of ['amira', 'ben', 'chloe']) await signedIn(name);
	admin = await signedIn('admin');
	adminCsrf = csrfFrom((await admin.get('/')).body);
	for (const name of ['amira', 'ben', 'chloe', 'admin']) ids[name] = staffId(name);
	for (const name of ALL) ids[name] = organisationId(name);
});

after(cleanUp);

describe('who may use the staff pages', () => {
	const gets = () => ['/admin/staff', `/admin/staff/${ids.amira}`];
	const posts = () => [
		[`/admin/staff/${ids.amira}/memberships`, { organisation_id: ids[SOUTHGATE] }],
		[`/admin/staff/${ids.amira}/memberships/${ids[SOUTHGATE]}/remove`, {}],
		[`/admin/staff/${ids.chloe}/deactivate`, {}],
		[`/admin/staff/${ids.chloe}/reactivate`, {}],
	];

	it('shows every page to the administrator', async () => {
		for (const path of gets()) {
			const res = await admin.get(path);
			assert.equal(res.status, 200, `${path}: ${snippet(res.body)}`);
			assert.match(res.headers['cache-control'] || '', /no-store/, `${path} is not stored`);
		}
	});

	it('refuses staff who are not administrators (403), changing nothing', async () => {
		const amira = await signedIn('amira');
		for (const path of gets()) assert.equal((await amira.get(path)).status, 403, path);
		for (const [path, fields] of posts()) {
			const res = await post(path, fields, amira);
			assert.equal(res.status, 403, `${path}: ${snippet(res.body)}`);
		}
		assert.deepEqual(manualRows('amira'), []);
		assert.deepEqual(dbRows(`SELECT active FROM staff WHERE id = ${ids.chloe}`), [['1']]);
	});

	it('sends signed-out visitors to sign in, for GET and POST', async () => {
		const nobody = new Browser();
		for (const path of gets()) {
			const res = await nobody.get(path);
			assert.equal(res.status, 303, path);
			assert.ok(res.location.startsWith(`${BASE_PATH}/signin?next=`), `${path} → ${res.location}`);
		}
		for (const [path, fields] of posts()) {
			const res = await nobody.post(path, fields);
			assert.equal(res.status, 303, path);
			assert.ok(res.location.startsWith(`${BASE_PATH}/signin`), `${path} → ${res.location}`);
		}
		assert.deepEqual(manualRows('amira'), []);
	});

	it('refuses a POST without the form token (403), changing nothing', async () => {
		for (const [path, fields] of posts()) {
			const res = await admin.post(path, fields);
			assert.equal(res.status, 403, `${path}: ${snippet(res.body)}`);
		}
		const wrong = await admin.post(`/admin/staff/${ids.chloe}/deactivate`, { csrf: 'f'.repeat(64) });
		assert.equal(wrong.status, 403);
		assert.deepEqual(manualRows('amira'), []);
		assert.deepEqual(dbRows(`SELECT active FROM staff WHERE id = ${ids.chloe}`), [['1']]);
	});

	it('answers 404 for a staff member who does not exist', async () => {
		assert.equal((await admin.get('/admin/staff/999999999')).status, 404);
		assert.equal((await post('/admin/staff/999999999/memberships', { organisation_id: ids[SOUTHGATE] })).status, 404);
		assert.equal((await post('/admin/staff/999999999/deactivate')).status, 404);
		assert.equal((await post('/admin/staff/999999999/reactivate')).status, 404);
		assert.equal((await post(`/admin/staff/999999999/memberships/${ids[SOUTHGATE]}/remove`)).status, 404);
	});
});

describe('the staff list', () => {
	it('lists everyone who has signed in with organisations, source, administrator flag, status and last sign-in', async () => {
		const res = await admin.get('/admin/staff');
		assert.equal(res.status, 200);
		const rows = res.body.match(/<tr class="govuk-table__row">[\s\S]*?<\/tr>/g).map(text);
		const row = (name) => rows.find((r) => r.includes(name)) || assert.fail(`a row for ${name}`);
		assert.match(row('Amira Khan'), /amira/);
		assert.match(row('Amira Khan'), new RegExp(`${RIVERSIDE}: directory group`));
		assert.match(row('Ben Okafor'), new RegExp(`${EASTBROOK}: directory group`));
		assert.match(row('Ben Okafor'), new RegExp(`${NORTHFIELD}: directory group`));
		assert.match(row('Sam Admin'), / Yes /, 'the administrator is flagged');
		assert.match(row('Amira Khan'), / No /);
		assert.match(row('Amira Khan'), /Active/);
		const [[last]] = dbRows(`SELECT last_signin_at FROM staff WHERE id = ${ids.amira}`);
		assert.ok(row('Amira Khan').includes(londonTime(last)), `last sign-in in London time (${londonTime(last)}): ${row('Amira Khan')}`);
		assert.match(londonTime(last), /^\d{1,2} [A-Z][a-z]+ \d{4} at (\d{1,2}:\d\d[ap]m|midnight|midday)$/);
		// each name links to the person's page
		assert.match(res.body, new RegExp(`href="${BASE_PATH}/admin/staff/${ids.amira}"`));
	});

	it('shows the time in the configured zone, including across a clock change', async () => {
		const [[saved]] = dbRows(`SELECT last_signin_at FROM staff WHERE id = ${ids.chloe}`);
		try {
			db(`UPDATE staff SET last_signin_at = '2026-07-01 18:45:00' WHERE id = ${ids.chloe}`);
			assert.match(text((await admin.get('/admin/staff?q=chloe')).body), /1 July 2026 at 7:45pm/, 'BST is UTC+1');
			db(`UPDATE staff SET last_signin_at = '2026-12-01 12:00:00' WHERE id = ${ids.chloe}`);
			assert.match(text((await admin.get('/admin/staff?q=chloe')).body), /1 December 2026 at midday/, 'GMT is UTC');
		} finally {
			db(`UPDATE staff SET last_signin_at = ${sqlString(saved)} WHERE id = ${ids.chloe}`);
		}
	});

	it('searches by name or username', async () => {
		const byUser = text((await admin.get('/admin/staff?q=amira')).body);
		assert.match(byUser, /Amira Khan/);
		assert.doesNotMatch(byUser, /Ben Okafor/);
		const byName = text((await admin.get('/admin/staff?q=' + encodeURIComponent('okaf'))).body);
		assert.match(byName, /Ben Okafor/);
		assert.doesNotMatch(byName, /Amira Khan/);
		assert.match(byName, /1 person matching ‘okaf’/);
		const none = await admin.get('/admin/staff?q=nobody-is-called-this');
		assert.equal(none.status, 200);
		assert.match(text(none.body), /Nobody’s name or username contains ‘nobody-is-called-this’/);
		// wildcards are taken literally
		assert.match(text((await admin.get('/admin/staff?q=%25')).body), /Nobody’s name or username contains ‘%’/);
		assert.match(text((await admin.get('/admin/staff?q=_')).body), /Nobody’s name or username contains ‘_’/);
		// the search stays in the box
		assert.match((await admin.get('/admin/staff?q=okaf')).body, /<input[^>]*id="q"[^>]*value="okaf"/);
	});

	it('refuses a search that is too long, keeping it', async () => {
		const long = 'x'.repeat(101);
		const res = await admin.get('/admin/staff?q=' + long);
		assert.equal(res.status, 400);
		assert.match(text(res.body), /Search must be 100 characters or fewer/);
		assert.match(res.body, new RegExp(`<input[^>]*id="q"[^>]*value="${long}"`));
	});

	it('pages 25 at a time, with a bounded page number', async () => {
		const values = [];
		for (let i = 0; i < 60; i++) {
			const n = String(i).padStart(2, '0');
			values.push(`('${FILLER}${n}', 'Zz Filler ${n}', '2026-01-01 10:00:00')`);
		}
		db(`INSERT INTO staff (username, display_name, last_signin_at) VALUES ${values.join(', ')}`);
		try {
			const names = (html) => [...text(html).matchAll(/Zz Filler (\d\d)/g)].map((m) => m[1]);
			const first = await admin.get(`/admin/staff?q=${FILLER}`);
			assert.equal(first.status, 200);
			assert.match(text(first.body), /60 people matching/);
			assert.match(text(first.body), /page 1 of 3/);
			assert.deepEqual(names(first.body), Array.from({ length: 25 }, (_, i) => String(i).padStart(2, '0')));
			assert.match(first.body, new RegExp(`href="${BASE_PATH}/admin/staff\\?q=${FILLER}&amp;page=2"`), 'the next page keeps the search');
			const third = await admin.get(`/admin/staff?q=${FILLER}&page=3`);
			assert.deepEqual(names(third.body), Array.from({ length: 10 }, (_, i) => String(50 + i)));
			assert.match(third.body, /aria-current="page"[^>]*>3</);
			// beyond the last page (or absurdly far): the last page
			for (const page of ['4', '999999', '99999999999999999999']) {
				const res = await admin.get(`/admin/staff?q=${FILLER}&page=${page}`);
				assert.equal(res.status, 200, page);
				assert.deepEqual(names(res.body), names(third.body), `page=${page} shows the last page`);
			}
			for (const page of ['0', '-1', 'abc']) {
				const res = await admin.get(`/admin/staff?q=${FILLER}&page=${page}`);
				assert.equal(res.status, 200, page);
				assert.deepEqual(names(res.body), names(first.body), `page=${page} shows the first page`);
			}
		} finally {
			db(`DELETE FROM staff WHERE username LIKE '${FILLER}%'`);
		}
	});
});

describe('one staff member', () => {
	it('shows details, memberships with their source and group, and that the administrator flag comes from the directory', async () => {
		const res = await admin.get(`/admin/staff/${ids.amira}`);
		assert.equal(res.status, 200);
		const page = text(res.body);
		assert.match(page, /Amira Khan/);
		assert.ok(page.includes(RIVERSIDE_DN), 'the directory group of the membership is shown');
		assert.match(page, /Directory group/);
		assert.match(page, /cannot be changed here/, 'the administrator flag is explained');
		assert.doesNotMatch(res.body, /\/remove"/, 'no remove button for a directory membership');
		assert.match(res.body, new RegExp(`href="${BASE_PATH}/admin/audit\\?subject_type=staff&amp;subject_id=${ids.amira}"`));
		// the choices are the active organisations she is not manually in
		const choices = options(res.body, 'organisation_id').map((o) => o.text);
		const active = dbRows(`SELECT name FROM organisations WHERE active = 1`).map(([name]) => name);
		assert.equal(choices[0], 'Choose an organisation');
		assert.deepEqual(choices.slice(1).sort(), active.sort());
	});

	it('offers no deactivate button to administrators on their own page', async () => {
		const res = await admin.get(`/admin/staff/${ids.admin}`);
		assert.doesNotMatch(res.body, /\/deactivate"/);
		assert.match(text(res.body), /You cannot deactivate it yourself/);
	});
});

describe('manual memberships', () => {
	it('refuses an empty or unknown organisation, keeping the choice, writing nothing', async () => {
		const before = eventCount('admin.staff.add_membership');
		const empty = await post(`/admin/staff/${ids.amira}/memberships`, { organisation_id: '' });
		assert.equal(empty.status, 400);
		assert.match(text(empty.body), /There is a problem/);
		assert.match(text(empty.body), /Choose the organisation to add them to/);
		assert.match(empty.body, /href="#organisation_id"/);

		const junk = await post(`/admin/staff/${ids.amira}/memberships`, { organisation_id: 'abc' });
		assert.equal(junk.status, 400);
		assert.match(text(junk.body), /Choose an organisation from the list/);

		const inactiveId = db(`INSERT INTO organisations (name, active) VALUES ('Zz Closed Test Org', 0); SELECT LAST_INSERT_ID()`).trim();
		try {
			for (const id of [inactiveId, '999999999']) {
				const res = await post(`/admin/staff/${ids.amira}/memberships`, { organisation_id: id });
				assert.equal(res.status, 400, id);
				assert.match(text(res.body), /Choose an active organisation from the list/);
			}
		} finally {
			db(`DELETE FROM organisations WHERE id = ${inactiveId}`);
		}
		assert.deepEqual(manualRows('amira'), []);
		assert.equal(eventCount('admin.staff.add_membership'), before);
	});

	it('adds amira to Southgate Food Bank: her open session gets the switcher at once, and it is audited', async () => {
		const amira = await signedIn('amira');
		assert.doesNotMatch((await amira.get('/')).body, /name="organisation_id"/, 'one organisation: no switcher yet');

		const res = await post(`/admin/staff/${ids.amira}/memberships`, { organisation_id: ids[SOUTHGATE] });
		assert.equal(res.status, 303, snippet(res.body));
		assert.equal(res.location, `${BASE_PATH}/admin/staff/${ids.amira}?done=added`);
		assert.deepEqual(manualRows('amira'), [SOUTHGATE]);
		assert.deepEqual(dbRows(`SELECT added_by, group_dn IS NULL FROM staff_orgs WHERE staff_id = ${ids.amira} AND source = 'manual'`), [[ids.admin, '1']]);

		const event = lastEvent('admin.staff.add_membership');
		assert.equal(event.staff, ids.admin);
		assert.equal(event.org, ids[SOUTHGATE]);
		assert.equal(event.subjectType, 'staff');
		assert.equal(event.subjectId, ids.amira);
		assert.equal(event.oldValue, 'NULL');
		assert.equal(event.newValue, SOUTHGATE);
		assert.notEqual(event.addr, 'NULL', 'the address is recorded');

		const shown = await admin.get(res.location.slice(BASE_PATH.length));
		assert.match(text(shown.body), /Manual membership added/);
		assert.match(text(shown.body), /Added by Sam Admin on \d{1,2} [A-Z][a-z]+ \d{4} at/);
		assert.ok(!options(shown.body, 'organisation_id').some((o) => o.text === SOUTHGATE), 'no longer offered');

		// amira's next request, same session: both organisations in the switcher
		const home = await amira.get('/');
		assert.equal(home.status, 200);
		const switcher = options(home.body, 'organisation_id').map((o) => o.text).sort();
		assert.deepEqual(switcher, [RIVERSIDE, SOUTHGATE]);
		const list = text((await admin.get('/admin/staff?q=amira')).body);
		assert.match(list, new RegExp(`${SOUTHGATE}: manual`));
	});

	it('refuses to add the same manual membership twice (409), keeping the choice', async () => {
		const before = eventCount('admin.staff.add_membership');
		const res = await post(`/admin/staff/${ids.amira}/memberships`, { organisation_id: ids[SOUTHGATE] });
		assert.equal(res.status, 409);
		assert.match(text(res.body), new RegExp(`They are already a manual member of ${SOUTHGATE}`));
		assert.equal(eventCount('admin.staff.add_membership'), before);
		assert.deepEqual(manualRows('amira'), [SOUTHGATE]);
	});

	it('keeps the manual membership when amira signs in again (the directory sync keeps manual rows)', async () => {
		const amira = await signedIn('amira');
		assert.deepEqual(manualRows('amira'), [SOUTHGATE]);
		const switcher = options((await amira.get('/')).body, 'organisation_id').map((o) => o.text).sort();
		assert.deepEqual(switcher, [RIVERSIDE, SOUTHGATE]);
	});

	it('refuses to remove a directory membership, saying where it comes from', async () => {
		const res = await post(`/admin/staff/${ids.amira}/memberships/${ids[RIVERSIDE]}/remove`);
		assert.equal(res.status, 409);
		const page = text(res.body);
		assert.ok(page.includes(`comes from the directory group ${RIVERSIDE_DN}`), snippet(page, 2000));
		assert.match(page, /next sign-in/);
		assert.deepEqual(dbRows(`SELECT COUNT(*) FROM staff_orgs WHERE staff_id = ${ids.amira} AND organisation_id = ${ids[RIVERSIDE]}`), [['1']]);
	});

	it('answers 404 for removing a membership she does not have', async () => {
		const res = await post(`/admin/staff/${ids.amira}/memberships/${ids[NORTHFIELD]}/remove`);
		assert.equal(res.status, 404);
	});

	it('removes the manual membership: gone from her next page, and audited', async () => {
		const amira = await signedIn('amira');
		const csrf = csrfFrom((await amira.get('/')).body);
		// she is working for Southgate when it is taken away
		assert.equal((await amira.post('/organisation', { organisation_id: ids[SOUTHGATE], csrf })).status, 303);
		assert.equal(activeOrganisation((await amira.get('/')).body, ALL), SOUTHGATE);

		const res = await post(`/admin/staff/${ids.amira}/memberships/${ids[SOUTHGATE]}/remove`);
		assert.equal(res.status, 303, snippet(res.body));
		assert.equal(res.location, `${BASE_PATH}/admin/staff/${ids.amira}?done=removed`);
		assert.deepEqual(manualRows('amira'), []);
		const event = lastEvent('admin.staff.remove_membership');
		assert.equal(event.staff, ids.admin);
		assert.equal(event.subjectId, ids.amira);
		assert.equal(event.org, ids[SOUTHGATE]);
		assert.equal(event.oldValue, SOUTHGATE);
		assert.equal(event.newValue, 'NULL');

		const home = await amira.get('/');
		assert.equal(home.status, 200);
		assert.doesNotMatch(home.body, /name="organisation_id"/, 'one organisation again: no switcher');
		assert.doesNotMatch(text(home.body), /Southgate/);
		assert.equal(activeOrganisation(home.body, ALL), RIVERSIDE);
		assert.match(text((await admin.get(res.location.slice(BASE_PATH.length))).body), /Manual membership removed/);
	});

	it('allows a manual membership beside a directory one for the same organisation', async () => {
		const res = await post(`/admin/staff/${ids.amira}/memberships`, { organisation_id: ids[RIVERSIDE] });
		assert.equal(res.status, 303);
		const page = text((await admin.get(`/admin/staff/${ids.amira}`)).body);
		assert.match(page, /Directory group/);
		assert.match(page, /Manual/);
		assert.equal((await post(`/admin/staff/${ids.amira}/memberships/${ids[RIVERSIDE]}/remove`)).status, 303);
		assert.deepEqual(dbRows(`SELECT source FROM staff_orgs WHERE staff_id = ${ids.amira} AND organisation_id = ${ids[RIVERSIDE]}`), [['directory']]);
	});
});

describe('deactivating and reactivating', () => {
	it('deactivates ben: his session ends at once and his sign-in is refused', async () => {
		const ben = await signedIn('ben');
		const other = await signedIn('ben');
		assert.equal((await ben.get('/')).status, 200);
		assert.ok(Number(db(`SELECT COUNT(*) FROM sessions WHERE staff_id = ${ids.ben}`)) >= 2);

		const res = await post(`/admin/staff/${ids.ben}/deactivate`);
		assert.equal(res.status, 303, snippet(res.body));
		assert.equal(res.location, `${BASE_PATH}/admin/staff/${ids.ben}?done=deactivated`);
		assert.deepEqual(dbRows(`SELECT active FROM staff WHERE id = ${ids.ben}`), [['0']]);
		assert.equal(db(`SELECT COUNT(*) FROM sessions WHERE staff_id = ${ids.ben}`).trim(), '0', 'every session row is gone');

		for (const b of [ben, other]) {
			const next = await b.get('/');
			assert.equal(next.status, 303);
			assert.ok(next.location.startsWith(`${BASE_PATH}/signin`), next.location);
		}
		const again = await new Browser().trySignIn('ben', 'demopass');
		assert.equal(again.status, 403);
		assert.match(text(again.body), /Your account has been deactivated/);

		const event = lastEvent('admin.staff.deactivate');
		assert.equal(event.staff, ids.admin);
		assert.equal(event.subjectType, 'staff');
		assert.equal(event.subjectId, ids.ben);
		assert.equal(event.oldValue, 'Active');
		assert.equal(event.newValue, 'Deactivated');
		const ended = event.detail.match(/^Ben Okafor; (\d+) sessions? ended$/);
		assert.ok(ended && Number(ended[1]) >= 2, `the detail counts the sessions ended: ${event.detail}`);

		const page = text((await admin.get(res.location.slice(BASE_PATH.length))).body);
		assert.match(page, /Deactivated\. They have been signed out everywhere/);
		assert.match(page, /Reactivate Ben Okafor/);
		assert.match(text((await admin.get('/admin/staff?q=ben')).body), /Deactivated/);
	});

	it('does nothing (and records nothing) when deactivating someone already deactivated', async () => {
		const before = eventCount('admin.staff.deactivate');
		const res = await post(`/admin/staff/${ids.ben}/deactivate`);
		assert.equal(res.status, 303);
		assert.equal(eventCount('admin.staff.deactivate'), before);
	});

	it('reactivates ben: he can sign in again', async () => {
		const res = await post(`/admin/staff/${ids.ben}/reactivate`);
		assert.equal(res.status, 303, snippet(res.body));
		assert.equal(res.location, `${BASE_PATH}/admin/staff/${ids.ben}?done=reactivated`);
		assert.deepEqual(dbRows(`SELECT active FROM staff WHERE id = ${ids.ben}`), [['1']]);
		const event = lastEvent('admin.staff.reactivate');
		assert.equal(event.subjectId, ids.ben);
		assert.equal(event.oldValue, 'Deactivated');
		assert.equal(event.newValue, 'Active');
		const ben = await signedIn('ben');
		assert.equal((await ben.get('/')).status, 200);
		assert.match(text((await admin.get(res.location.slice(BASE_PATH.length))).body), /Reactivated\. They can sign in again/);
	});

	it('refuses to let administrators deactivate themselves, saying why', async () => {
		const before = eventCount('admin.staff.deactivate');
		const res = await post(`/admin/staff/${ids.admin}/deactivate`);
		assert.equal(res.status, 409);
		assert.match(text(res.body), /You cannot deactivate your own account/);
		assert.match(res.body, /href="#access"/);
		assert.deepEqual(dbRows(`SELECT active FROM staff WHERE id = ${ids.admin}`), [['1']]);
		assert.equal(eventCount('admin.staff.deactivate'), before);
		assert.equal((await admin.get('/admin/staff')).status, 200, 'still signed in');
	});
});
