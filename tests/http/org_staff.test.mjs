// Organisation roles and staff managed by managers (issue 13): who may use each route of the
// organisation staff page (staff and leads 403, a manager of the organisation, an
// administrator, another organisation's manager 403, signed out → sign-in); roles from
// directory groups at sign-in; adding a person from the directory (pending until their first
// sign-in, or at once when they have signed in before); role changes; a removed membership
// ending in a live session at once; the last-manager rule; no administrator flag; the audit.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	Browser, BASE_PATH, db, dbRows, dbValue, signedIn, csrfFrom, organisationId, text, snippet, sqlString,
	resetThrottle, locationPath,
} from './lib.mjs';

const RIVERSIDE = 'Riverside Citizens Advice';
const SOUTHGATE = 'Southgate Food Bank';
const LEADS_DN = 'cn=riverside-leads,ou=groups,dc=example,dc=org';

const ids = {};
let admin;

function staffId(username) {
	return dbValue(`SELECT id FROM staff WHERE username = ${sqlString(username)}`);
}

function setManualRole(username, orgId, role) {
	db(`INSERT INTO staff_orgs (staff_id, organisation_id, source, role)
	    SELECT id, ${orgId}, 'manual', ${role} FROM staff WHERE username = ${sqlString(username)}
	    ON DUPLICATE KEY UPDATE role = VALUES(role)`);
}

function lastEvent(action) {
	const rows = dbRows(`SELECT staff_id, organisation_id, COALESCE(old_value, 'NULL'), COALESCE(new_value, 'NULL'), detail
	                     FROM events WHERE action = ${sqlString(action)} ORDER BY id DESC LIMIT 1`);
	if (rows.length === 0) return undefined;
	const [staff, org, oldValue, newValue, detail] = rows[0];
	return { staff, org, oldValue, newValue, detail };
}

function eventCount(action) {
	return Number(dbValue(`SELECT COUNT(*) FROM events WHERE action = ${sqlString(action)}`));
}

async function post(browser, path, fields = {}) {
	const csrf = csrfFrom((await browser.get('/')).body);
	return browser.post(path, { csrf, ...fields });
}

function cleanUp() {
	db(`DELETE FROM staff_pending WHERE username IN ('nina', 'omar')`);
	db(`DELETE so FROM staff_orgs so JOIN staff s ON s.id = so.staff_id
	    WHERE s.username IN ('tina', 'tom', 'tara', 'omar', 'nina', 'lucy', 'mo') AND so.source = 'manual'`);
	db(`DELETE FROM staff WHERE username IN ('omar', 'nina')`);
	db(`UPDATE directory_groups SET role = 1 WHERE group_dn = ${sqlString(LEADS_DN)}`);
	db(`UPDATE staff_orgs SET role = 0 WHERE source = 'directory' AND group_dn = 'cn=foodbank,ou=groups,dc=example,dc=org'`);
	resetThrottle();
}

before(async () => {
	cleanUp();
	ids.riverside = organisationId(RIVERSIDE);
	ids.southgate = organisationId(SOUTHGATE);
	for (const name of ['tina', 'tom', 'tara', 'amira']) await signedIn(name);
	admin = await signedIn('admin');
	// Southgate: tina is its manager, tom its lead, tara staff (manual roles, set here)
	setManualRole('tina', ids.southgate, 2);
	setManualRole('tom', ids.southgate, 1);
	for (const name of ['tina', 'tom', 'tara', 'admin', 'amira']) ids[name] = staffId(name);
});

after(cleanUp);

