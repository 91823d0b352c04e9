// Sessions: the idle timeout, the lifetime, background requests not counting as activity,
// sign-out removing the session, and cookies the program did not issue.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
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

// One session's row, by its cookie, so that other sessions are left alone.
function whereSession(cookie) {
	return `token_hash = UNHEX('${crypto.createHash('sha256').update(cookie.value).digest('hex')}')`;
}

describe('session lifetime', () => {
	it('a session in use ends 12 hours after sign-in (the default), however busy', async () => {
		const { b, cookie } = await signInWithCookie('chloe');
		db(`UPDATE sessions SET created_at = created_at - INTERVAL 11 HOUR - INTERVAL 58 MINUTE WHERE ${whereSession(cookie)}`);
		assert.equal((await b.get('/')).status, 200, 'just under 12 hours');
		db(`UPDATE sessions SET created_at = created_at - INTERVAL 3 MINUTE WHERE ${whereSession(cookie)}`);
		const [[idle]] = dbRows(`SELECT TIMESTAMPDIFF(SECOND, last_seen_at, UTC_TIMESTAMP()) FROM sessions WHERE ${whereSession(cookie)}`);
		assert.ok(Number(idle) < 120, `used a moment ago (${idle} s)`);
		assertSignedOut(await b.get('/'));
		assertSignedOut(await b.get('/'));
	});

	it('follows the session_lifetime_hours setting', async () => {
		const { b, cookie } = await signInWithCookie('chloe');
		db(`UPDATE sessions SET created_at = created_at - INTERVAL 150 MINUTE WHERE ${whereSession(cookie)}`);
		assert.equal((await b.get('/')).status, 200, '2½ hours with a 12-hour lifetime');
		db(`UPDATE settings SET value = '2' WHERE name = 'session_lifetime_hours'`);
		try {
			assertSignedOut(await b.get('/'));
			const fresh = await signInWithCookie('chloe');
			assert.equal((await fresh.b.get('/')).status, 200, 'a new sign-in starts a new lifetime');
		} finally {
			db(`UPDATE settings SET value = '12' WHERE name = 'session_lifetime_hours'`);
		}
	});
});

describe('background requests', () => {
	it('the inbox badge poll does not keep an open tab signed in', async () => {
		const { b, cookie } = await signInWithCookie('chloe');
		const lastSeen = () => dbRows(`SELECT last_seen_at FROM sessions WHERE ${whereSession(cookie)}`)[0][0];
		db(`UPDATE sessions SET last_seen_at = last_seen_at - INTERVAL 20 MINUTE WHERE ${whereSession(cookie)}`);
		const aged = lastSeen();
		// a tab left open polls every minute
		for (let i = 0; i < 3; i++) {
			const poll = await b.get('/api/inbox/unread');
			assert.equal(poll.status, 200, snippet(poll.body));
			assert.ok(Number.isInteger(JSON.parse(poll.body).unread));
		}
		assert.equal(lastSeen(), aged, 'the poll is not activity');
		db(`UPDATE sessions SET last_seen_at = last_seen_at - INTERVAL 11 MINUTE WHERE ${whereSession(cookie)}`);
		assert.notEqual((await b.get('/api/inbox/unread')).status, 200, 'past the 30-minute timeout the poll is signed out too');
		assertSignedOut(await b.get('/'));
	});

	it('a page the person asks for still counts', async () => {
		const { b, cookie } = await signInWithCookie('chloe');
		db(`UPDATE sessions SET last_seen_at = last_seen_at - INTERVAL 20 MINUTE WHERE ${whereSession(cookie)}`);
		assert.equal((await b.get('/inbox')).status, 200);
		const [[idle]] = dbRows(`SELECT TIMESTAMPDIFF(SECOND, last_seen_at, UTC_TIMESTAMP()) FROM sessions WHERE ${whereSession(cookie)}`);
		assert.ok(Number(idle) < 60, `idle ${idle} s after a page`);
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
