// Reference data: local authorities, postcodes (lookup, counts, ONSPD import) and the title,
// gender and pronoun lists. Only administrators reach them; every change is validated, refused
// with a reason when it would break something, and audited with old and new values.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Browser, signedIn, db, dbRows, text, csrfFrom, sqlString, BASE_PATH, ORIGIN } from './lib.mjs';

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

// Test rows are recognisable, so after() can remove them: codes E0799xxxx, names "Test ...".
const TEST_CODE = 'E0799';

function laId(code) {
	const rows = dbRows(`SELECT id FROM local_authorities WHERE code = ${sqlString(code)}`);
	assert.equal(rows.length, 1, `one local authority ${code}`);
	return rows[0][0];
}

function valueId(list, name) {
	const rows = dbRows(`SELECT id FROM reference_values WHERE list = '${list}' AND name = ${sqlString(name)}`);
	assert.equal(rows.length, 1, `one ${list} ${name}`);
	return rows[0][0];
}

function adminId() {
	return dbRows(`SELECT id FROM staff WHERE username = 'admin'`)[0][0];
}

function eventCount() {
	return Number(db('SELECT COUNT(*) FROM events'));
}

// The newest audit row for an action: [old_value, new_value, subject_id, staff_id, detail, remote_addr].
function lastEvent(action) {
	const rows = dbRows(
		`SELECT IFNULL(old_value, 'NULL'), IFNULL(new_value, 'NULL'), IFNULL(subject_id, 'NULL'), IFNULL(staff_id, 'NULL'),
		 IFNULL(detail, 'NULL'), IFNULL(remote_addr, 'NULL') FROM events WHERE action = ${sqlString(action)} ORDER BY id DESC LIMIT 1`,
	);
	assert.equal(rows.length, 1, `an audit row for ${action}`);
	return rows[0];
}

function snapshot() {
	return db(
		`SELECT CONCAT((SELECT GROUP_CONCAT(CONCAT(id, name, code, active) ORDER BY id) FROM local_authorities), '|',
		 (SELECT GROUP_CONCAT(CONCAT(id, name, position, retired) ORDER BY id) FROM reference_values), '|',
		 (SELECT COUNT(*) FROM postcodes), '|', (SELECT COUNT(*) FROM events))`,
	);
}

async function postWithCsrf(browser, page, target, fields) {
	const csrf = csrfFrom((await browser.get(page)).body);
	assert.ok(csrf, `a form token on ${page}`);
	return browser.post(target, { csrf, ...fields });
}

// A multipart/form-data body as a browser sends it: fields, then files { name, filename, type, content }.
function multipart(fields, files) {
	const boundary = '----ReferralsTestBoundary' + Math.random().toString(16).slice(2);
	const parts = [];
	for (const [name, value] of Object.entries(fields)) {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
	}
	for (const f of files) {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type || 'text/csv'}\r\n\r\n`));
		parts.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
		parts.push(Buffer.from('\r\n'));
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function upload(browser, filename, content, { csrf } = {}) {
	if (csrf === undefined) csrf = csrfFrom((await browser.get('/admin/postcodes/import')).body);
	const fields = csrf === null ? {} : { csrf };
	const { body, type } = multipart(fields, [{ name: 'file', filename, content }]);
	return browser.request('POST', '/admin/postcodes/import', { headers: { 'Content-Type': type, Origin: ORIGIN }, body });
}

// The visible text of the element with this id (a table, a list) on a page.
function textOf(html, id) {
	const m = html.match(new RegExp(`<(\\w+)[^>]*\\sid="${id}"[^>]*>([\\s\\S]*?)</\\1>`));
	assert.ok(m, `the page has #${id}`);
	return text(m[2]);
}

// The text of the result page's summary list row: "Rows read 13" → 13.
function shownCount(html, label) {
	const m = text(html).match(new RegExp(`${label} (\\d+)`));
	assert.ok(m, `the page shows "${label}"`);
	return Number(m[1]);
}

const SAMPLE_POSTCODES = ['LS15DL', 'LS27HY', 'LS61AN', 'M12WD', 'M33EB', 'CF102HQ', 'BS16QA', 'B24QA', 'G28AD', 'BT16DP'];
const MALFORMED_POSTCODES = ['LS73AA', 'LS73AF'];
const INLINE_POSTCODES = ['LS73BB', 'LS73BD'];

after(() => {
	const postcodes = [...SAMPLE_POSTCODES, ...MALFORMED_POSTCODES, ...INLINE_POSTCODES].map(sqlString).join(',');
	db(`DELETE FROM postcodes WHERE postcode IN (${postcodes})`);
	db(`DELETE ola FROM organisation_local_authorities ola JOIN local_authorities la ON la.id = ola.local_authority_id WHERE la.code LIKE '${TEST_CODE}%'`);
	db(`DELETE p FROM postcodes p JOIN local_authorities la ON la.id = p.local_authority_id WHERE la.code LIKE '${TEST_CODE}%'`);
	db(`DELETE FROM local_authorities WHERE code LIKE '${TEST_CODE}%'`);
	db(`UPDATE local_authorities SET active = 1 WHERE code IN ('E08000035', 'W06000015')`);
});

// ---------------------------------------------------------------------------------------------

const ROUTES = [
	['GET', '/admin/local-authorities'],
	['POST', '/admin/local-authorities'],
	['GET', '/admin/local-authorities/1'],
	['POST', '/admin/local-authorities/1'],
	['POST', '/admin/local-authorities/1/deactivate'],
	['POST', '/admin/local-authorities/1/activate'],
	['POST', '/admin/local-authorities/1/delete'],
	['GET', '/admin/postcodes'],
	['GET', '/admin/postcodes/import'],
	['POST', '/admin/postcodes/import'],
	['GET', '/admin/lists'],
	['GET', '/admin/lists/title'],
	['POST', '/admin/lists/title'],
	['GET', '/admin/lists/title/1'],
	['POST', '/admin/lists/title/1'],
	['POST', '/admin/lists/title/1/retire'],
	['POST', '/admin/lists/title/1/restore'],
	['POST', '/admin/lists/title/1/move'],
];

