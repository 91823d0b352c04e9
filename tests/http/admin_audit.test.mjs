// The audit page: events newest first with human labels and local times, every filter (action,
// who, organisation, dates in the configured time zone, subject) checked against the database,
// keyset paging 50 at a time with the filters kept in the links, filter validation (400 with the
// values kept), and who may see it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	Browser, BASE_PATH, db, dbRows, signedIn, csrfFrom, organisationId, text, snippet, attr, decodeEntities, sqlString, resetThrottle,
} from './lib.mjs';

const SOUTHGATE = 'Southgate Food Bank';

let admin;
const ids = {};

function staffId(username) {
	const rows = dbRows(`SELECT id FROM staff WHERE username = ${sqlString(username)}`);
	assert.equal(rows.length, 1, `one staff row for ${username}`);
	return rows[0][0];
}

// The event ids a page lists, in order.
function eventIds(html) {
	return [...html.matchAll(/data-event-id="(\d+)"/g)].map((m) => m[1]);
}

// The ids the page should list: the newest 50 events matching condition.
function expectedIds(condition, limit = 50) {
	return dbRows(`SELECT id FROM events e WHERE ${condition} ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${limit}`).map(([id]) => id);
}

// The table rows as text, keyed by event id.
function rowsById(html) {
	const rows = {};
	for (const m of html.matchAll(/<tr class="govuk-table__row" data-event-id="(\d+)"[\s\S]*?<\/tr>/g)) rows[m[1]] = text(m[0]).trim();
	return rows;
}

function londonTime(utc) {
	const when = new Date(utc.replace(' ', 'T') + 'Z');
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: false,
		}).formatToParts(when).map((p) => [p.type, p.value]),
	);
	const hour = Number(parts.hour) % 24;
	if (hour === 0 && parts.minute === '00') return `${parts.day} ${parts.month} ${parts.year} at midnight`;
	if (hour === 12 && parts.minute === '00') return `${parts.day} ${parts.month} ${parts.year} at midday`;
	return `${parts.day} ${parts.month} ${parts.year} at ${hour % 12 === 0 ? 12 : hour % 12}:${parts.minute}${hour < 12 ? 'am' : 'pm'}`;
}

// An href on the page (entities decoded) as a path below the base, for Browser.get.
function hrefOf(html, rel) {
	const m = html.match(new RegExp(`<a\\b[^>]*rel="${rel}"[^>]*>`));
	if (!m) return undefined;
	return attr(m[0], 'href').slice(BASE_PATH.length);
}

function inputValue(html, id) {
	const m = html.match(new RegExp(`<input\\b[^>]*\\sid="${id}"[^>]*>`));
	assert.ok(m, `an input with id ${id}`);
	return attr(m[0], 'value');
}

function selectedOption(html, name) {
	const select = html.match(new RegExp(`<select\\b[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`));
	assert.ok(select, `a select named ${name}`);
	const option = select[1].match(/<option\b[^>]*\sselected[^>]*>([^<]*)/);
	return option ? decodeEntities(option[1]).trim() : undefined;
}

function optionTexts(html, name) {
	const select = html.match(new RegExp(`<select\\b[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`));
	return [...select[1].matchAll(/<option\b[^>]*>([^<]*)/g)].map((m) => decodeEntities(m[1]).trim());
}

function cleanUp() {
	db(`DELETE FROM events WHERE action LIKE 'zztest.%' OR action = 'admin.widget_thing.make_big'`);
	db(`DELETE so FROM staff_orgs so JOIN staff s ON s.id = so.staff_id WHERE s.username = 'amira' AND so.source = 'manual'`);
	resetThrottle();
}

