// Sign-in and sign-out: the form, the session cookie, where a successful sign-in goes, and
// every way a sign-in must fail (including LDAP filter injection) without making a session.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	Browser, BASE_PATH, PASSWORD, csrfFrom, attr, text, snippet, sessionCookieFrom, resetThrottle, signedIn,
} from './lib.mjs';

function formInputs(html) {
	return (html.match(/<input\b[^>]*>/gi) || []).map((tag) => ({ name: attr(tag, 'name'), type: attr(tag, 'type'), value: attr(tag, 'value'), tag }));
}

function signinForm(html) {
	const m = html.match(/<form\b[^>]*>/i);
	assert.ok(m, 'the page has a form');
	return { method: attr(m[0], 'method'), action: attr(m[0], 'action') };
}

// After a refused sign-in: the form again, the username kept, an error, and no session.
async function assertRefused(b, res, username, message) {
	assert.ok(res.status === 200 || res.status === 401, `status ${res.status}, expected 200 or 401: ${snippet(res.body)}`);
	assert.match(res.body, /<form\b/i, 'the form is shown again');
	const user = formInputs(res.body).find((i) => i.name === 'username');
	assert.ok(user, 'the form has a username field');
	if (username !== '') assert.equal(user.value, username, 'the username typed is kept');
	assert.match(text(res.body), message);
	assert.ok(csrfFrom(res.body), 'the form again carries a csrf token');
	const home = await b.get('/');
	assert.equal(home.status, 303, 'no session: home still redirects to sign-in');
	assert.ok(home.location.startsWith(BASE_PATH + '/signin'), `home redirects to ${home.location}`);
}

describe('sign-in form', () => {
	it('GET /signin shows a form posting username, password and csrf to the sign-in path', async () => {
		const res = await new Browser().get('/signin');
		assert.equal(res.status, 200);
		assert.match(res.headers['content-type'], /^text\/html/);
		const form = signinForm(res.body);
		assert.equal((form.method || '').toLowerCase(), 'post');
		assert.equal(form.action, BASE_PATH + '/signin');
		const inputs = formInputs(res.body);
		assert.ok(inputs.find((i) => i.name === 'username'), 'username field');
		assert.equal(inputs.find((i) => i.name === 'password')?.type, 'password', 'password field of type password');
		assert.ok(csrfFrom(res.body), 'hidden csrf field with a value');
	});

	it('keeps a local next path in the form', async () => {
		const res = await new Browser().get('/signin?next=' + encodeURIComponent('/health'));
		assert.equal(res.status, 200);
		const next = formInputs(res.body).find((i) => i.name === 'next');
		assert.ok(next, 'a next field');
		assert.equal(next.value, '/health');
	});
});

describe('signed out', () => {
	it('GET / redirects to the sign-in page with next=/', async () => {
		const res = await new Browser().get('/');
		assert.equal(res.status, 303);
		assert.ok(res.location.startsWith(BASE_PATH + '/signin'), `Location ${res.headers.location}`);
		const next = new URL(res.location, 'http://x').searchParams.get('next');
		assert.equal(next, '/');
		assert.equal(res.headers.location.replace(/^https?:\/\/[^/]+/, ''), BASE_PATH + '/signin?next=%2F');
	});
});

describe('successful sign-in', () => {
	it('redirects (303) to the home page, sets a HttpOnly SameSite=Lax session cookie, and home shows the name', async () => {
		const b = new Browser();
		const res = await b.trySignIn('amira', PASSWORD);
		assert.equal(res.status, 303, snippet(res.body));
		assert.equal(res.location, BASE_PATH + '/');
		const cookie = sessionCookieFrom(res);
		assert.ok(cookie, 'a session cookie is set');
		assert.ok(cookie.value.length >= 32, `the token is long: ${cookie.value}`);
		assert.equal(cookie.attrs.httponly, true, 'HttpOnly');
		assert.equal(String(cookie.attrs.samesite).toLowerCase(), 'lax', 'SameSite=Lax');
		assert.equal(cookie.attrs.secure, undefined, 'not Secure over plain http (the browser would drop it)');
		assert.ok(!cookie.name.startsWith('__Host-') && !cookie.name.startsWith('__Secure-'), 'no Secure-only prefix over http');
		const home = await b.get('/');
		assert.equal(home.status, 200);
		assert.match(text(home.body), /Amira Khan/);
	});

	it('gives a new session token at every sign-in (rotation), also over an existing session', async () => {
		const a = new Browser();
		const first = sessionCookieFrom(await a.signIn('chloe'));
		const other = sessionCookieFrom(await new Browser().signIn('chloe'));
		assert.notEqual(first.value, other.value, 'two sign-ins, two tokens');
		// Signing in again from the same browser replaces the token it had.
		const form = await a.get('/signin');
		const csrf = csrfFrom(form.body) || (await a.csrf('/'));
		const again = await a.post('/signin', { username: 'chloe', password: PASSWORD, csrf });
		assert.equal(again.status, 303, snippet(again.body));
		const second = sessionCookieFrom(again);
		assert.ok(second, 'the second sign-in sets the cookie again');
		assert.notEqual(second.value, first.value, 'the token changed');
		assert.equal((await a.get('/')).status, 200);
	});

	it('does not adopt a session token planted before sign-in (fixation)', async () => {
		const probe = sessionCookieFrom(await new Browser().signIn('chloe'));
		const b = new Browser();
		const planted = 'f'.repeat(probe.value.length);
		b.cookies.set(probe.name, planted);
		const res = await b.signIn('chloe');
		const cookie = sessionCookieFrom(res);
		assert.ok(cookie && cookie.value !== planted, 'a fresh token replaces the planted one');
	});

	it('goes to a local next path', async () => {
		const b = new Browser();
		const res = await b.signIn('amira', PASSWORD, { next: '/health' });
		assert.equal(res.location, BASE_PATH + '/health');
	});

	for (const next of ['http://evil.example/', 'https://evil.example', '//evil.example/', '///evil.example', 'evil.example', 'javascript:alert(1)']) {
		it(`does not follow next=${next}`, async () => {
			const b = new Browser();
			const res = await b.signIn('amira', PASSWORD, { next });
			assert.equal(res.location, BASE_PATH + '/', `Location ${res.headers.location}`);
		});
	}

	it('keeps a next path with a backslash on our own site', async () => {
		const res = await new Browser().signIn('amira', PASSWORD, { next: '/\\evil.example' });
		const loc = new URL(res.headers.location, 'http://127.0.0.1:18080' + BASE_PATH + '/');
		assert.equal(loc.host, '127.0.0.1:18080', `Location ${res.headers.location}`);
		assert.ok(loc.pathname.startsWith(BASE_PATH + '/'), `Location ${res.headers.location}`);
	});
});