describe('reference data: who may use it', () => {
	it('staff who are not administrators get 403 on every route, and nothing changes', async () => {
		const amira = await signedIn('amira');
		const csrf = csrfFrom((await amira.get('/')).body);
		const before = snapshot();
		for (const [method, target] of ROUTES) {
			const res =
				method === 'GET'
					? await amira.get(target)
					: await amira.post(target, { csrf, name: 'Test Borough', code: 'E07990001', direction: 'up' });
			assert.equal(res.status, 403, `${method} ${target} as staff`);
		}
		const res = await upload(amira, 'a.csv', 'pcds,oslaua\nLS7 3BB,E08000035\n', { csrf });
		assert.equal(res.status, 403, 'an upload as staff');
		assert.equal(snapshot(), before);
	});

	it('signed-out visitors are sent to sign in, GET and POST alike', async () => {
		const anon = new Browser();
		for (const [method, target] of ROUTES) {
			const res = method === 'GET' ? await anon.get(target) : await anon.post(target, { name: 'x' });
			assert.equal(res.status, 303, `${method} ${target} signed out`);
			assert.ok(res.headers.location.startsWith(`${BASE_PATH}/signin`), res.headers.location);
			if (method === 'GET') assert.ok(res.headers.location.includes(encodeURIComponent(target)), 'and back again after');
		}
	});

	it('a POST without the form token is refused (403) and changes nothing', async () => {
		const admin = await signedIn('admin');
		const leeds = laId('E08000035');
		const mr = valueId('title', 'Mr');
		const before = snapshot();
		const posts = [
			['/admin/local-authorities', { name: 'Test Borough', code: 'E07990001' }],
			[`/admin/local-authorities/${leeds}`, { name: 'Test Leeds', code: 'E08000035' }],
			[`/admin/local-authorities/${leeds}/deactivate`, {}],
			[`/admin/local-authorities/${leeds}/delete`, {}],
			['/admin/lists/title', { name: 'Test title' }],
			[`/admin/lists/title/${mr}`, { name: 'Test Mr' }],
			[`/admin/lists/title/${mr}/retire`, {}],
			[`/admin/lists/title/${mr}/move`, { direction: 'down' }],
		];
		for (const [target, fields] of posts) {
			const res = await admin.post(target, fields);
			assert.equal(res.status, 403, `POST ${target} without csrf`);
		}
		const res = await upload(admin, 'onspd_sample.csv', fs.readFileSync(path.join(DATA, 'onspd_sample.csv')), { csrf: null });
		assert.equal(res.status, 403, 'an upload without csrf');
		assert.equal(snapshot(), before);
	});
});

// ---------------------------------------------------------------------------------------------

