// Sessions: the idle timeout, sign-out removing the session, and cookies the program did not issue.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, BASE_PATH, text, snippet, sessionCookieFrom, db, dbRows } from './lib.mjs';

async function signInWithCookie(username) {
	const b = new Browser();
	const cookie = sessionCookieFrom(await b.signIn(username));
	assert.ok(cookie, 'the sign-in sets a session cookie');
	return { b, cookie };
}

function assertSignedOut(res) {
	assert.equal(res.status, 303, `status ${res.status}: ${snippet(res.body)}`);
	assert.ok(res.location.startsWith(BASE_PATH + '/signin'), `Location ${res.headers.location}`);
}

describe('session idle timeout', () => {
	it('a session used a minute ago still works', async () => {
		const { b } = await signInWithCookie('chloe');
		db('UPDATE sessions SET last_seen_at = last_seen_at - INTERVAL 1 MINUTE');
		const res = await b.get('/');
		assert.equal(res.status, 200);
		assert.match(text(res.body), /Chloe Davies/);
	});

	it('a session idle for a day is over: home redirects to sign-in', async () => {
		const { b } = await signInWithCookie('chloe');
		assert.equal((await b.get('/')).status, 200);
		db('UPDATE sessions SET last_seen_at = last_seen_at - INTERVAL 1 DAY');
		assertSignedOut(await b.get('/'));
	});

	it('using a session moves its last_seen_at forward', async () => {
		const { b } = await signInWithCookie('chloe');
		db('UPDATE sessions SET last_seen_at = last_seen_at - INTERVAL 10 MINUTE');
		const [[aged]] = dbRows('SELECT MAX(last_seen_at) FROM sessions');
		assert.equal((await b.get('/')).status, 200);
		const [[now]] = dbRows('SELECT MAX(last_seen_at) FROM sessions');
		assert.ok(now > aged, `last_seen_at went from ${aged} to ${now}`);
	});
});

describe('sign-out', () => {
	it('deletes the session: the old cookie no longer works', async () => {
		const { b, cookie } = await signInWithCookie('chloe');
		const out = await b.signOut();
		assert.equal(out.status, 303, snippet(out.body));
		const replay = new Browser();
		replay.cookies.set(cookie.name, cookie.value);
		assertSignedOut(await replay.get('/'));
	});

	it('leaves the other sessions of the same user alone', async () => {
		const one = await signInWithCookie('chloe');
		const two = await signInWithCookie('chloe');
		await one.b.signOut();
		assert.equal((await two.b.get('/')).status, 200);
	});
});

describe('cookies the program did not issue', () => {
	const values = [
		'0'.repeat(64),
		'not-a-token',
		'%zz%00',
		'x'.repeat(3000),
		'"quoted"',
	];
	for (const value of values) {
		it(`session cookie ${JSON.stringify(value.slice(0, 20))}${value.length > 20 ? '…' : ''} is treated as signed out`, async () => {
			const { cookie } = await signInWithCookie('chloe');
			const b = new Browser();
			b.cookies.set(cookie.name, value);
			assertSignedOut(await b.get('/'));
		});
	}
});
