// Failed sign-ins are rate limited per account (5 in 15 minutes, however the name is spelled)
// and per address (20 in 15 minutes). Only the tester accounts (tina, tom, tara) and made-up names are used here, and the
// attempts are forgotten afterwards so no other test is locked out.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Browser, PASSWORD, STACK_DIR, text, snippet, resetThrottle, securityHeaderProblems, db, dbRows, csrfFrom, waitFor } from './lib.mjs';

const tooMany = /too many/i;

async function failOnce(username) {
	const b = new Browser();
	const res = await b.trySignIn(username, 'wrong-password');
	assert.ok(res.status === 200 || res.status === 401, `failed sign-in ${username} answered ${res.status}: ${snippet(res.body)}`);
	return res;
}

describe('sign-in throttling', () => {
	before(() => resetThrottle());
	after(() => resetThrottle());

	it('records failed attempts in login_attempts', async () => {
		resetThrottle();
		await failOnce('tina');
		const [[count]] = dbRows('SELECT COUNT(*) FROM login_attempts');
		assert.ok(Number(count) >= 1, 'a row per failure');
	});

	it('per account: after 5 failures the next attempt, even with the right password, gets 429', async () => {
		resetThrottle();
		for (let i = 0; i < 5; i++) await failOnce('tina');
		const b = new Browser();
		const res = await b.trySignIn('tina', PASSWORD);
		assert.equal(res.status, 429, snippet(res.body));
		assert.match(res.headers['content-type'] || '', /^text\/html/);
		assert.match(text(res.body), tooMany, 'a clear message');
		assert.deepEqual(securityHeaderProblems(res), []);
		assert.equal((await b.get('/')).status, 303, 'no session');
	});

	it('says how long to wait: the lock-out window the administrator set', async () => {
		resetThrottle();
		for (let i = 0; i < 5; i++) await failOnce('tina');
		assert.match(text((await new Browser().trySignIn('tina', PASSWORD)).body), /Wait 15 minutes, then try again/, 'the default window');
		db(`UPDATE settings SET value = '40' WHERE name = 'signin_window_minutes'`); // the triggers move the catalog's generation
		try {
			assert.match(text((await new Browser().trySignIn('tina', PASSWORD)).body), /Wait 40 minutes, then try again/);
		} finally {
			db(`UPDATE settings SET value = '15' WHERE name = 'signin_window_minutes'`);
		}
		resetThrottle();
	});

	it('per account: another account from the same address is not held back', async () => {
		const b = new Browser();
		const res = await b.trySignIn('tom', PASSWORD);
		assert.equal(res.status, 303, snippet(res.body));
	});

	it('per account: a made-up name is throttled like a real one (no account enumeration)', async () => {
		resetThrottle();
		for (let i = 0; i < 5; i++) await failOnce('nosuchtester');
		const res = await new Browser().trySignIn('nosuchtester', PASSWORD);
		assert.equal(res.status, 429, snippet(res.body));
	});

	it('forgetting the attempts lets the account in again', async () => {
		resetThrottle();
		const res = await new Browser().trySignIn('tina', PASSWORD);
		assert.equal(res.status, 303, snippet(res.body));
	});

	it('per address: after 20 failures across usernames the next attempt gets 429', async () => {
		resetThrottle();
		// 4 each for tom and tara (under the per-account limit) and 12 made-up names: 20.
		const names = [];
		for (let i = 0; i < 4; i++) names.push('tom', 'tara');
		for (let i = 0; i < 12; i++) names.push(`nobody${String(i).padStart(2, '0')}`);
		for (const name of names) await failOnce(name);
		// tara has 4 failures, one short of her own limit: this 429 is the address's.
		const b = new Browser();
		const res = await b.trySignIn('tara', PASSWORD);
		assert.equal(res.status, 429, snippet(res.body));
		assert.match(text(res.body), tooMany, 'a clear message');
		assert.equal((await b.get('/')).status, 303, 'no session');
		const fresh = await new Browser().trySignIn('nobody-fresh', 'wrong-password');
		assert.equal(fresh.status, 429, 'a new name from the same address is held back too');
	});
});

// The directory matches a username the way LDAP compares names (Unicode NFKC, case folded),
// so other spellings of a name reach the same entry: they must share one lock-out, and the
// count must be taken before the password is tried, so parallel attempts cannot overrun it.
function slapdLogSize() {
	return fs.statSync(path.join(STACK_DIR, 'slapd.log')).size;
}