describe('local authorities', () => {
	it('lists them by name with their official codes, and links each', async () => {
		const admin = await signedIn('admin');
		const res = await admin.get('/admin/local-authorities');
		assert.equal(res.status, 200);
		const shown = textOf(res.body, 'local-authorities');
		for (const [name, code] of [['Leeds', 'E08000035'], ['Cardiff', 'W06000015'], ['Glasgow City', 'S12000049'], ['Belfast', 'N09000003']]) {
			assert.match(shown, new RegExp(`${name} ${code}`), `${name} with its code`);
		}
		assert.ok(shown.indexOf('Belfast') < shown.indexOf('Cardiff') && shown.indexOf('Cardiff') < shown.indexOf('Leeds'), 'in name order');
		assert.ok(res.body.includes(`href="${BASE_PATH}/admin/local-authorities/${laId('E08000035')}"`));
	});

	it('searches by name or code', async () => {
		const admin = await signedIn('admin');
		const byName = textOf((await admin.get('/admin/local-authorities?q=leed')).body, 'local-authorities');
		assert.match(byName, /Leeds E08000035/);
		assert.doesNotMatch(byName, /Cardiff/);
		assert.match(byName, /1 matching ‘leed’/);
		const byCode = textOf((await admin.get('/admin/local-authorities?q=W0600')).body, 'local-authorities');
		assert.match(byCode, /Cardiff W06000015/);
		assert.doesNotMatch(byCode, /Leeds/);
		const none = await admin.get('/admin/local-authorities?q=%25_nothing');
		assert.equal(none.status, 200);
		assert.match(text(none.body), /No local authority matches your search/);
	});

	it('pages a long list, 25 at a time, keeping the search', async () => {
		const admin = await signedIn('admin');
		const values = Array.from({ length: 30 }, (_, i) => `('Test Paging ${String(i).padStart(2, '0')}', '${TEST_CODE}${String(9000 + i).padStart(4, '0')}')`);
		db(`INSERT INTO local_authorities (name, code) VALUES ${values.join(',')}`);
		try {
			const first = await admin.get('/admin/local-authorities?q=Test+Paging');
			assert.match(text(first.body), /30 matching ‘Test Paging’ \(page 1 of 2\)/);
			assert.match(text(first.body), /Test Paging 24/);
			assert.doesNotMatch(text(first.body), /Test Paging 25/);
			assert.ok(first.body.includes(`href="${BASE_PATH}/admin/local-authorities?q=Test%20Paging&amp;page=2"`), 'a link to page 2 with the search');
			const second = await admin.get('/admin/local-authorities?q=Test+Paging&page=2');
			assert.match(text(second.body), /Test Paging 25/);
			assert.match(text(second.body), /Test Paging 29/);
			assert.doesNotMatch(text(second.body), /Test Paging 24/);
			// a page number out of range is bounded, not an error
			assert.equal((await admin.get('/admin/local-authorities?page=99999999')).status, 200);
		} finally {
			db(`DELETE FROM local_authorities WHERE name LIKE 'Test Paging %'`);
		}
	});

	it('adds one with its code upper-cased, audited with who, what and from where', async () => {
		const admin = await signedIn('admin');
		const res = await postWithCsrf(admin, '/admin/local-authorities', '/admin/local-authorities', { name: '  Test Borough  ', code: ' e07990001 ' });
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `${BASE_PATH}/admin/local-authorities?q=E07990001&done=added`);
		assert.deepEqual(dbRows(`SELECT name, code, active FROM local_authorities WHERE code = 'E07990001'`), [['Test Borough', 'E07990001', '1']]);
		const [old, now, subject, staff, , addr] = lastEvent('admin.local_authority.add');
		assert.deepEqual([old, now, subject, staff], ['NULL', 'Test Borough (E07990001)', laId('E07990001'), adminId()]);
		assert.notEqual(addr, 'NULL', 'the address is recorded');
		const list = await admin.get(res.headers.location.slice(BASE_PATH.length));
		assert.match(text(list.body), /Local authority added/);
		assert.match(text(list.body), /Test Borough E07990001/);
	});

	it('refuses a missing or over-long name and a badly formed code, keeping what was typed', async () => {
		const admin = await signedIn('admin');
		const before = snapshot();
		const cases = [
			[{ name: '', code: 'E07990002' }, 'name', /Enter the local authority’s name/],
			[{ name: 'x'.repeat(201), code: 'E07990002' }, 'name', /Name must be 200 characters or fewer/],
			[{ name: 'Test\tTabbed', code: 'E07990002' }, 'name', /Name must be on one line/],
			[{ name: 'Test Borough Two', code: '' }, 'code', /Enter a local authority code/],
			[{ name: 'Test Borough Two', code: 'X07990002' }, 'code', /correct format, like E06000001/],
			[{ name: 'Test Borough Two', code: 'E0799000' }, 'code', /correct format/],
			[{ name: 'Test Borough Two', code: 'E079900021' }, 'code', /correct format/],
		];
		for (const [fields, field, message] of cases) {
			const res = await postWithCsrf(admin, '/admin/local-authorities', '/admin/local-authorities', fields);
			assert.equal(res.status, 400, JSON.stringify(fields));
			assert.match(text(res.body), message);
			assert.ok(res.body.includes(`href="#${field}"`), `the summary links to ${field}`);
			assert.ok(res.body.includes(`id="${field}-error"`), `the message is beside ${field}`);
			if (fields.code) assert.ok(res.body.includes(`value="${fields.code}"`), 'the code is kept');
			if (fields.name && !fields.name.includes('\t')) assert.ok(res.body.includes(`value="${fields.name}"`), 'the name is kept');
		}
		assert.equal(snapshot(), before, 'nothing written');
	});

	it('refuses a duplicate name (any case) or code, naming the clash', async () => {
		const admin = await signedIn('admin');
		const before = snapshot();
		const name = await postWithCsrf(admin, '/admin/local-authorities', '/admin/local-authorities', { name: 'LEEDS', code: 'E07990003' });
		assert.equal(name.status, 400);
		assert.match(text(name.body), /There is already a local authority called ‘Leeds’ \(code E08000035\)/);
		assert.ok(name.body.includes('value="LEEDS"') && name.body.includes('value="E07990003"'));
		const code = await postWithCsrf(admin, '/admin/local-authorities', '/admin/local-authorities', { name: 'Test Leeds Two', code: 'e08000035' });
		assert.equal(code.status, 400);
		assert.match(text(code.body), /The code E08000035 is already used by ‘Leeds’/);
		assert.equal(snapshot(), before, 'nothing written');
	});

	it('shows one with what uses it, and renames it and changes its code, each audited', async () => {
		const admin = await signedIn('admin');
		const id = laId('E07990001');
		const page = await admin.get(`/admin/local-authorities/${id}`);
		assert.equal(page.status, 200);
		assert.match(page.body, /value="Test Borough"/);
		assert.match(page.body, /value="E07990001"/);
		assert.match(text(page.body), /Organisations covering it 0/);
		assert.match(text(page.body), /Postcodes in it 0/);

		const renamed = await admin.post(`/admin/local-authorities/${id}`, { csrf: csrfFrom(page.body), name: 'Test Borough Renamed', code: 'E07990001' });
		assert.equal(renamed.status, 303);
		assert.equal(renamed.headers.location, `${BASE_PATH}/admin/local-authorities/${id}?done=saved`);
		assert.deepEqual(lastEvent('admin.local_authority.rename').slice(0, 4), ['Test Borough', 'Test Borough Renamed', id, adminId()]);
		const codeEvents = Number(db(`SELECT COUNT(*) FROM events WHERE action = 'admin.local_authority.code' AND subject_id = ${id}`));
		assert.equal(codeEvents, 0, 'an unchanged code is not audited');

		const recoded = await admin.post(`/admin/local-authorities/${id}`, { csrf: csrfFrom(page.body), name: 'Test Borough Renamed', code: 'E07990004' });
		assert.equal(recoded.status, 303);
		assert.deepEqual(dbRows(`SELECT name, code FROM local_authorities WHERE id = ${id}`), [['Test Borough Renamed', 'E07990004']]);
		assert.deepEqual(lastEvent('admin.local_authority.code').slice(0, 3), ['E07990001', 'E07990004', id]);
		assert.match(text((await admin.get(`/admin/local-authorities/${id}?done=saved`)).body), /Local authority saved/);
	});

	it('refuses to rename or recode one into a clash, on its own page with the values kept', async () => {
		const admin = await signedIn('admin');
		const id = laId('E07990004');
		const csrf = csrfFrom((await admin.get(`/admin/local-authorities/${id}`)).body);
		const before = snapshot();
		const name = await admin.post(`/admin/local-authorities/${id}`, { csrf, name: 'cardiff', code: 'E07990004' });
		assert.equal(name.status, 400);
		assert.match(text(name.body), /There is already a local authority called ‘Cardiff’ \(code W06000015\)/);
		assert.match(name.body, /value="cardiff"/);
		const code = await admin.post(`/admin/local-authorities/${id}`, { csrf, name: 'Test Borough Renamed', code: 'W06000015' });
		assert.equal(code.status, 400);
		assert.match(text(code.body), /The code W06000015 is already used by ‘Cardiff’/);
		const bad = await admin.post(`/admin/local-authorities/${id}`, { csrf, name: '', code: 'nope' });
		assert.equal(bad.status, 400);
		assert.match(text(bad.body), /Enter the local authority’s name/);
		assert.match(text(bad.body), /correct format/);
		assert.equal(snapshot(), before);
		assert.equal((await admin.get('/admin/local-authorities/99999999')).status, 404);
		assert.equal((await admin.post('/admin/local-authorities/99999999', { csrf, name: 'x', code: 'E07990009' })).status, 404);
	});

	it('deactivates and reactivates one, audited', async () => {
		const admin = await signedIn('admin');
		const id = laId('E07990004');
		const csrf = csrfFrom((await admin.get(`/admin/local-authorities/${id}`)).body);
		const off = await admin.post(`/admin/local-authorities/${id}/deactivate`, { csrf });
		assert.equal(off.status, 303);
		assert.equal(off.headers.location, `${BASE_PATH}/admin/local-authorities/${id}?done=deactivated`);
		assert.deepEqual(dbRows(`SELECT active FROM local_authorities WHERE id = ${id}`), [['0']]);
		assert.deepEqual(lastEvent('admin.local_authority.deactivate').slice(0, 3), ['active', 'inactive', id]);
		const page = await admin.get(`/admin/local-authorities/${id}?done=deactivated`);
		assert.match(text(page.body), /Local authority deactivated/);
		assert.match(text(page.body), /Inactive: no longer offered/);
		assert.match(text((await admin.get('/admin/local-authorities?q=E07990004')).body), /Inactive/);
		const on = await admin.post(`/admin/local-authorities/${id}/activate`, { csrf });
		assert.equal(on.status, 303);
		assert.deepEqual(dbRows(`SELECT active FROM local_authorities WHERE id = ${id}`), [['1']]);
		assert.deepEqual(lastEvent('admin.local_authority.activate').slice(0, 3), ['inactive', 'active', id]);
		assert.equal((await admin.post('/admin/local-authorities/99999999/deactivate', { csrf })).status, 404);
	});

	it('refuses to delete one that postcodes or organisations use, and says to deactivate it', async () => {
		const admin = await signedIn('admin');
		const leeds = laId('E08000035');
		const csrf = csrfFrom((await admin.get(`/admin/local-authorities/${leeds}`)).body);
		const before = snapshot();
		const byPostcodes = await admin.post(`/admin/local-authorities/${leeds}/delete`, { csrf });
		assert.equal(byPostcodes.status, 409);
		assert.match(text(byPostcodes.body), /Leeds cannot be deleted because .*\d+ postcodes use it\. Deactivate it instead/);
		assert.equal(snapshot(), before, 'still there, nothing audited');

		db(`INSERT INTO local_authorities (name, code) VALUES ('Test Covered', '${TEST_CODE}0005')`);
		const covered = laId(`${TEST_CODE}0005`);
		const [[org]] = dbRows(`SELECT id FROM organisations ORDER BY id LIMIT 1`);
		db(`INSERT INTO organisation_local_authorities (organisation_id, local_authority_id) VALUES (${org}, ${covered})`);
		const byOrg = await admin.post(`/admin/local-authorities/${covered}/delete`, { csrf });
		assert.equal(byOrg.status, 409);
		assert.match(text(byOrg.body), /Test Covered cannot be deleted because 1 organisation uses it/);
		assert.deepEqual(dbRows(`SELECT COUNT(*) FROM local_authorities WHERE id = ${covered}`), [['1']]);
		const page = await admin.get(`/admin/local-authorities/${covered}`);
		assert.match(text(page.body), /Organisations covering it 1/);
		assert.doesNotMatch(page.body, /\/delete"/, 'no delete button while it is in use');
	});

	it('deletes one that nothing uses, audited', async () => {
		const admin = await signedIn('admin');
		const id = laId('E07990004');
		const page = await admin.get(`/admin/local-authorities/${id}`);
		assert.ok(page.body.includes(`action="${BASE_PATH}/admin/local-authorities/${id}/delete"`));
		const res = await admin.post(`/admin/local-authorities/${id}/delete`, { csrf: csrfFrom(page.body) });
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `${BASE_PATH}/admin/local-authorities?done=deleted`);
		assert.deepEqual(dbRows(`SELECT COUNT(*) FROM local_authorities WHERE id = ${id}`), [['0']]);
		assert.deepEqual(lastEvent('admin.local_authority.delete').slice(0, 3), ['Test Borough Renamed (E07990004)', 'NULL', id]);
		assert.equal((await admin.post(`/admin/local-authorities/${id}/delete`, { csrf: csrfFrom(page.body) })).status, 404);
	});

	it('stores markup in a name literally and shows it escaped', async () => {
		const admin = await signedIn('admin');
		const name = `Test <script>alert(1)</script> & 'quotes'`;
		const res = await postWithCsrf(admin, '/admin/local-authorities', '/admin/local-authorities', { name, code: 'E07990006' });
		assert.equal(res.status, 303);
		assert.deepEqual(dbRows(`SELECT name FROM local_authorities WHERE code = 'E07990006'`), [[name]]);
		const page = await admin.get('/admin/local-authorities?q=E07990006');
		assert.ok(!page.body.includes('<script>alert(1)</script>'));
		assert.ok(page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
	});
});