describe('roles from directory groups', () => {
	it('gives a group member the group\'s role at sign-in, shown with its source', async () => {
		const mo = await signedIn('mo');
		const lucy = await signedIn('lucy');
		assert.equal(dbValue(`SELECT so.role FROM staff_orgs so JOIN staff s ON s.id = so.staff_id
		                      WHERE s.username = 'mo' AND so.organisation_id = ${ids.riverside}`), '2');
		const page = await mo.get(`/organisations/${ids.riverside}/staff`);
		assert.equal(page.status, 200, snippet(page.body));
		const row = text(page.body.match(/<tr class="govuk-table__row" data-staff="lucy">[\s\S]*?<\/tr>/)[0]);
		assert.match(row, /Organisation lead/);
		assert.match(row, new RegExp(`Organisation lead from directory group ${LEADS_DN}`));
		// the header links a manager to the staff page, not a lead
		assert.match((await mo.get('/')).body, new RegExp(`href="${BASE_PATH}/organisations/${ids.riverside}/staff">Organisation staff<`));
		assert.doesNotMatch((await lucy.get('/')).body, /Organisation staff</);
		assert.equal((await lucy.get(`/organisations/${ids.riverside}/staff`)).status, 403);
		// the administrator's staff pages show each membership's role beside its source
		const moId = staffId('mo');
		const show = text((await admin.get(`/admin/staff/${moId}`)).body);
		assert.match(show, /Riverside Citizens Advice\s*Organisation manager/);
		assert.match(show, /Directory group\s*cn=riverside-managers/);
		assert.match(text((await admin.get('/admin/staff?q=Patel')).body), /Riverside Citizens Advice: directory group, Organisation manager/);
	});

	it('lets an administrator change a group\'s role, which its members have at once', async () => {
		const lucy = await signedIn('lucy');
		const groupId = dbValue(`SELECT id FROM directory_groups WHERE group_dn = ${sqlString(LEADS_DN)}`);
		const mo = await signedIn('mo');
		assert.equal((await post(mo, `/organisations/${ids.riverside}/groups/${groupId}/role`, { role: 'manager' })).status, 403,
			'a manager cannot change what a directory group gives');
		const res = await post(admin, `/organisations/${ids.riverside}/groups/${groupId}/role`, { role: 'manager' });
		assert.equal(res.status, 303, snippet(res.body));
		assert.equal((await lucy.get(`/organisations/${ids.riverside}/staff`)).status, 200, 'lucy is a manager now');
		const event = lastEvent('admin.directory_group.role');
		assert.deepEqual([event.org, event.oldValue, event.newValue, event.detail],
			[String(ids.riverside), 'Organisation lead', 'Organisation manager', LEADS_DN]);
		await post(admin, `/organisations/${ids.riverside}/groups/${groupId}/role`, { role: 'lead' });
		assert.equal((await lucy.get(`/organisations/${ids.riverside}/staff`)).status, 403, 'and a lead again');
	});
});

describe('who may use the organisation staff routes', () => {
	const routes = () => [
		['GET', `/organisations/${ids.southgate}/staff`, {}],
		['POST', `/organisations/${ids.southgate}/staff`, { person: 'omar', role: 'staff' }],
		['POST', `/organisations/${ids.southgate}/staff/${ids.tara}/role`, { role: 'lead' }],
		['POST', `/organisations/${ids.southgate}/staff/${ids.tom}/remove`, {}],
		['POST', `/organisations/${ids.southgate}/staff/pending/1/cancel`, {}],
	];

	it('refuses staff, leads and another organisation\'s manager (403), changing nothing', async () => {
		const before = Number(dbValue(`SELECT COUNT(*) FROM events WHERE action LIKE 'org.%'`));
		for (const name of ['tara', 'tom', 'mo']) {
			const browser = await signedIn(name);
			for (const [method, path, fields] of routes()) {
				const res = method === 'GET' ? await browser.get(path) : await post(browser, path, fields);
				assert.equal(res.status, 403, `${name} ${method} ${path}: ${snippet(res.body)}`);
			}
		}
		assert.equal(Number(dbValue(`SELECT COUNT(*) FROM events WHERE action LIKE 'org.%'`)), before);
		assert.equal(dbValue(`SELECT COUNT(*) FROM staff_pending WHERE username = 'omar'`), '0');
	});

	it('sends someone signed out to sign in', async () => {
		const anon = new Browser();
		const res = await anon.get(`/organisations/${ids.southgate}/staff`);
		assert.equal(res.status, 303);
		assert.match(locationPath(res), /\/signin\?next=/);
	});

	it('shows the page to the organisation\'s manager and to an administrator', async () => {
		const tina = await signedIn('tina');
		for (const browser of [tina, admin]) {
			const res = await browser.get(`/organisations/${ids.southgate}/staff`);
			assert.equal(res.status, 200, snippet(res.body));
			const page = text(res.body);
			assert.match(page, /Tina Tester.*Organisation manager, set here/s);
			assert.match(page, /Tom Tester.*Organisation lead/s);
			assert.match(page, /Last signed in/);
		}
		// only administrators set directory group roles
		assert.doesNotMatch((await tina.get(`/organisations/${ids.southgate}/staff`)).body, /Set group role/);
		assert.match((await admin.get(`/organisations/${ids.southgate}/staff`)).body, /Set group role/);
	});
});

