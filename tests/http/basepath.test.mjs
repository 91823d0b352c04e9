// The application mounted under a path prefix: every URL it writes (Location headers, href,
// src, action) starts with the base path, and nginx's "/" outside the prefix is not the app.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, BASE_PATH, ORIGIN, PASSWORD, attr, signedIn, linksOutsideBase, csrfFrom, organisationId, resetThrottle } from './lib.mjs';

function assertLocationInBase(res, what) {
	assert.ok(res.headers.location, `${what}: a Location header (status ${res.status})`);
	assert.ok(res.location.startsWith(BASE_PATH + '/'), `${what}: Location ${res.headers.location}`);
}

function assertLinksInBase(res, what) {
	assert.deepEqual(linksOutsideBase(res.body), [], `${what}: URLs outside ${BASE_PATH}`);
}

describe('URLs honour the base path', () => {
	it('in the pages a signed-out visitor sees', async () => {
		const b = new Browser();
		for (const p of ['/signin', '/signin?next=%2F', '/no-such-page', '/_test/status/404', '/_test/status/500']) {
			const res = await b.get(p);
			assert.match(res.body, /<html\b/i, `${p} is a page`);
			assertLinksInBase(res, p);
		}
		const refused = await b.trySignIn('amira', 'wrong-password');
		assertLinksInBase(refused, 'a refused sign-in');
		resetThrottle();
	});

	it('in the pages signed-in users see', async () => {
		for (const user of ['amira', 'ben', 'admin', 'dan']) {
			const b = await signedIn(user);
			for (const p of ['/', '/no-such-page']) {
				const res = await b.get(p);
				assert.match(res.body, /<html\b/i, `${user} ${p} is a page`);
				assertLinksInBase(res, `${user} ${p}`);
			}
		}
	});

	it('in every redirect', async () => {
		const b = new Browser();
		assertLocationInBase(await b.get('/'), 'signed-out home');
		assertLocationInBase(await b.signIn('ben', PASSWORD), 'sign-in');
		const csrf = await b.csrf('/');
		assertLocationInBase(await b.post('/organisation', { organisation_id: organisationId('Eastbrook NHS Talking Therapies'), csrf }), 'switch organisation');
		assertLocationInBase(await b.post('/signout', { csrf: await b.csrf('/') }), 'sign-out');
	});

	it('the stylesheets and scripts a page links are served under the base path', async () => {
		const b = new Browser();
		const page = await b.get('/signin');
		const assets = [
			...(page.body.match(/<link\b[^>]*>/gi) || []).filter((t) => /stylesheet|icon/i.test(attr(t, 'rel') || '')).map((t) => attr(t, 'href')),
			...(page.body.match(/<script\b[^>]*>/gi) || []).map((t) => attr(t, 'src')).filter(Boolean),
		];
		assert.ok(assets.length > 0, 'the page links a stylesheet');
		for (const a of assets) {
			assert.ok(a.startsWith(BASE_PATH + '/'), a);
			const res = await b.get(ORIGIN + a);
			assert.equal(res.status, 200, `${a}: ${res.status}`);
		}
	});
});

describe('outside the prefix', () => {
	it('nginx "/" is not the application', async () => {
		const b = new Browser();
		const root = await b.get(ORIGIN + '/');
		assert.ok(!(root.status === 303 && /signin/.test(root.headers.location || '')), 'no redirect to the sign-in');
		assert.equal(csrfFrom(root.body), undefined, 'no application form');
		assert.equal(root.setCookies.length, 0, 'no application cookie');
	});

	it('/signin and /health without the prefix are not the application', async () => {
		const b = new Browser();
		const signin = await b.get(ORIGIN + '/signin');
		assert.equal(csrfFrom(signin.body), undefined, 'no sign-in form at /signin');
		const health = await b.get(ORIGIN + '/health');
		assert.doesNotMatch(health.body, /"database"/, 'no application health at /health');
	});

	it('a path that only starts like the prefix is not the application', async () => {
		const res = await new Browser().get(ORIGIN + BASE_PATH + 'x/signin');
		assert.equal(csrfFrom(res.body), undefined);
	});
});