// ---------------------------------------------------------------------------------------------

describe('postcodes', () => {
	it('counts postcodes per local authority, most first', async () => {
		const admin = await signedIn('admin');
		const res = await admin.get('/admin/postcodes');
		assert.equal(res.status, 200);
		const expected = dbRows(
			`SELECT la.name, COUNT(*) FROM postcodes p JOIN local_authorities la ON la.id = p.local_authority_id
			 GROUP BY la.id ORDER BY COUNT(*) DESC, la.name LIMIT 3`,
		);
		const shown = textOf(res.body, 'postcode-counts');
		let at = -1;
		for (const [name, count] of expected) {
			const here = shown.indexOf(`${name} `);
			assert.ok(here > at, `${name} in order`);
			assert.ok(shown.slice(here).match(new RegExp(`^${name} [A-Z]\\d{8} ${count}`)), `${name}: ${count}`);
			at = here;
		}
		const total = db('SELECT COUNT(*) FROM postcodes').trim();
		assert.match(text(res.body), new RegExp(`${total} postcodes in \\d+ local authorities`));
	});

	it('looks a postcode up in any case and spacing: local authority, town, status', async () => {
		const admin = await signedIn('admin');
		const res = await admin.get('/admin/postcodes?postcode=ls11ur');
		assert.equal(res.status, 200);
		const shown = text(res.body);
		assert.match(shown, /LS1 1UR Local authority Leeds \(E08000035\) Town Leeds Status In use/);
		assert.match(res.body, /value="ls11ur"/, 'what was typed is kept');
		const terminated = text((await admin.get('/admin/postcodes?postcode=BT1+1AA')).body);
		assert.match(terminated, /Belfast \(N09000003\)/);
		assert.match(terminated, /Terminated/);
		const unknown = await admin.get('/admin/postcodes?postcode=ZE1+0AA');
		assert.equal(unknown.status, 200);
		assert.match(text(unknown.body), /No local authority is recorded for ZE1 0AA/);
	});

	it('refuses a lookup that is not a postcode, keeping what was typed', async () => {
		const admin = await signedIn('admin');
		const bad = await admin.get('/admin/postcodes?postcode=LS1+XYZ');
		assert.equal(bad.status, 400);
		assert.match(text(bad.body), /Enter a full UK postcode, like SW1A 1AA/);
		assert.match(bad.body, /value="LS1 XYZ"/);
		assert.ok(bad.body.includes('href="#postcode"'));
		const empty = await admin.get('/admin/postcodes?postcode=');
		assert.equal(empty.status, 400);
		assert.match(text(empty.body), /Enter a postcode/);
	});

	it('shows the import form, a multipart form with the file input labelled', async () => {
		const admin = await signedIn('admin');
		const res = await admin.get('/admin/postcodes/import');
		assert.equal(res.status, 200);
		assert.match(res.body, /enctype="multipart\/form-data"/);
		assert.match(res.body, /<label class="govuk-label govuk-label--s" for="file">CSV file<\/label>/);
		assert.match(res.body, /type="file"/);
		assert.match(text(res.body), /pcds/);
		assert.match(text(res.body), /import-postcodes/);
	});

	it('refuses an import without a file', async () => {
		const admin = await signedIn('admin');
		const before = snapshot();
		const plain = await postWithCsrf(admin, '/admin/postcodes/import', '/admin/postcodes/import', {});
		assert.equal(plain.status, 400);
		assert.match(text(plain.body), /Select a CSV file of postcodes/);
		const none = await upload(admin, '', '');
		assert.equal(none.status, 400, 'a file input left empty');
		assert.match(text(none.body), /Select a CSV file of postcodes/);
		const empty = await upload(admin, 'empty.csv', '');
		assert.equal(empty.status, 400);
		assert.match(text(empty.body), /The selected file is empty/);
		assert.equal(snapshot(), before);
	});

	it('refuses a file without the columns it needs, saying which', async () => {
		const admin = await signedIn('admin');
		const before = snapshot();
		const noPostcode = await upload(admin, 'x.csv', 'postcodes,lad25cd\nLS7 3BB,E08000035\n');
		assert.equal(noPostcode.status, 400);
		assert.match(text(noPostcode.body), /The file must have a postcode column named pcds/);
		const noLa = await upload(admin, 'x.csv', 'pcds,district\nLS7 3BB,E08000035\n');
		assert.equal(noLa.status, 400);
		assert.match(text(noLa.body), /The file must have a local authority code column named oslaua or lad25cd/);
		const blank = await upload(admin, 'x.csv', '\r\n\r\n');
		assert.equal(blank.status, 400);
		assert.match(text(blank.body), /The selected file is empty/);
		const badHeader = await upload(admin, 'x.csv', 'pcds,"lad25cd\n');
		assert.equal(badHeader.status, 400);
		assert.match(text(badHeader.body), /header row/);
		assert.equal(snapshot(), before);
	});

	it('imports an ONSPD file: new, unchanged and refused rows counted, terminated postcodes marked', async () => {
		const admin = await signedIn('admin');
		const leeds = laId('E08000035');
		const before = Number(db(`SELECT COUNT(*) FROM postcodes WHERE local_authority_id = ${leeds}`));
		const res = await upload(admin, 'onspd_sample.csv', fs.readFileSync(path.join(DATA, 'onspd_sample.csv')));
		assert.equal(res.status, 200, text(res.body).slice(0, 400));
		assert.match(text(res.body), /Postcodes imported/);
		assert.match(text(res.body), /using the columns pcds \(postcode\) and lad25cd \(local authority\), doterm \(terminated\)/);
		assert.equal(shownCount(res.body, 'Rows read'), 13);
		assert.equal(shownCount(res.body, 'Taken'), 11);
		assert.equal(shownCount(res.body, 'New postcodes'), 10);
		assert.equal(shownCount(res.body, 'Postcodes updated'), 0);
		assert.equal(shownCount(res.body, 'Already up to date'), 1);
		assert.equal(shownCount(res.body, 'Refused'), 2);
		assert.match(text(res.body), /Unknown local authority code 2/);
		assert.match(text(res.body), /13 Unknown local authority code "HU1 2AA"/);
		assert.match(text(res.body), /14 Unknown local authority code "GY1 1AA"/);

		const stored = dbRows(
			`SELECT p.postcode, la.code, IFNULL(p.town, ''), p.is_terminated FROM postcodes p
			 JOIN local_authorities la ON la.id = p.local_authority_id
			 WHERE p.postcode IN (${SAMPLE_POSTCODES.map(sqlString).join(',')}) ORDER BY p.postcode`,
		);
		assert.equal(stored.length, 10);
		assert.deepEqual(stored.find((r) => r[0] === 'LS15DL'), ['LS15DL', 'E08000035', '', '0']);
		assert.deepEqual(stored.find((r) => r[0] === 'LS61AN'), ['LS61AN', 'E08000035', '', '1'], 'terminated');
		assert.deepEqual(stored.find((r) => r[0] === 'CF102HQ').slice(1, 2), ['W06000015']);
		assert.deepEqual(stored.find((r) => r[0] === 'BT16DP').slice(1, 2), ['N09000003']);
		assert.deepEqual(dbRows(`SELECT IFNULL(town, '') FROM postcodes WHERE postcode = 'LS11UR'`), [['Leeds']], 'a file without towns keeps the town');
		assert.deepEqual(dbRows(`SELECT COUNT(*) FROM postcodes WHERE postcode IN ('HU12AA', 'GY11AA')`), [['0']]);
		assert.equal(Number(db(`SELECT COUNT(*) FROM postcodes WHERE local_authority_id = ${leeds}`)), before + 3);

		const [old, now, , staff, detail] = lastEvent('admin.postcode.import');
		assert.equal(old, 'NULL');
		assert.equal(now, '13 rows read: 11 taken (10 new, 0 updated, 1 unchanged), 2 refused');
		assert.equal(staff, adminId());
		assert.equal(detail, 'file: onspd_sample.csv');

		// the lookup and the counts see them at once
		assert.match(text((await admin.get('/admin/postcodes?postcode=cf10+2hq')).body), /Cardiff \(W06000015\)/);
	});

	it('imports the same file again as unchanged', async () => {
		const admin = await signedIn('admin');
		const res = await upload(admin, 'onspd_sample.csv', fs.readFileSync(path.join(DATA, 'onspd_sample.csv')));
		assert.equal(res.status, 200);
		assert.equal(shownCount(res.body, 'New postcodes'), 0);
		assert.equal(shownCount(res.body, 'Already up to date'), 11);
	});

	it('counts malformed rows by reason and lists them by line number', async () => {
		const admin = await signedIn('admin');
		const res = await upload(admin, 'onspd_malformed.csv', fs.readFileSync(path.join(DATA, 'onspd_malformed.csv')));
		assert.equal(res.status, 200);
		const shown = text(res.body);
		assert.equal(shownCount(res.body, 'Rows read'), 8);
		assert.equal(shownCount(res.body, 'New postcodes'), 2);
		assert.equal(shownCount(res.body, 'Refused'), 6);
		assert.match(shown, /Not a valid postcode 3/);
		assert.match(shown, /Wrong number of columns 1/);
		assert.match(shown, /Not valid CSV \(a stray quote, or a line too long\) 1/);
		assert.match(shown, /Unknown local authority code 1/);
		const lines = [...res.body.matchAll(/<td class="govuk-table__cell govuk-table__cell--numeric">(\d+)<\/td>\s*<td class="govuk-table__cell">([^<]+)<\/td>/g)].map((m) => `${m[1]} ${m[2]}`);
		assert.deepEqual(lines, [
			'3 Not a valid postcode',
			'4 Wrong number of columns',
			'5 Not valid CSV (a stray quote, or a line too long)',
			'6 Unknown local authority code',
			'7 Not a valid postcode',
			'10 Not a valid postcode',
		]);
		assert.deepEqual(dbRows(`SELECT postcode FROM postcodes WHERE postcode IN ('LS73AA', 'LS73AF') ORDER BY postcode`), [['LS73AA'], ['LS73AF']]);
		assert.deepEqual(dbRows(`SELECT COUNT(*) FROM postcodes WHERE postcode IN ('LS73AB', 'LS73AD', 'HU13AA')`), [['0']]);
	});

	it('takes older column names and a town column; updates a postcode it already has', async () => {
		const admin = await signedIn('admin');
		const csv = '\uFEFFPCDS,OSLAUA,DOTERM,TOWN\r\nLS7 3BB,E08000035,,Chapel Allerton\r\nls73bd,e08000035,,\r\n"LS7 3AA",E08000035,202401,"Leeds"\r\nLS7 3BE,E08000035,,' + 'T'.repeat(101) + '\r\n';
		const res = await upload(admin, 'old-columns.csv', csv);
		assert.equal(res.status, 200);
		assert.match(text(res.body), /using the columns pcds \(postcode\) and oslaua \(local authority\), doterm \(terminated\), town \(town\)/);
		assert.equal(shownCount(res.body, 'New postcodes'), 2);
		assert.equal(shownCount(res.body, 'Postcodes updated'), 1);
		assert.match(text(res.body), /Town is not one line of text of 100 characters or fewer 1/);
		assert.deepEqual(
			dbRows(`SELECT postcode, IFNULL(town, 'NULL'), is_terminated FROM postcodes WHERE postcode IN ('LS73BB', 'LS73BD', 'LS73AA') ORDER BY postcode`),
			[['LS73AA', 'Leeds', '1'], ['LS73BB', 'Chapel Allerton', '0'], ['LS73BD', 'NULL', '0']],
		);
		assert.match(text((await admin.get('/admin/postcodes?postcode=LS7+3BB')).body), /Town Chapel Allerton/);
	});

	it('shows only the first 20 refused lines, counting them all', async () => {
		const admin = await signedIn('admin');
		const rows = Array.from({ length: 30 }, (_, i) => `BAD${i},E08000035`);
		const res = await upload(admin, 'bad.csv', 'pcds,lad25cd\n' + rows.join('\n') + '\n');
		assert.equal(res.status, 200);
		assert.equal(shownCount(res.body, 'Refused'), 30);
		assert.match(text(res.body), /The first 20 refused lines/);
		assert.match(res.body, /BAD19,E08000035/);
		assert.doesNotMatch(res.body, /BAD20,E08000035/);
	});
});