describe('adding a member of staff from the directory', () => {
	it('finds nobody for an unknown name or a filter injection, and asks again', async () => {
		const tina = await signedIn('tina');
		for (const person of ['nobody-here', '*', 'om*', 'omar)(uid=*']) {
			const res = await post(tina, `/organisations/${ids.southgate}/staff`, { person, role: 'staff' });
			assert.equal(res.status, 422, `${person}: ${snippet(res.body)}`);
			assert.match(text(res.body), /nobody with that username or email address/);
		}
		const empty = await post(tina, `/organisations/${ids.southgate}/staff`, { person: '', role: 'staff' });
		assert.equal(empty.status, 400);
		assert.equal(dbValue(`SELECT COUNT(*) FROM staff_pending`), '0');
	});

	it('refuses a role that is not one of the three (no administrator flag)', async () => {
		const tina = await signedIn('tina');
		for (const role of ['admin', 'administrator', '3', '']) {
			const res = await post(tina, `/organisations/${ids.southgate}/staff`, { person: 'omar', role, is_admin: '1' });
			assert.equal(res.status, 400, `${role}: ${snippet(res.body)}`);
		}
		const res = await post(tina, `/organisations/${ids.southgate}/staff/${ids.tara}/role`, { role: 'admin' });
		assert.equal(res.status, 400);
		assert.equal(dbValue(`SELECT is_admin FROM staff WHERE username = 'tara'`), '0');
	});

	it('adds someone who never signed in by email: they join at their first sign-in', async () => {
		const tina = await signedIn('tina');
		const res = await post(tina, `/organisations/${ids.southgate}/staff`, { person: 'omar@example.org', role: 'lead' });
		assert.equal(res.status, 303, snippet(res.body));
		assert.equal(locationPath(res), `${BASE_PATH}/organisations/${ids.southgate}/staff?done=pending`);
		const page = await tina.get(`/organisations/${ids.southgate}/staff?done=pending`);
		assert.match(text(page.body), /They join the organisation when they first sign in/);
		assert.match(text(page.body), /Waiting for their first sign-in.*Omar Quinn.*Organisation lead/s);
		const event = lastEvent('org.staff.add_pending');
		assert.deepEqual([event.staff, event.org, event.newValue], [ids.tina, String(ids.southgate), 'Organisation lead']);
		assert.deepEqual(dbRows(`SELECT subject_type, subject_id FROM events WHERE action = 'org.staff.add_pending' ORDER BY id DESC LIMIT 1`),
			[['staff_pending', dbValue(`SELECT id FROM staff_pending WHERE username = 'omar'`)]]);
		// again: already waiting
		const again = await post(tina, `/organisations/${ids.southgate}/staff`, { person: 'omar', role: 'staff' });
		assert.equal(again.status, 409);
		const omar = await signedIn('omar');
		const home = await omar.get('/');
		assert.equal(home.status, 200, 'omar is staff of Southgate at his first sign-in');
		assert.match(text(home.body), /Southgate Food Bank/);
		assert.equal(dbValue(`SELECT so.role FROM staff_orgs so JOIN staff s ON s.id = so.staff_id
		                      WHERE s.username = 'omar' AND so.organisation_id = ${ids.southgate} AND so.source = 'manual'`), '1');
		assert.equal(dbValue(`SELECT COUNT(*) FROM staff_pending WHERE username = 'omar'`), '0');
	});

	it('adds someone who has signed in before at once, and cancels a pending addition', async () => {
		const tina = await signedIn('tina');
		const res = await post(tina, `/organisations/${ids.southgate}/staff`, { person: 'amira', role: 'staff' });
		assert.equal(res.status, 303, snippet(res.body));
		assert.equal(lastEvent('org.staff.add').org, String(ids.southgate));
		const amira = await signedIn('amira');
		assert.match((await amira.get('/')).body, new RegExp(`<option value="${ids.southgate}"`));
		await post(tina, `/organisations/${ids.southgate}/staff/${ids.amira}/remove`);
		// pending, then cancelled
		await post(tina, `/organisations/${ids.southgate}/staff`, { person: 'nina', role: 'staff' });
		const pendingId = dbValue(`SELECT id FROM staff_pending WHERE username = 'nina'`);
		const mo = await signedIn('mo');
		assert.equal((await post(mo, `/organisations/${ids.riverside}/staff/pending/${pendingId}/cancel`)).status, 404,
			'not through another organisation');
		const cancel = await post(tina, `/organisations/${ids.southgate}/staff/pending/${pendingId}/cancel`);
		assert.equal(cancel.status, 303);
		assert.equal(dbValue(`SELECT COUNT(*) FROM staff_pending WHERE username = 'nina'`), '0');
		assert.equal(lastEvent('org.staff.cancel_pending').org, String(ids.southgate));
	});
});