// Binds as the entry (password attempts against the directory) since offset.
function bindsSince(offset, dn) {
	const fd = fs.openSync(path.join(STACK_DIR, 'slapd.log'), 'r');
	const size = fs.fstatSync(fd).size;
	const buf = Buffer.alloc(size - offset);
	fs.readSync(fd, buf, 0, buf.length, offset);
	fs.closeSync(fd);
	return buf.toString('utf8').split('\n').filter((l) => l.includes(`BIND dn="${dn}"`)).length;
}

const tinaDn = 'uid=tina,ou=people,dc=example,dc=org';

describe('sign-in throttling: one lock-out per directory entry', () => {
	before(() => resetThrottle());
	after(() => resetThrottle());

	it('other spellings the directory takes for the same name share one lock-out', async () => {
		resetThrottle();
		// full-width letters, a capital dotted I (lower case i), capitals, mixed
		for (const spelling of ['ｔｉｎａ', 'tİna', 'TINA', 'Ｔｉna', 'tina']) {
			const res = await failOnce(spelling);
			assert.equal(res.status, 401, `${spelling}: ${snippet(res.body)}`);
		}
		for (const spelling of ['tina', 'ｔｉｎａ', 'tİna', 'ＴＩＮＡ']) {
			const b = new Browser();
			const res = await b.trySignIn(spelling, PASSWORD);
			assert.equal(res.status, 429, `${spelling} with the right password after 5 failures: ${snippet(res.body)}`);
			assert.match(text(res.body), tooMany);
			assert.equal((await b.get('/')).status, 303, 'no session');
		}
	});

	it('a spelling is counted as the directory folds it before the entry is known', async () => {
		resetThrottle();
		for (let i = 0; i < 5; i++) await failOnce(['ｎｏｂｏｄｙ', 'NOBODY', 'nobody', 'ＮＯbody', 'nobody'][i]);
		const res = await new Browser().trySignIn('ｎｏｂｏｄｙ', PASSWORD);
		assert.equal(res.status, 429, snippet(res.body));
		assert.deepEqual(dbRows(`SELECT subject, failures FROM login_attempts WHERE scope = 'account'`), [['nobody', '5']]);
	});

	it('12 parallel wrong passwords: at most 5 are tried against the directory, the rest are throttled', async () => {
		resetThrottle();
		const browsers = Array.from({ length: 12 }, () => new Browser());
		const forms = await Promise.all(browsers.map((b) => b.get('/signin')));
		const mark = slapdLogSize();
		const spellings = ['tina', 'ｔｉｎａ', 'tİna', 'TINA'];
		const results = await Promise.all(browsers.map((b, i) => b.post('/signin', {
			username: spellings[i % spellings.length], password: 'wrong-password', csrf: csrfFrom(forms[i].body),
		})));
		const statuses = results.map((r) => r.status).sort();
		const refused = statuses.filter((s) => s === 401).length;
		const throttled = statuses.filter((s) => s === 429).length;
		assert.equal(refused + throttled, 12, `statuses ${statuses}`);
		assert.equal(refused, 5, `exactly 5 wrong passwords reach the directory: ${statuses}`);
		for (const r of results.filter((x) => x.status === 429)) assert.match(text(r.body), tooMany);
		// slapd's own log: 5 binds as tina, however the name was spelled
		assert.ok(await waitFor(() => bindsSince(mark, tinaDn) >= 5, 5000));
		assert.equal(bindsSince(mark, tinaDn), 5, 'binds as the entry');
		const res = await new Browser().trySignIn('tina', PASSWORD);
		assert.equal(res.status, 429, 'the right password after the lock-out is refused');
		assert.match(text(res.body), tooMany);
		assert.equal(bindsSince(mark, tinaDn), 5, 'and is not tried against the directory');
	});

	it('a successful sign-in clears the count of every spelling of the entry', async () => {
		resetThrottle();
		for (let i = 0; i < 4; i++) await failOnce(i % 2 ? 'ｔｉｎａ' : 'TİNA');
		await new Browser().signIn('tina');
		for (let i = 0; i < 4; i++) await failOnce('tina');
		assert.equal((await new Browser().trySignIn('ｔｉｎａ', PASSWORD)).status, 303);
	});
});