before(async () => {
	cleanUp();
	for (const name of ['amira', 'tina', 'tom']) await signedIn(name);
	admin = await signedIn('admin');
	for (const name of ['amira', 'tina', 'tom', 'admin']) ids[name] = staffId(name);
	ids.southgate = organisationId(SOUTHGATE);
	// some administrative changes, made the way an administrator makes them
	const csrf = csrfFrom((await admin.get('/')).body);
	assert.equal((await admin.post(`/admin/staff/${ids.amira}/memberships`, { csrf, organisation_id: ids.southgate })).status, 303);
	assert.equal((await admin.post(`/admin/staff/${ids.amira}/memberships/${ids.southgate}/remove`, { csrf })).status, 303);
});

after(cleanUp);

describe('who may see the audit log', () => {
	it('shows it to the administrator, not stored', async () => {
		const res = await admin.get('/admin/audit');
		assert.equal(res.status, 200, snippet(res.body));
		assert.match(res.headers['cache-control'] || '', /no-store/);
		assert.match(text(res.body), /Audit log/);
	});

	it('refuses staff who are not administrators (403)', async () => {
		const amira = await signedIn('amira');
		assert.equal((await amira.get('/admin/audit')).status, 403);
		assert.equal((await amira.get('/admin/audit?action=admin.')).status, 403);
	});

	it('sends signed-out visitors to sign in, coming back to the same view', async () => {
		const res = await new Browser().get('/admin/audit?action=signin');
		assert.equal(res.status, 303);
		assert.equal(res.location, `${BASE_PATH}/signin?next=%2Fadmin%2Faudit%3Faction%3Dsignin`);
	});
});

