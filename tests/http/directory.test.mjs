// The directory settings a real installation needs, against the stack's slapd: StartTLS and
// LDAPS with the certificate checked against the configured CA (and refused when signed by
// another), and group membership read from memberOf instead of searching groups. Each case
// rewrites the program's config and reloads it with SIGHUP, then restores it.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Browser, signedIn, STACK_DIR, waitFor, masterPid, childPids, dbRows, resetThrottle, text } from './lib.mjs';

const configFile = path.join(STACK_DIR, 'referrals.hdf');
const original = fs.readFileSync(configFile, 'utf8');
const tls = path.join(STACK_DIR, 'tls');
const ldapPort = Number(/Uri = ldap:\/\/127\.0\.0\.1:(\d+)/.exec(original)[1]);

// Replaces the Ldap { } block's settings with these, keeping the others.
function withLdap(settings) {
	return original.replace(/Ldap \{([^}]*)\}/, (whole, body) => {
		let lines = body.split('\n');
		for (const [key, value] of Object.entries(settings)) {
			lines = lines.filter((l) => !new RegExp(`^\\s*${key}\\s*=`).test(l));
			if (value !== null) lines.splice(1, 0, `    ${key} = ${value}`);
		}
		return `Ldap {${lines.join('\n')}}`;
	});
}

async function reloadWith(text) {
	const master = masterPid();
	const before = childPids(master);
	fs.writeFileSync(configFile, text);
	process.kill(master, 'SIGHUP');
	const replaced = await waitFor(() => {
		const now = childPids(master);
		return now.length === before.length && now.every((p) => !before.includes(p));
	}, 10000);
	assert.ok(replaced, 'workers replaced after SIGHUP');
}

function slapdLogSize() {
	return fs.statSync(path.join(STACK_DIR, 'slapd.log')).size;
}

function slapdLogSince(offset) {
	const fd = fs.openSync(path.join(STACK_DIR, 'slapd.log'), 'r');
	const size = fs.fstatSync(fd).size;
	const buf = Buffer.alloc(size - offset);
	fs.readSync(fd, buf, 0, buf.length, offset);
	fs.closeSync(fd);
	return buf.toString('utf8');
}

describe('directory connection settings', () => {
	after(async () => {
		await reloadWith(original);
		resetThrottle();
	});

	it('StartTLS with the right CA: sign-in works over an encrypted connection', async () => {
		await reloadWith(withLdap({ StartTls: 1, CaFile: path.join(tls, 'ca.pem'), RequireCert: 1 }));
		const mark = slapdLogSize();
		const ben = await signedIn('ben');
		assert.match(text((await ben.get('/')).body), /Ben Okafor/);
		const log = slapdLogSince(mark);
		assert.match(log, /EXT oid=1\.3\.6\.1\.4\.1\.1466\.20037/, 'the program asked for StartTLS');
		assert.match(log, /BIND dn="uid=ben,ou=people,dc=example,dc=org"/);
		assert.doesNotMatch(log, /STARTTLS.*err=[1-9]/);
	});

	it('StartTLS with a CA that did not sign the certificate: refused as unreachable, no sign-in', async () => {
		await reloadWith(withLdap({ StartTls: 1, CaFile: path.join(tls, 'other-ca.pem'), RequireCert: 1 }));
		const res = await new Browser().trySignIn('ben', 'demopass');
		assert.equal(res.status, 503);
		assert.match(text(res.body), /directory cannot be reached/);
		assert.equal((await new Browser().get('/health')).status, 503, 'health reports the directory down');
	});

	it('LDAPS with the right CA', async () => {
		await reloadWith(withLdap({ Uri: `ldaps://127.0.0.1:${ldapPort + 1}`, StartTls: null, CaFile: path.join(tls, 'ca.pem'), RequireCert: 1 }));
		const ben = await signedIn('ben');
		assert.equal((await ben.get('/')).status, 200);
		assert.equal((await new Browser().get('/health')).status, 200);
	});

	it('memberOf: groups come from the person entry when GroupBaseDn is not set', async () => {
		// the overlay maintains memberOf from the next change to a group
		const password = fs.readFileSync(path.join(STACK_DIR, 'ldap-admin-password'), 'utf8').trim();
		const change = 'dn: cn=foodbank,ou=groups,dc=example,dc=org\nchangetype: modify\ndelete: member\nmember: uid=tom,ou=people,dc=example,dc=org\n-\nadd: member\nmember: uid=tom,ou=people,dc=example,dc=org\n';
		execFileSync('ldapmodify', ['-x', '-H', `ldap://127.0.0.1:${ldapPort}`, '-D', 'cn=admin,dc=example,dc=org', '-w', password], { input: change, env: { ...process.env, LDAPNOINIT: '1' } });
		await reloadWith(withLdap({ UseMemberOf: 1, GroupBaseDn: null }));
		const tom = await signedIn('tom');
		assert.match(text((await tom.get('/')).body), /Southgate Food Bank/);
		assert.deepEqual(
			dbRows(`SELECT o.name, so.group_dn FROM staff_orgs so JOIN staff s ON s.id = so.staff_id JOIN organisations o ON o.id = so.organisation_id WHERE s.username = 'tom'`),
			[['Southgate Food Bank', 'cn=foodbank,ou=groups,dc=example,dc=org']],
		);
		// tara's group has not changed since loading: no memberOf yet, so no organisation
		const tara = await signedIn('tara');
		const home = await tara.get('/');
		assert.equal(home.status, 403);
		assert.match(text(home.body), /not in any organisation/);
	});
});