// ---------------------------------------------------------------------------------------------

describe('title, gender and pronoun lists', () => {
	let original;
	before(() => {
		original = dbRows('SELECT id, name, position, retired FROM reference_values ORDER BY id');
	});
	after(() => {
		db(`DELETE FROM reference_values WHERE name LIKE 'Test%' OR name IN ('Prof', 'Professor', 'ze/zir')`);
		for (const [id, name, position, retired] of original) {
			db(`UPDATE reference_values SET name = ${sqlString(name)}, position = ${position}, retired = ${retired} WHERE id = ${id}`);
		}
	});

	function names(list) {
		return dbRows(`SELECT name, retired FROM reference_values WHERE list = '${list}' ORDER BY retired, position, id`).map(([n, r]) => (r === '1' ? `${n} (retired)` : n));
	}

	it('shows the three lists with their counts', async () => {
		const admin = await signedIn('admin');
		const res = await admin.get('/admin/lists');
		assert.equal(res.status, 200);
		for (const [list, title] of [['title', 'Titles'], ['gender', 'Genders'], ['pronoun', 'Pronouns']]) {
			const active = db(`SELECT COUNT(*) FROM reference_values WHERE list = '${list}' AND retired = 0`).trim();
			assert.match(text(res.body), new RegExp(`${title} ${active} in use`));
		}
		for (const list of ['title', 'gender', 'pronoun']) assert.ok(res.body.includes(`href="${BASE_PATH}/admin/lists/${list}"`));
		assert.equal((await admin.get('/admin/lists/colour')).status, 404);
	});

	it('shows a list in order; Prefer not to say cannot be renamed or retired from it', async () => {
		const admin = await signedIn('admin');
		const res = await admin.get('/admin/lists/gender');
		assert.equal(res.status, 200);
		const shown = text(res.body);
		let at = -1;
		for (const name of names('gender')) {
			const here = shown.indexOf(name);
			assert.ok(here > at, `${name} in order`);
			at = here;
		}
		const pnts = valueId('gender', 'Prefer not to say');
		assert.ok(!res.body.includes(`/admin/lists/gender/${pnts}/retire`), 'no retire button');
		assert.ok(!res.body.includes(`href="${BASE_PATH}/admin/lists/gender/${pnts}"`), 'no rename link');
		assert.match(shown, /Whether it is offered is a setting/);
	});

	it('adds a value at the end, audited', async () => {
		const admin = await signedIn('admin');
		const res = await postWithCsrf(admin, '/admin/lists/title', '/admin/lists/title', { name: ' Prof ' });
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `${BASE_PATH}/admin/lists/title?done=added`);
		assert.equal(names('title').at(-1), 'Prof');
		const id = valueId('title', 'Prof');
		assert.deepEqual(lastEvent('admin.reference_value.add').slice(0, 5), ['NULL', 'Prof', id, adminId(), 'title list']);
		assert.match(text((await admin.get('/admin/lists/title?done=added')).body), /Added to the list/);
		// another list may have the same words
		const pron = await postWithCsrf(admin, '/admin/lists/pronoun', '/admin/lists/pronoun', { name: 'ze/zir' });
		assert.equal(pron.status, 303);
		assert.equal(names('pronoun').at(-1), 'ze/zir');
	});

	it('refuses an empty, over-long, multi-line or duplicate value, keeping what was typed', async () => {
		const admin = await signedIn('admin');
		const before = snapshot();
		const cases = [
			['title', '', /Enter a title/],
			['gender', '', /Enter a gender/],
			['pronoun', '', /Enter the pronouns/],
			['title', 'x'.repeat(101), /Title must be 100 characters or fewer/],
			['gender', 'Test\u0007bell', /Gender must be on one line/],
			['title', 'mr', /‘mr’ is already in the title list/],
			['gender', 'FEMALE', /‘FEMALE’ is already in the gender list/],
		];
		for (const [list, name, message] of cases) {
			const res = await postWithCsrf(admin, `/admin/lists/${list}`, `/admin/lists/${list}`, { name });
			assert.equal(res.status, 400, `${list}: ${JSON.stringify(name)}`);
			assert.match(text(res.body), message);
			assert.ok(res.body.includes('href="#name"'));
			if (name && !/\u0007/.test(name)) assert.ok(res.body.includes(`value="${name}"`), 'kept');
		}
		assert.equal(snapshot(), before, 'nothing written');
	});

	it('renames a value, audited; refuses a duplicate', async () => {
		const admin = await signedIn('admin');
		const id = valueId('title', 'Prof');
		const form = await admin.get(`/admin/lists/title/${id}`);
		assert.equal(form.status, 200);
		assert.match(form.body, /value="Prof"/);
		const res = await admin.post(`/admin/lists/title/${id}`, { csrf: csrfFrom(form.body), name: 'Professor' });
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `${BASE_PATH}/admin/lists/title?done=renamed`);
		assert.deepEqual(lastEvent('admin.reference_value.rename').slice(0, 3), ['Prof', 'Professor', id]);
		const dup = await admin.post(`/admin/lists/title/${id}`, { csrf: csrfFrom(form.body), name: 'DR' });
		assert.equal(dup.status, 400);
		assert.match(text(dup.body), /‘DR’ is already in the title list/);
		assert.match(dup.body, /value="DR"/);
		const empty = await admin.post(`/admin/lists/title/${id}`, { csrf: csrfFrom(form.body), name: '' });
		assert.equal(empty.status, 400);
		assert.match(text(empty.body), /Enter a title/);
		assert.deepEqual(dbRows(`SELECT name FROM reference_values WHERE id = ${id}`), [['Professor']]);
		// a value of another list, or none at all
		assert.equal((await admin.get(`/admin/lists/gender/${id}`)).status, 404);
		assert.equal((await admin.post(`/admin/lists/gender/${id}`, { csrf: csrfFrom(form.body), name: 'x' })).status, 404);
		assert.equal((await admin.get('/admin/lists/title/99999999')).status, 404);
	});

	it('retires and restores a value, audited; a retired one is listed after the active ones', async () => {
		const admin = await signedIn('admin');
		const id = valueId('title', 'Professor');
		const csrf = csrfFrom((await admin.get('/admin/lists/title')).body);
		const retire = await admin.post(`/admin/lists/title/${id}/retire`, { csrf });
		assert.equal(retire.status, 303);
		assert.equal(names('title').at(-1), 'Professor (retired)');
		assert.deepEqual(lastEvent('admin.reference_value.retire').slice(0, 3), ['Professor (active)', 'Professor (retired)', id]);
		const page = await admin.get('/admin/lists/title?done=retired');
		assert.match(text(page.body), /Retired/);
		assert.ok(page.body.includes(`/admin/lists/title/${id}/restore`));
		const restore = await admin.post(`/admin/lists/title/${id}/restore`, { csrf });
		assert.equal(restore.status, 303);
		assert.equal(names('title').at(-1), 'Professor');
		assert.deepEqual(lastEvent('admin.reference_value.restore').slice(0, 3), ['Professor (retired)', 'Professor (active)', id]);
		assert.equal((await admin.post('/admin/lists/title/99999999/retire', { csrf })).status, 404);
	});

	it('keeps Prefer not to say in the gender list: neither retired nor renamed', async () => {
		const admin = await signedIn('admin');
		const id = valueId('gender', 'Prefer not to say');
		const csrf = csrfFrom((await admin.get('/admin/lists/gender')).body);
		const before = snapshot();
		const retire = await admin.post(`/admin/lists/gender/${id}/retire`, { csrf });
		assert.equal(retire.status, 409);
		assert.match(text(retire.body), /‘Prefer not to say’ stays in the gender list as it is: whether it is offered is a setting/);
		const form = await admin.get(`/admin/lists/gender/${id}`);
		assert.equal(form.status, 200);
		assert.doesNotMatch(form.body, /name="name"/, 'no rename form');
		const rename = await admin.post(`/admin/lists/gender/${id}`, { csrf, name: 'Would rather not say' });
		assert.equal(rename.status, 409);
		assert.match(text(rename.body), /stays in the gender list/);
		assert.equal(snapshot(), before);
		assert.deepEqual(dbRows(`SELECT name, retired FROM reference_values WHERE id = ${id}`), [['Prefer not to say', '0']]);
	});

	it('moves a value up and down, audited; refuses a bad direction', async () => {
		const admin = await signedIn('admin');
		const csrf = csrfFrom((await admin.get('/admin/lists/pronoun')).body);
		const they = valueId('pronoun', 'they/them');
		const start = names('pronoun');
		const at = start.indexOf('they/them');
		const up = await admin.post(`/admin/lists/pronoun/${they}/move`, { csrf, direction: 'up' });
		assert.equal(up.status, 303);
		assert.equal(up.headers.location, `${BASE_PATH}/admin/lists/pronoun?done=moved`);
		const moved = names('pronoun');
		assert.equal(moved.indexOf('they/them'), at - 1);
		assert.equal(moved[at], start[at - 1], 'swapped with the one above');
		assert.deepEqual(lastEvent('admin.reference_value.move').slice(0, 3), [`they/them at position ${at + 1}`, `they/them at position ${at}`, they]);
		const down = await admin.post(`/admin/lists/pronoun/${they}/move`, { csrf, direction: 'down' });
		assert.equal(down.status, 303);
		assert.deepEqual(names('pronoun'), start);
		// the first one up stays first
		const first = valueId('pronoun', start[0]);
		assert.equal((await admin.post(`/admin/lists/pronoun/${first}/move`, { csrf, direction: 'up' })).status, 303);
		assert.deepEqual(names('pronoun'), start);
		const bad = await admin.post(`/admin/lists/pronoun/${they}/move`, { csrf, direction: 'sideways' });
		assert.equal(bad.status, 400);
		assert.deepEqual(names('pronoun'), start);
	});
});
