// The administration start page and closure reasons: only administrators reach them; each
// change is validated, refused when it would break something, and audited.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, signedIn, db, dbRows, text, csrfFrom, BASE_PATH } from './lib.mjs';

const ROUTES = [
	['GET', '/admin'],
	['GET', '/admin/closure-reasons'],
	['POST', '/admin/closure-reasons'],
	['GET', '/admin/closure-reasons/1'],
	['POST', '/admin/closure-reasons/1'],
	['POST', '/admin/closure-reasons/1/retire'],
	['POST', '/admin/closure-reasons/1/restore'],
	['POST', '/admin/closure-reasons/1/move'],
];

function reasons() {
	return dbRows('SELECT name, retired FROM closure_reasons ORDER BY retired, position, id').map(([n, r]) => `${n}${r === '1' ? ' (retired)' : ''}`);
}

async function postWithCsrf(browser, page, path, fields) {
	const csrf = csrfFrom((await browser.get(page)).body);
	assert.ok(csrf, `a form token on ${page}`);
	return browser.post(path, { csrf, ...fields });
}

describe('administration access', () => {
	it('staff who are not administrators get 403 on every route', async () => {
		const amira = await signedIn('amira');
		const csrf = csrfFrom((await amira.get('/')).body);
		for (const [method, path] of ROUTES) {
			const res = method === 'GET' ? await amira.get(path) : await amira.post(path, { csrf, name: 'x', direction: 'up' });
			assert.equal(res.status, 403, `${method} ${path} as staff`);
		}
	});

	it('signed-out visitors are sent to sign in', async () => {
		const anon = new Browser();
		for (const [method, path] of ROUTES) {
			const res = method === 'GET' ? await anon.get(path) : await anon.post(path, { name: 'x' });
			assert.equal(res.status, 303, `${method} ${path} signed out`);
			assert.ok(res.headers.location.startsWith(`${BASE_PATH}/signin`), res.headers.location);
		}
	});

	it('administrators see the start page, linked from the header', async () => {
		const admin = await signedIn('admin');
		const home = await admin.get('/');
		assert.match(home.body, new RegExp(`href="${BASE_PATH}/admin"`));
		const page = await admin.get('/admin');
		assert.equal(page.status, 200);
		for (const area of ['Issues and questionnaires', 'Urgency and automation settings', 'Closure reasons', 'Organisations', 'Staff', 'Local authorities', 'Postcodes', 'Audit log']) {
			assert.match(text(page.body), new RegExp(area), area);
		}
		// ordinary staff are not offered the link
		const amira = await signedIn('amira');
		assert.doesNotMatch((await amira.get('/')).body, new RegExp(`href="${BASE_PATH}/admin"`));
	});
});

