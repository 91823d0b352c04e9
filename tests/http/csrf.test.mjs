// Cross-site request forgery: every unsafe request needs the form's csrf token and a same-site
// Origin; a refused one answers 403 and changes nothing.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import {
	Browser, ORIGIN, PASSWORD, text, snippet, signedIn, csrfFrom, organisationId, activeOrganisation,
	securityHeaderProblems,
} from './lib.mjs';

const NORTHFIELD = 'Northfield Council Housing Options';
const EASTBROOK = 'Eastbrook NHS Talking Therapies';
const BENS = [NORTHFIELD, EASTBROOK];

function assertForbidden(res) {
	assert.equal(res.status, 403, `status ${res.status}: ${snippet(res.body)}`);
	assert.match(res.headers['content-type'] || '', /^text\/html/);
	assert.match(res.body, /<h1\b/i, 'a rendered error page');
	assert.deepEqual(securityHeaderProblems(res), []);
}

// The ways a forged request may arrive, given the real token: each must be refused.
function forgeries(realCsrf, foreignCsrf) {
	return [
		['without csrf', {}, {}],
		['with an empty csrf', { csrf: '' }, {}],
		['with a wrong csrf', { csrf: 'A'.repeat(realCsrf.length) }, {}],
		['with a csrf one character off', { csrf: realCsrf.slice(0, -1) + (realCsrf.endsWith('0') ? '1' : '0') }, {}],
		["with another session's csrf", { csrf: foreignCsrf }, {}],
		['with the right csrf from a foreign Origin', { csrf: realCsrf }, { origin: 'https://evil.example' }],
		['with the right csrf from Origin: null', { csrf: realCsrf }, { origin: 'null' }],
		['with the right csrf from our host on another port', { csrf: realCsrf }, { origin: 'http://127.0.0.1:18081' }],
		[
			'with the right csrf, no Origin and Sec-Fetch-Site: cross-site',
			{ csrf: realCsrf },
			{ origin: null, headers: { 'Sec-Fetch-Site': 'cross-site' } },
		],
	];
}

describe('CSRF on POST /signout', () => {
	it('refuses each forgery with 403 and the session stays', async () => {
		const victim = await signedIn('chloe');
		const other = await signedIn('amira');
		const real = await victim.csrf('/');
		assert.ok(real, 'the home page carries a csrf token');
		const foreign = await other.csrf('/');
		for (const [what, fields, opts] of forgeries(real, foreign)) {
			const res = await victim.post('/signout', fields, opts);
			assert.equal(res.status, 403, `${what}: status ${res.status}`);
			assertForbidden(res);
			const home = await victim.get('/');
			assert.equal(home.status, 200, `${what}: still signed in`);
		}
		// The real thing works, so the refusals above were about the token and the origin.
		const ok = await victim.post('/signout', { csrf: real });
		assert.equal(ok.status, 303);
	});
});

describe('CSRF on POST /organisation', () => {
	let eastbrookId;
	before(() => {
		eastbrookId = organisationId(EASTBROOK);
	});

	it('refuses each forgery with 403 and the active organisation stays', async () => {
		const ben = await signedIn('ben');
		const home = await ben.get('/');
		const active = activeOrganisation(home.body, BENS);
		assert.ok(active, 'the home page shows the active organisation');
		const targetId = active === EASTBROOK ? organisationId(NORTHFIELD) : eastbrookId;
		const real = csrfFrom(home.body);
		const foreign = await (await signedIn('amira')).csrf('/');
		for (const [what, fields, opts] of forgeries(real, foreign)) {
			const res = await ben.post('/organisation', { organisation_id: targetId, ...fields }, opts);
			assert.equal(res.status, 403, `${what}: status ${res.status}`);
			assertForbidden(res);
			const after = await ben.get('/');
			assert.equal(after.status, 200);
			assert.equal(activeOrganisation(after.body, BENS), active, `${what}: the active organisation is unchanged`);
		}
	});
});

describe('CSRF on POST /signin', () => {
	it('without the csrf field: 403 and no session', async () => {
		const b = new Browser();
		await b.get('/signin');
		const res = await b.post('/signin', { username: 'amira', password: PASSWORD });
		assertForbidden(res);
		assert.equal((await b.get('/')).status, 303);
	});

	it('with a wrong csrf: 403 and no session', async () => {
		const b = new Browser();
		const form = await b.get('/signin');
		const real = csrfFrom(form.body);
		const res = await b.post('/signin', { username: 'amira', password: PASSWORD, csrf: 'B'.repeat(real.length) });
		assertForbidden(res);
		assert.equal((await b.get('/')).status, 303);
	});

	it("with the token of another browser's form: 403 (login CSRF)", async () => {
		const attacker = new Browser();
		const token = csrfFrom((await attacker.get('/signin')).body);
		const victim = new Browser();
		await victim.get('/signin');
		const res = await victim.post('/signin', { username: 'amira', password: PASSWORD, csrf: token });
		assertForbidden(res);
	});

	it('from a foreign Origin: 403 and no session', async () => {
		const b = new Browser();
		const form = await b.get('/signin');
		const res = await b.post('/signin', { username: 'amira', password: PASSWORD, csrf: csrfFrom(form.body) }, { origin: 'https://evil.example' });
		assertForbidden(res);
		assert.equal((await b.get('/')).status, 303);
	});

	it('with the right token and our Origin it works (the control)', async () => {
		const b = new Browser();
		const form = await b.get('/signin');
		const res = await b.post('/signin', { username: 'amira', password: PASSWORD, csrf: csrfFrom(form.body) }, { origin: ORIGIN });
		assert.equal(res.status, 303, snippet(res.body));
		assert.match(text((await b.get('/')).body), /Amira Khan/);
	});
});
