// Failed sign-ins are rate limited per account (5 in 15 minutes) and per address (20 in 15
// minutes). Only the tester accounts (tina, tom, tara) and made-up names are used here, and the
// attempts are forgotten afterwards so no other test is locked out.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, PASSWORD, text, snippet, resetThrottle, securityHeaderProblems, dbRows } from './lib.mjs';

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
