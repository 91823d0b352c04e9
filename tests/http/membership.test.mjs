// What signing in does to staff rows: created or refreshed from the directory; directory
// memberships rebuilt from groups while manual ones stay; the administrator group; one row per
// person whatever the case typed; deactivated staff kept out; every sign-in in the event log.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, signedIn, db, dbRows, organisationId, resetThrottle, text } from './lib.mjs';

function staffId(username) {
	const rows = dbRows(`SELECT id FROM staff WHERE username = '${username}'`);
	assert.equal(rows.length, 1, `one staff row for ${username}`);
	return rows[0][0];
}

function memberships(username) {
	return dbRows(
		`SELECT o.name, so.source FROM staff_orgs so JOIN staff s ON s.id = so.staff_id
		 JOIN organisations o ON o.id = so.organisation_id WHERE s.username = '${username}' ORDER BY o.name, so.source`,
	).map(([name, source]) => `${name}/${source}`);
}

describe('signing in', () => {
	after(() => {
		db(`UPDATE staff SET active = 1 WHERE username IN ('amira', 'chloe')`);
		db(`DELETE so FROM staff_orgs so JOIN staff s ON s.id = so.staff_id WHERE s.username = 'amira' AND so.source = 'manual'`);
		resetThrottle();
	});

	it('creates the staff row from the directory entry, with memberships from its groups', async () => {
		await signedIn('amira');
		const [row] = dbRows(`SELECT display_name, email, is_admin, active, last_signin_at IS NOT NULL FROM staff WHERE username = 'amira'`);
		assert.equal(row[0], 'Amira Khan');
		assert.match(row[1], /@/, 'email from the directory');
		assert.deepEqual(row.slice(2), ['0', '1', '1']);
		assert.deepEqual(memberships('amira'), ['Riverside Citizens Advice/directory']);
	});

	it('rebuilds directory memberships at each sign-in and keeps manual ones', async () => {
		const id = staffId('amira');
		const foodbank = organisationId('Southgate Food Bank');
		const council = organisationId('Northfield Council Housing Options');
		db(`INSERT INTO staff_orgs (staff_id, organisation_id, source) VALUES (${id}, ${foodbank}, 'manual')`);
		// a directory membership whose group she has since left
		db(`INSERT INTO staff_orgs (staff_id, organisation_id, source, group_dn) VALUES (${id}, ${council}, 'directory', 'cn=council-housing,ou=groups,dc=example,dc=org')`);
		const amira = await signedIn('amira');
		assert.deepEqual(memberships('amira'), ['Riverside Citizens Advice/directory', 'Southgate Food Bank/manual']);
		// with two organisations she now gets the switcher, listing both
		const home = await amira.get('/');
		assert.match(home.body, /name="organisation_id"/);
		assert.match(text(home.body), /Southgate Food Bank/);
		assert.doesNotMatch(text(home.body), /Northfield/);
	});

	it('makes members of the administrator group system administrators', async () => {
		const admin = await signedIn('admin');
		assert.deepEqual(dbRows(`SELECT is_admin FROM staff WHERE username = 'admin'`), [['1']]);
		assert.match(text((await admin.get('/')).body), /administrator/i);
	});

	it('keeps one staff row whatever case the username is typed in', async () => {
		await signedIn('CHLOE');
		assert.deepEqual(dbRows(`SELECT COUNT(*) FROM staff WHERE username = 'chloe'`), [['1']]);
		assert.deepEqual(dbRows(`SELECT username FROM staff WHERE username = 'chloe'`), [['chloe']]);
	});

	it('refuses a deactivated staff member even with the right password, and ends their sessions', async () => {
		const chloe = await signedIn('chloe');
		assert.equal((await chloe.get('/')).status, 200);
		db(`UPDATE staff SET active = 0 WHERE username = 'chloe'`);
		const after = await chloe.get('/');
		assert.equal(after.status, 303, 'the existing session no longer works');
		const res = await new Browser().trySignIn('chloe', 'demopass');
		assert.equal(res.status, 403);
		assert.match(text(res.body), /deactivated/);
		assert.equal(res.setCookies.filter((c) => /session/.test(c.name) && c.value).length, 0, 'no session cookie');
	});

	it('records sign-ins, failures and sign-outs in the event log', async () => {
		const id = staffId('amira');
		const before = Number(db(`SELECT COUNT(*) FROM events WHERE action = 'signin' AND staff_id = ${id}`));
		const amira = await signedIn('amira');
		await amira.signOut();
		await new Browser().trySignIn('amira', 'wrong-password');
		assert.equal(Number(db(`SELECT COUNT(*) FROM events WHERE action = 'signin' AND staff_id = ${id}`)), before + 1);
		assert.ok(Number(db(`SELECT COUNT(*) FROM events WHERE action = 'signout' AND staff_id = ${id}`)) >= 1);
		assert.ok(Number(db(`SELECT COUNT(*) FROM events WHERE action = 'signin_failed' AND detail = 'amira'`)) >= 1);
	});
});