describe('the events', () => {
	it('lists the newest 50 first, with time, who, organisation, action, subject, old → new and detail', async () => {
		const res = await admin.get('/admin/audit');
		assert.deepEqual(eventIds(res.body), expectedIds('1'));
		const [[id, occurred]] = dbRows(`SELECT id, occurred_at FROM events WHERE action = 'admin.staff.add_membership' ORDER BY id DESC LIMIT 1`);
		const row = rowsById((await admin.get('/admin/audit?action=admin.staff.')).body)[id];
		assert.ok(row, 'the membership change is listed');
		for (const part of [londonTime(occurred), 'Sam Admin', 'admin', SOUTHGATE, 'Staff: manual membership added', 'Staff member: Amira Khan', 'Manual membership for Amira Khan']) {
			assert.ok(row.includes(part), `${part} in: ${row}`);
		}
		assert.match(row, /none → .*Southgate Food Bank/, 'old → new');
		const page = (await admin.get('/admin/audit?action=admin.staff.')).body;
		assert.match(page, new RegExp(`href="${BASE_PATH}/admin/staff/${ids.amira}"`), 'the subject links to the staff page');
	});

	it('labels sign-ins and actions it does not know yet', async () => {
		db(`INSERT INTO events (staff_id, action, subject_type, subject_id, old_value, new_value) VALUES (${ids.admin}, 'admin.widget_thing.make_big', 'widget_thing', 7, 'small', 'big')`);
		const res = await admin.get('/admin/audit');
		const [[id]] = dbRows(`SELECT MAX(id) FROM events WHERE action = 'admin.widget_thing.make_big'`);
		const row = rowsById(res.body)[id];
		assert.match(row, /Widget thing: make big/);
		assert.match(row, /Widget thing 7/);
		assert.match(row, /small → .*big/);
		assert.ok(optionTexts(res.body, 'action').includes('Administration: Widget thing'), 'the new area is a filter choice');
		const [[signin]] = dbRows(`SELECT MAX(id) FROM events WHERE action = 'signin'`);
		const signins = rowsById((await admin.get('/admin/audit?action=signin')).body);
		assert.match(signins[signin], /Signed in/);
	});

	it("names who made a change nobody signed in made: a visitor (with an address) or the scheduled job (without)", async () => {
		db(
			`INSERT INTO events (staff_id, action, subject_type, subject_id, remote_addr, detail) VALUES (NULL, 'signin.failed', 'staff', 0, '192.0.2.7', 'wrong password');` +
				`INSERT INTO events (staff_id, action, subject_type, subject_id, detail) VALUES (NULL, 'referral.no_response', 'referral', 1, 'by the job');`,
		);
		const [[visitor]] = dbRows(`SELECT MAX(id) FROM events WHERE remote_addr = '192.0.2.7'`);
		const [[job]] = dbRows(`SELECT MAX(id) FROM events WHERE detail = 'by the job'`);
		const rows = rowsById((await admin.get('/admin/audit')).body);
		assert.match(rows[visitor], /Not signed in/);
		assert.doesNotMatch(rows[visitor], /scheduled job/);
		assert.match(rows[job], /The scheduled job/);
		assert.doesNotMatch(rows[job], /Not signed in/);
	});

	it('escapes what it shows', async () => {
		db(`INSERT INTO events (action, detail) VALUES ('zztest.escape', '<script>alert(1)</script>')`);
		const res = await admin.get('/admin/audit?action=zztest.');
		assert.doesNotMatch(res.body, /<script>alert/);
		assert.match(res.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
	});
});

describe('filters', () => {
	it('filters by action area', async () => {
		const staff = await admin.get('/admin/audit?action=admin.staff.');
		assert.equal(staff.status, 200);
		const got = eventIds(staff.body);
		assert.ok(got.length >= 2);
		assert.deepEqual(got, expectedIds(`action LIKE 'admin.staff.%'`));
		assert.equal(selectedOption(staff.body, 'action'), 'Administration: Staff', 'the choice stays selected');
		assert.deepEqual(eventIds((await admin.get('/admin/audit?action=signin')).body), expectedIds(`action LIKE 'signin%'`));
		assert.deepEqual(eventIds((await admin.get('/admin/audit?action=signin_failed')).body), expectedIds(`action = 'signin_failed'`));
		assert.deepEqual(eventIds((await admin.get('/admin/audit?action=admin.')).body), expectedIds(`action LIKE 'admin.%'`));
	});

	it('filters by who: one username, a choice when several start that way, or nobody', async () => {
		const amira = await admin.get('/admin/audit?who=amira');
		assert.equal(amira.status, 200);
		assert.deepEqual(eventIds(amira.body), expectedIds(`staff_id = ${ids.amira}`));
		assert.match(text(amira.body), /Events by Amira Khan/);
		assert.equal(inputValue(amira.body, 'who'), 'amira');
		// a unique beginning is enough
		assert.deepEqual(eventIds((await admin.get('/admin/audit?who=ami')).body), expectedIds(`staff_id = ${ids.amira}`));
		const several = await admin.get('/admin/audit?who=t&action=signin');
		assert.equal(several.status, 200);
		assert.match(text(several.body), /Several people’s usernames start with ‘t’/);
		assert.match(several.body, new RegExp(`href="${BASE_PATH}/admin/audit\\?action=signin&amp;who=tina"`), 'each choice keeps the other filters');
		assert.match(several.body, /who=tom"/);
		assert.deepEqual(eventIds(several.body), []);
		const nobody = await admin.get('/admin/audit?who=nobody-like-this');
		assert.equal(nobody.status, 200);
		assert.match(text(nobody.body), /Nobody whose username is or starts with ‘nobody-like-this’ has signed in/);
		const odd = await admin.get('/admin/audit?who=' + encodeURIComponent('<b>x%_'));
		assert.equal(odd.status, 200);
		assert.doesNotMatch(odd.body, /<b>x/);
	});

	it('filters by organisation', async () => {
		const res = await admin.get(`/admin/audit?organisation=${ids.southgate}`);
		assert.equal(res.status, 200);
		assert.ok(eventIds(res.body).length >= 2);
		assert.deepEqual(eventIds(res.body), expectedIds(`organisation_id = ${ids.southgate}`));
		assert.equal(selectedOption(res.body, 'organisation'), SOUTHGATE);
	});

	it('filters by subject type and number', async () => {
		const res = await admin.get(`/admin/audit?subject_type=staff&subject_id=${ids.amira}`);
		assert.equal(res.status, 200);
		assert.deepEqual(eventIds(res.body), expectedIds(`subject_type = 'staff' AND subject_id = ${ids.amira}`));
		assert.equal(selectedOption(res.body, 'subject_type'), 'Staff member');
		assert.deepEqual(eventIds((await admin.get('/admin/audit?subject_type=staff')).body), expectedIds(`subject_type = 'staff'`));
		const both = await admin.get(`/admin/audit?action=admin.staff.&subject_type=staff&subject_id=${ids.amira}`);
		assert.deepEqual(eventIds(both.body), expectedIds(`action LIKE 'admin.staff.%' AND subject_type = 'staff' AND subject_id = ${ids.amira}`));
		assert.ok(eventIds(both.body).length >= 2);
	});

	it('filters by dates, as days in the configured time zone', async () => {
		// 23:30 UTC on 14 June 2020 is 00:30 on 15 June in London (BST); 23:30 UTC on 16 June is 17 June there
		db(`INSERT INTO events (occurred_at, action, detail) VALUES
			('2020-06-14 22:59:59.000', 'zztest.dates', 'before'),
			('2020-06-14 23:30:00.000', 'zztest.dates', 'first minutes of 15 June'),
			('2020-06-15 10:00:00.000', 'zztest.dates', 'middle'),
			('2020-06-16 22:59:59.999', 'zztest.dates', 'last moment of 16 June'),
			('2020-06-16 23:30:00.000', 'zztest.dates', 'after')`);
		const details = (html) => [...html.matchAll(/data-event-id="\d+"[\s\S]*?<\/tr>/g)].map((m) => text(m[0])).map((t) => t.match(/(before|first minutes of 15 June|middle|last moment of 16 June|after)/)[1]);
		const inRange = ['last moment of 16 June', 'middle', 'first minutes of 15 June'];
		const boxes = await admin.get('/admin/audit?action=zztest.dates&from_day=15&from_month=6&from_year=2020&to_day=16&to_month=6&to_year=2020');
		assert.equal(boxes.status, 200, snippet(text(boxes.body), 600));
		assert.deepEqual(details(boxes.body), inRange);
		assert.equal(inputValue(boxes.body, 'from'), '15');
		assert.equal(inputValue(boxes.body, 'to_year'), '2020');
		const iso = await admin.get('/admin/audit?action=zztest.dates&from=2020-06-15&to=2020-06-16');
		assert.equal(iso.status, 200);
		assert.deepEqual(details(iso.body), inRange);
		assert.equal(inputValue(iso.body, 'from_month'), '6', 'an ISO date fills the boxes');
		assert.match(text(iso.body), /15 June 2020 at 12:30am/);
		assert.deepEqual(details((await admin.get('/admin/audit?action=zztest.dates&from=2020-06-16')).body), ['after', 'last moment of 16 June']);
		assert.deepEqual(details((await admin.get('/admin/audit?action=zztest.dates&to=2020-06-14')).body), ['before']);
		assert.deepEqual(details((await admin.get('/admin/audit?action=zztest.dates&from=2020-06-15&to=2020-06-15')).body), ['middle', 'first minutes of 15 June']);
	});

	it('refuses filters that make no sense (400), with a message, keeping every value', async () => {
		const cases = [
			['from_day=31&from_month=2&from_year=2026', 'from', /From date must be a real date/],
			['from_day=5&from_year=2026', 'from', /From date must include a month/],
			['to_day=1&to_month=1&to_year=99', 'to', /The year of the to date must include 4 numbers/],
			['from=2026-05-02&to=2026-05-01', 'to', /To date must be the same as or after the from date/],
			['from=2026-13-01', 'from', /From date must be a real date/],
			['from=banana', 'from', /Enter the from date in the format YYYY-MM-DD/],
			['subject_type=staff&subject_id=abc', 'subject_id', /Subject number must be a whole number/],
			['subject_id=5', 'subject_type', /Choose the kind of subject the number belongs to/],
			['action=' + encodeURIComponent('DROP TABLE'), 'action', /Choose an action from the list/],
			['organisation=abc', 'organisation', /Choose an organisation from the list/],
			['subject_type=' + encodeURIComponent('a b'), 'subject_type', /Choose a kind of subject from the list/],
		];
		for (const [query, field, message] of cases) {
			const res = await admin.get(`/admin/audit?who=amira&${query}`);
			assert.equal(res.status, 400, `${query}: ${snippet(text(res.body), 400)}`);
			assert.match(text(res.body), message, query);
			assert.match(res.body, new RegExp(`href="#${field}"`), `${query}: the summary links to ${field}`);
			assert.equal(inputValue(res.body, 'who'), 'amira', `${query}: the other filters are kept`);
			assert.deepEqual(eventIds(res.body), [], `${query}: no results shown`);
		}
		const kept = await admin.get('/admin/audit?from_day=31&from_month=2&from_year=2026&subject_type=staff&subject_id=abc');
		assert.equal(inputValue(kept.body, 'from'), '31');
		assert.equal(inputValue(kept.body, 'from_month'), '2');
		assert.equal(inputValue(kept.body, 'subject_id'), 'abc');
		assert.equal(selectedOption(kept.body, 'subject_type'), 'Staff member');
	});

	it('refuses a page link that is not one (400)', async () => {
		for (const query of ['before=abc', 'after=-1', 'before=999999999999', 'before=1&after=2']) {
			const res = await admin.get(`/admin/audit?${query}`);
			assert.equal(res.status, 400, query);
		}
	});

	it('has the index the organisation filter needs', () => {
		const rows = dbRows(`SELECT column_name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'events' AND index_name = 'events_org' ORDER BY seq_in_index`);
		assert.deepEqual(rows.map(([c]) => c), ['organisation_id', 'occurred_at']);
	});
});

describe('paging', () => {
	it('pages 50 at a time by keyset, older and newer, keeping the filters, even where times tie', async () => {
		// 120 events, seven to a minute, so many share a time
		const values = Array.from({ length: 120 }, (_, i) => `('2021-03-01 09:00:00' + INTERVAL ${Math.floor(i / 7)} MINUTE, 'zztest.paging', 'event ${i}')`);
		db(`INSERT INTO events (occurred_at, action, detail) VALUES ${values.join(', ')}`);
		const all = expectedIds(`action = 'zztest.paging'`, 200);
		assert.equal(all.length, 120);

		const first = await admin.get('/admin/audit?action=zztest.paging');
		assert.deepEqual(eventIds(first.body), all.slice(0, 50));
		assert.equal(hrefOf(first.body, 'prev'), undefined, 'nothing newer than the newest page');
		const next = hrefOf(first.body, 'next');
		assert.equal(next, `/admin/audit?action=zztest.paging&before=${all[49]}`);

		const second = await admin.get(next);
		assert.deepEqual(eventIds(second.body), all.slice(50, 100));
		const third = await admin.get(hrefOf(second.body, 'next'));
		assert.deepEqual(eventIds(third.body), all.slice(100));
		assert.equal(hrefOf(third.body, 'next'), undefined, 'nothing older than the last page');

		const back = await admin.get(hrefOf(third.body, 'prev'));
		assert.equal(hrefOf(third.body, 'prev'), `/admin/audit?action=zztest.paging&after=${all[100]}`);
		assert.deepEqual(eventIds(back.body), all.slice(50, 100), 'previous goes back to the page before');
		const newest = await admin.get(hrefOf(back.body, 'prev'));
		assert.deepEqual(eventIds(newest.body), all.slice(0, 50), 'and back to the newest page');
		assert.match(text(second.body), /Go to the newest events/);
	});
});