describe('roles and removals', () => {
	it('changes a role, audited with the organisation', async () => {
		const tina = await signedIn('tina');
		const tara = await signedIn('tara');
		assert.equal((await tara.get(`/organisations/${ids.southgate}/staff`)).status, 403);
		const res = await post(tina, `/organisations/${ids.southgate}/staff/${ids.tara}/role`, { role: 'manager' });
		assert.equal(res.status, 303, snippet(res.body));
		assert.equal((await tara.get(`/organisations/${ids.southgate}/staff`)).status, 200, 'at once, same session');
		const event = lastEvent('org.staff.role');
		assert.deepEqual([event.staff, event.org, event.oldValue, event.newValue],
			[ids.tina, String(ids.southgate), 'Staff', 'Organisation manager']);
		await post(tina, `/organisations/${ids.southgate}/staff/${ids.tara}/role`, { role: 'staff' });
		assert.equal((await tara.get(`/organisations/${ids.southgate}/staff`)).status, 403);
	});

	it('cannot remove or demote the last manager', async () => {
		const tina = await signedIn('tina');
		const before = eventCount('org.staff.role') + eventCount('org.staff.remove');
		const demote = await post(tina, `/organisations/${ids.southgate}/staff/${ids.tina}/role`, { role: 'lead' });
		assert.equal(demote.status, 409, snippet(demote.body));
		assert.match(text(demote.body), /must keep at least one Organisation manager/);
		const remove = await post(tina, `/organisations/${ids.southgate}/staff/${ids.tina}/remove`);
		assert.equal(remove.status, 409);
		assert.equal(eventCount('org.staff.role') + eventCount('org.staff.remove'), before);
		// with a second manager, the first may step down
		await post(tina, `/organisations/${ids.southgate}/staff/${ids.tom}/role`, { role: 'manager' });
		const stepDown = await post(tina, `/organisations/${ids.southgate}/staff/${ids.tina}/role`, { role: 'staff' });
		assert.equal(stepDown.status, 303);
		assert.equal((await tina.get(`/organisations/${ids.southgate}/staff`)).status, 403);
		setManualRole('tina', ids.southgate, 2);
		setManualRole('tom', ids.southgate, 1);
	});

	it('cannot remove a directory membership here', async () => {
		// tara is in Southgate through the foodbank group only (a role change made her a
		// manual member too, above)
		db(`DELETE FROM staff_orgs WHERE staff_id = ${ids.tara} AND source = 'manual'`);
		const tina = await signedIn('tina');
		const res = await post(tina, `/organisations/${ids.southgate}/staff/${ids.tara}/remove`);
		assert.equal(res.status, 409);
		assert.match(text(res.body), /comes from the directory group cn=foodbank/);
	});

	it('ends a removed membership in a live session at once', async () => {
		const tina = await signedIn('tina');
		await post(tina, `/organisations/${ids.southgate}/staff`, { person: 'amira', role: 'staff' });
		const amira = await signedIn('amira');
		const switched = await post(amira, '/organisation', { organisation_id: ids.southgate, next: '/' });
		assert.equal(switched.status, 303);
		assert.match(text((await amira.get('/')).body), /Southgate Food Bank/);
		const res = await post(tina, `/organisations/${ids.southgate}/staff/${ids.amira}/remove`);
		assert.equal(res.status, 303, snippet(res.body));
		const event = lastEvent('org.staff.remove');
		assert.deepEqual([event.staff, event.org, event.oldValue], [ids.tina, String(ids.southgate), 'Staff']);
		// the very next request of amira's open session is no longer Southgate's
		const home = await amira.get('/');
		assert.equal(home.status, 200);
		assert.doesNotMatch(home.body, new RegExp(`<option value="${ids.southgate}"`));
		assert.match(text(home.body), /Riverside Citizens Advice/);
	});

	it('does not let a manager act on another organisation through a member id', async () => {
		const mo = await signedIn('mo');
		for (const path of [`/organisations/${ids.riverside}/staff/${ids.tara}/role`, `/organisations/${ids.riverside}/staff/${ids.tara}/remove`]) {
			const res = await post(mo, path, { role: 'manager' });
			assert.equal(res.status, 404, `${path}: ${snippet(res.body)}`);
		}
		assert.equal(dbValue(`SELECT COUNT(*) FROM staff_orgs WHERE staff_id = ${ids.tara} AND organisation_id = ${ids.riverside}`), '0');
	});

	it('lets an administrator act on any organisation, audited', async () => {
		const res = await post(admin, `/organisations/${ids.southgate}/staff/${ids.tara}/role`, { role: 'lead' });
		assert.equal(res.status, 303, snippet(res.body));
		assert.deepEqual([lastEvent('org.staff.role').staff, lastEvent('org.staff.role').org], [ids.admin, String(ids.southgate)]);
		await post(admin, `/organisations/${ids.southgate}/staff/${ids.tara}/remove`);
		assert.equal(lastEvent('org.staff.remove').staff, ids.admin);
	});
});