describe('what the sign-in reflects', () => {
	it('a next path with CR/LF cannot add a header', async () => {
		const b = await signedIn('amira');
		const res = await b.get('/signin?next=' + encodeURIComponent('/x\r\nX-Injected: 1'));
		assert.equal(res.status, 303);
		assert.equal(res.headers['x-injected'], undefined);
		assert.doesNotMatch(res.headers.location, /[\r\n]/);
	});

	it('GET /signin when signed in goes to next, and not to another site', async () => {
		const b = await signedIn('amira');
		const local = await b.get('/signin?next=' + encodeURIComponent('/health'));
		assert.equal(local.status, 303);
		assert.equal(local.location, BASE_PATH + '/health');
		const evil = await b.get('/signin?next=' + encodeURIComponent('//evil.example'));
		assert.equal(evil.location, BASE_PATH + '/');
	});

	it('escapes the next path and the username it shows again', async () => {
		const b = new Browser();
		const form = await b.get('/signin?next=' + encodeURIComponent('/"><script>alert(1)</script>'));
		assert.equal(form.status, 200);
		assert.ok(!form.body.includes('<script>alert(1)'), 'next is escaped');
		const refused = await b.trySignIn('"><script>alert(2)</script>', 'wrong-password');
		assert.ok(!refused.body.includes('<script>alert(2)'), 'the username is escaped');
	});

	for (const [what, username, password] of [
		['a 1,000-character username', 'u'.repeat(1000), 'wrong-password'],
		['a username outside ASCII', 'émilie-ß-😀', 'wrong-password'],
		['a 60,000-character password', 'amira', 'p'.repeat(60000)],
		['LDAP special characters in the password', 'amira', '*)(uid=*))(|(uid=*\\00'],
	]) {
		it(`${what}: refused, not a 500`, async () => {
			const b = new Browser();
			const res = await b.trySignIn(username, password);
			assert.ok(res.status === 200 || res.status === 401, `status ${res.status}: ${snippet(res.body)}`);
			assert.equal((await b.get('/')).status, 303, 'no session');
		});
	}

	after(() => resetThrottle());
});

describe('refused sign-in', () => {
	// Failed sign-ins count against the test address; leave none behind for the next file.
	after(() => resetThrottle());

	const wrong = /correct username and password/i;

	it('wrong password', async () => {
		const b = new Browser();
		await assertRefused(b, await b.trySignIn('amira', 'not-the-password'), 'amira', wrong);
	});

	it('unknown user', async () => {
		const b = new Browser();
		await assertRefused(b, await b.trySignIn('nobody-here', PASSWORD), 'nobody-here', wrong);
	});

	it('empty password', async () => {
		const b = new Browser();
		await assertRefused(b, await b.trySignIn('amira', ''), 'amira', /password/i);
	});

	it('empty username', async () => {
		const b = new Browser();
		await assertRefused(b, await b.trySignIn('', PASSWORD), '', /username/i);
	});

	it('does not show the error messages before anything was typed', async () => {
		const res = await new Browser().get('/signin');
		assert.doesNotMatch(text(res.body), wrong);
	});

	// Each of these would match a real entry if the filter value were not escaped (RFC 4515).
	for (const username of ['*)(uid=*', '*', 'ben)(|(uid=*', 'admin*', 'a*', '*)(|(objectClass=*', 'ben\\2a', 'ben\u0000']) {
		it(`LDAP filter injection: username ${JSON.stringify(username)}`, async () => {
			const b = new Browser();
			const res = await b.trySignIn(username, PASSWORD);
			assert.notEqual(res.status, 303, 'not signed in');
			assert.ok(res.status < 500, `status ${res.status}: ${snippet(res.body)}`);
			const home = await b.get('/');
			assert.equal(home.status, 303, 'no session');
		});
	}
});

describe('sign-out', () => {
	it('POST /signout ends the session and redirects', async () => {
		const b = await signedIn('chloe');
		const res = await b.signOut();
		assert.equal(res.status, 303, snippet(res.body));
		assert.ok(res.location.startsWith(BASE_PATH + '/'), `Location ${res.headers.location}`);
		const home = await b.get('/');
		assert.equal(home.status, 303);
		assert.ok(home.location.startsWith(BASE_PATH + '/signin'));
	});

	it('GET /signout does not sign out (405 or 404)', async () => {
		const b = await signedIn('chloe');
		const res = await b.get('/signout');
		assert.ok(res.status === 405 || res.status === 404, `status ${res.status}`);
		assert.equal((await b.get('/')).status, 200, 'still signed in');
	});
});