describe('closure reasons', () => {
	const original = db('SELECT GROUP_CONCAT(CONCAT(id, ":", name, ":", position, ":", retired) ORDER BY id SEPARATOR "|") FROM closure_reasons').trim();
	after(() => {
		db(`DELETE FROM closure_reasons WHERE name LIKE 'Test reason%' OR name LIKE 'Moved on%'`);
		for (const row of original.split('|')) {
			const [id, name, position, retired] = row.split(':');
			db(`UPDATE closure_reasons SET name = '${name.replace(/'/g, "\\'")}', position = ${position}, retired = ${retired} WHERE id = ${id}`);
		}
	});

	it('lists them in order', async () => {
		const admin = await signedIn('admin');
		const res = await admin.get('/admin/closure-reasons');
		assert.equal(res.status, 200);
		const shown = text(res.body);
		const names = reasons().filter((r) => !r.endsWith('(retired)'));
		let at = -1;
		for (const name of names) {
			const here = shown.indexOf(name);
			assert.ok(here > at, `${name} in order`);
			at = here;
		}
	});

	it('adds one, audited, and refuses a duplicate (any case) with the form kept', async () => {
		const admin = await signedIn('admin');
		const res = await postWithCsrf(admin, '/admin/closure-reasons', '/admin/closure-reasons', { name: '  Test reason: moved away  ' });
		assert.equal(res.status, 303);
		assert.ok(reasons().includes('Test reason: moved away'), 'trimmed and stored');
		const [audit] = dbRows(`SELECT new_value, old_value IS NULL FROM events WHERE action = 'admin.closure_reason.add' ORDER BY id DESC LIMIT 1`);
		assert.deepEqual(audit, ['Test reason: moved away', '1']);
		const dup = await postWithCsrf(admin, '/admin/closure-reasons', '/admin/closure-reasons', { name: 'TEST REASON: MOVED AWAY' });
		assert.equal(dup.status, 400);
		assert.match(text(dup.body), /There is already a closure reason called ‘TEST REASON: MOVED AWAY’/);
		assert.match(dup.body, /value="TEST REASON: MOVED AWAY"/, 'what was typed is kept');
		assert.equal(reasons().filter((r) => /moved away/i.test(r)).length, 1, 'nothing added');
	});

	it('refuses an empty or over-long name, keeping what was typed', async () => {
		const admin = await signedIn('admin');
		const empty = await postWithCsrf(admin, '/admin/closure-reasons', '/admin/closure-reasons', { name: '   ' });
		assert.equal(empty.status, 400);
		assert.match(text(empty.body), /Enter a name for the closure reason/);
		const long = 'x'.repeat(201);
		const tooLong = await postWithCsrf(admin, '/admin/closure-reasons', '/admin/closure-reasons', { name: long });
		assert.equal(tooLong.status, 400);
		assert.match(text(tooLong.body), /200 characters or fewer/);
		assert.ok(tooLong.body.includes(`value="${long}"`));
	});

	it('stores script and SQL text literally and shows it escaped', async () => {
		const admin = await signedIn('admin');
		const payload = `Test reason <script>alert(1)</script> '); DROP TABLE staff; --`;
		const res = await postWithCsrf(admin, '/admin/closure-reasons', '/admin/closure-reasons', { name: payload });
		assert.equal(res.status, 303);
		assert.ok(reasons().includes(payload));
		const page = await admin.get('/admin/closure-reasons');
		assert.ok(!page.body.includes('<script>alert(1)</script>'), 'not executable');
		assert.ok(page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'shown escaped');
		assert.deepEqual(dbRows('SELECT COUNT(*) > 0 FROM staff'), [['1']], 'staff table still there');
	});

	it('renames one, audited with old and new names', async () => {
		const admin = await signedIn('admin');
		const [[id]] = dbRows(`SELECT id FROM closure_reasons WHERE name = 'Test reason: moved away'`);
		const form = await admin.get(`/admin/closure-reasons/${id}`);
		assert.match(form.body, /value="Test reason: moved away"/);
		const res = await admin.post(`/admin/closure-reasons/${id}`, { csrf: csrfFrom(form.body), name: 'Moved on elsewhere' });
		assert.equal(res.status, 303);
		assert.deepEqual(dbRows(`SELECT name FROM closure_reasons WHERE id = ${id}`), [['Moved on elsewhere']]);
		assert.deepEqual(dbRows(`SELECT old_value, new_value FROM events WHERE action = 'admin.closure_reason.rename' AND subject_id = ${id} ORDER BY id DESC LIMIT 1`), [['Test reason: moved away', 'Moved on elsewhere']]);
		// to an existing name: refused
		const clash = await admin.post(`/admin/closure-reasons/${id}`, { csrf: csrfFrom(form.body), name: 'Support provided' });
		assert.equal(clash.status, 400);
		assert.match(text(clash.body), /There is already a closure reason called ‘Support provided’/);
		assert.equal((await admin.get('/admin/closure-reasons/999999')).status, 404);
	});

	it('retires and restores; the automatic-closing reason cannot be retired', async () => {
		const admin = await signedIn('admin');
		const [[id]] = dbRows(`SELECT id FROM closure_reasons WHERE name = 'Moved on elsewhere'`);
		const retire = await postWithCsrf(admin, '/admin/closure-reasons', `/admin/closure-reasons/${id}/retire`, {});
		assert.equal(retire.status, 303);
		assert.deepEqual(dbRows(`SELECT retired FROM closure_reasons WHERE id = ${id}`), [['1']]);
		const restore = await postWithCsrf(admin, '/admin/closure-reasons', `/admin/closure-reasons/${id}/restore`, {});
		assert.equal(restore.status, 303);
		assert.deepEqual(dbRows(`SELECT retired FROM closure_reasons WHERE id = ${id}`), [['0']]);
		const [[auto]] = dbRows(`SELECT value FROM settings WHERE name = 'auto_close_reason_id'`);
		const refused = await postWithCsrf(admin, '/admin/closure-reasons', `/admin/closure-reasons/${auto}/retire`, {});
		assert.equal(refused.status, 409);
		assert.match(text(refused.body), /automatic closing uses/);
		assert.deepEqual(dbRows(`SELECT retired FROM closure_reasons WHERE id = ${auto}`), [['0']]);
	});

	it('moves one up and down', async () => {
		const admin = await signedIn('admin');
		const active = () => dbRows('SELECT id FROM closure_reasons WHERE retired = 0 ORDER BY position, id').map(([id]) => id);
		const before = active();
		const second = before[1];
		const up = await postWithCsrf(admin, '/admin/closure-reasons', `/admin/closure-reasons/${second}/move`, { direction: 'up' });
		assert.equal(up.status, 303);
		assert.equal(active()[0], second, 'now first');
		const down = await postWithCsrf(admin, '/admin/closure-reasons', `/admin/closure-reasons/${second}/move`, { direction: 'down' });
		assert.equal(down.status, 303);
		assert.deepEqual(active(), before, 'back where it was');
		const bad = await postWithCsrf(admin, '/admin/closure-reasons', `/admin/closure-reasons/${second}/move`, { direction: 'sideways' });
		assert.equal(bad.status, 400);
	});

	it('refuses a change without the form token', async () => {
		const admin = await signedIn('admin');
		const res = await admin.post('/admin/closure-reasons', { name: 'Test reason without token' });
		assert.equal(res.status, 403);
		assert.ok(!reasons().includes('Test reason without token'));
	});
});
