// Directory groups change while staff are signed in: a live session's directory memberships
// and administrator flag are read again from the directory every Ldap.GroupRecheckMinutes
// (15 by default), so someone taken out of a group loses that organisation (or the
// administration pages) within minutes, not at their next sign-in. The test stands in for
// the minutes passing by moving staff.groups_checked_at back; the groups are changed in the
// stack's real slapd with ldapmodify, and put back afterwards.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { signedIn, STACK_DIR, db, dbRows, stack, text, snippet } from './lib.mjs';

const ldapUri = process.env.LDAP_URI || 'ldap://127.0.0.1:13890';
const people = 'ou=people,dc=example,dc=org';
const groups = 'ou=groups,dc=example,dc=org';

function ldapModify(change) {
	const password = fs.readFileSync(path.join(STACK_DIR, 'ldap-admin-password'), 'utf8').trim();
	execFileSync('ldapmodify', ['-x', '-c', '-H', ldapUri, '-D', 'cn=admin,dc=example,dc=org', '-w', password], {
		input: change, env: { ...process.env, LDAPNOINIT: '1' }, stdio: ['pipe', 'ignore', 'ignore'],
	});
}

function member(action, group, uid) {
	try {
		ldapModify(`dn: cn=${group},${groups}\nchangetype: modify\n${action}: member\nmember: uid=${uid},${people}\n`);
	} catch {
		// already so (put back after a test that failed half-way)
	}
}

// As if the interval had passed since the staff member's groups were last read.
function recheckDue(username, minutes = 16) {
	db(`UPDATE staff SET groups_checked_at = groups_checked_at - INTERVAL ${minutes} MINUTE WHERE username = '${username}'`);
}

function directoryOrgs(username) {
	return dbRows(`SELECT o.name FROM staff_orgs so JOIN staff s ON s.id = so.staff_id JOIN organisations o ON o.id = so.organisation_id
		WHERE s.username = '${username}' AND so.source = 'directory' ORDER BY o.name`).map(([n]) => n);
}

describe('directory groups re-read while a session lives', () => {
	after(async () => {
		member('add', 'foodbank', 'tom');
		member('delete', 'referrals-admins', 'tara');
		db(`UPDATE staff SET is_admin = 0 WHERE username = 'tara'`);
		await signedIn('tom'); // his memberships as the directory has them again
	});

	it('taken out of the group, tom loses Southgate Food Bank in his open session at the re-check', async () => {
		const tom = await signedIn('tom');
		assert.match(text((await tom.get('/')).body), /Southgate Food Bank/);
		member('delete', 'foodbank', 'tom');

		// within the interval nothing has been read again yet
		const soon = await tom.get('/');
		assert.equal(soon.status, 200);
		assert.deepEqual(directoryOrgs('tom'), ['Southgate Food Bank']);

		recheckDue('tom');
		const home = await tom.get('/');
		assert.equal(home.status, 403, snippet(home.body));
		assert.match(text(home.body), /not in any organisation/);
		assert.deepEqual(directoryOrgs('tom'), []);
		const [[age]] = dbRows(`SELECT TIMESTAMPDIFF(SECOND, groups_checked_at, UTC_TIMESTAMP()) FROM staff WHERE username = 'tom'`);
		assert.ok(Number(age) < 60, `read again just now (${age} s ago)`);

		// and back in the group: back in the organisation at the next re-check
		member('add', 'foodbank', 'tom');
		recheckDue('tom');
		assert.equal((await tom.get('/')).status, 200);
		assert.deepEqual(directoryOrgs('tom'), ['Southgate Food Bank']);
	});

	it('taken out of the administrator group, tara loses the administration pages at the re-check', async () => {
		member('add', 'referrals-admins', 'tara');
		const tara = await signedIn('tara');
		assert.equal((await tara.get('/admin')).status, 200, 'an administrator after signing in');
		member('delete', 'referrals-admins', 'tara');
		recheckDue('tara');
		const res = await tara.get('/admin');
		assert.equal(res.status, 403, snippet(res.body));
		assert.deepEqual(dbRows(`SELECT is_admin FROM staff WHERE username = 'tara'`), [['0']]);
		assert.equal((await tara.get('/')).status, 200, 'still staff of her organisation');
	});

	it('a poll of the inbox badge re-reads the groups too (an open tab left alone)', async () => {
		const tom = await signedIn('tom');
		member('delete', 'foodbank', 'tom');
		recheckDue('tom');
		const poll = await tom.get('/api/inbox/unread');
		assert.notEqual(poll.status, 200, 'no organisation: no inbox count');
		assert.deepEqual(directoryOrgs('tom'), []);
		member('add', 'foodbank', 'tom');
	});

	it('a directory that cannot answer keeps the memberships, and is asked again a minute later', async () => {
		const tom = await signedIn('tom');
		recheckDue('tom');
		stack('stop-ldap');
		try {
			const home = await tom.get('/');
			assert.equal(home.status, 200, snippet(home.body));
			assert.match(text(home.body), /Southgate Food Bank/);
			const [[age]] = dbRows(`SELECT TIMESTAMPDIFF(SECOND, groups_checked_at, UTC_TIMESTAMP()) FROM staff WHERE username = 'tom'`);
			assert.ok(Number(age) >= 14 * 60 && Number(age) < 15 * 60, `due again in about a minute (checked ${age} s ago)`);
		} finally {
			stack('start-ldap');
		}
	});
});
