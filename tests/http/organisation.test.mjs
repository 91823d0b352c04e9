// The active organisation: switching between one's own organisations, never into another's,
// nonsense ids answered as bad requests, and a user in no organisation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
	Browser, BASE_PATH, text, snippet, signedIn, csrfFrom, organisationId, activeOrganisation, securityHeaderProblems,
} from './lib.mjs';

const RIVERSIDE = 'Riverside Citizens Advice';
const NORTHFIELD = 'Northfield Council Housing Options';
const EASTBROOK = 'Eastbrook NHS Talking Therapies';
const BENS = [NORTHFIELD, EASTBROOK];
const ALL = [RIVERSIDE, NORTHFIELD, EASTBROOK, 'Southgate Food Bank'];

const ids = {};
for (const name of ALL) ids[name] = organisationId(name);

async function active(b) {
	const home = await b.get('/');
	assert.equal(home.status, 200, snippet(home.body));
	return { name: activeOrganisation(home.body, ALL), csrf: csrfFrom(home.body), home };
}

describe('switching organisation', () => {
	it('a user in one organisation sees it as active', async () => {
		const { name } = await active(await signedIn('amira'));
		assert.equal(name, RIVERSIDE);
	});

	it('ben switches to his other organisation and back', async () => {
		const ben = await signedIn('ben');
		const start = await active(ben);
		assert.ok(BENS.includes(start.name), `ben's active organisation is one of his: ${start.name}`);
		const other = start.name === NORTHFIELD ? EASTBROOK : NORTHFIELD;

		const res = await ben.post('/organisation', { organisation_id: ids[other], csrf: start.csrf });
		assert.equal(res.status, 303, snippet(res.body));
		assert.ok(res.location.startsWith(BASE_PATH + '/'), `Location ${res.headers.location}`);
		const now = await active(ben);
		assert.equal(now.name, other, 'the home page shows the new organisation as active');

		const back = await ben.post('/organisation', { organisation_id: ids[start.name], csrf: now.csrf });
		assert.equal(back.status, 303);
		assert.equal((await active(ben)).name, start.name);
	});

	it('the switch belongs to that session only', async () => {
		const one = await signedIn('ben');
		const two = await signedIn('ben');
		const start = await active(one);
		const other = start.name === NORTHFIELD ? EASTBROOK : NORTHFIELD;
		assert.equal((await one.post('/organisation', { organisation_id: ids[other], csrf: start.csrf })).status, 303);
		assert.equal((await active(two)).name, start.name);
	});

	it('goes to a local next path, not to another site', async () => {
		const ben = await signedIn('ben');
		const { csrf, name } = await active(ben);
		const local = await ben.post('/organisation', { organisation_id: ids[name], csrf, next: '/health' });
		assert.equal(local.status, 303);
		assert.equal(local.location, BASE_PATH + '/health');
		for (const next of ['http://evil.example/', '//evil.example/']) {
			const res = await ben.post('/organisation', { organisation_id: ids[name], csrf, next });
			assert.equal(res.status, 303);
			assert.equal(res.location, BASE_PATH + '/', `next=${next}: Location ${res.headers.location}`);
		}
	});

	it("ben cannot switch to an organisation he is not in (amira's): 403, active unchanged", async () => {
		const ben = await signedIn('ben');
		const start = await active(ben);
		const res = await ben.post('/organisation', { organisation_id: ids[RIVERSIDE], csrf: start.csrf });
		assert.equal(res.status, 403, snippet(res.body));
		assert.match(res.body, /<h1\b/i);
		assert.deepEqual(securityHeaderProblems(res, { signedIn: true }), []);
		assert.equal((await active(ben)).name, start.name);
	});

	for (const value of ['abc', '-1', '0', '1.5', ' 1', '1abc', '0x1', '99999999999999999999999', '18446744073709551617', '', '%00']) {
		it(`organisation_id=${JSON.stringify(value)}: 400 or 403, active unchanged`, async () => {
			const ben = await signedIn('ben');
			const start = await active(ben);
			const res = await ben.post('/organisation', { organisation_id: value, csrf: start.csrf });
			assert.ok(res.status === 400 || res.status === 403, `status ${res.status}: ${snippet(res.body)}`);
			assert.equal((await active(ben)).name, start.name);
		});
	}

	it('without organisation_id: 400 or 403', async () => {
		const ben = await signedIn('ben');
		const { csrf } = await active(ben);
		const res = await ben.post('/organisation', { csrf });
		assert.ok(res.status === 400 || res.status === 403, `status ${res.status}`);
	});

	it('signed out: not allowed (303 to sign-in or 403)', async () => {
		const b = new Browser();
		const csrf = csrfFrom((await b.get('/signin')).body);
		const res = await b.post('/organisation', { organisation_id: ids[RIVERSIDE], csrf });
		assert.ok(res.status === 303 || res.status === 403, `status ${res.status}`);
		if (res.status === 303) assert.ok(res.location.startsWith(BASE_PATH + '/signin'));
	});
});

describe('a user in no organisation', () => {
	it('dan signs in and home shows the "not in any organisation" page with 403', async () => {
		const dan = new Browser();
		const signin = await dan.trySignIn('dan', 'demopass');
		assert.equal(signin.status, 303, snippet(signin.body));
		const home = await dan.get('/');
		assert.equal(home.status, 403, snippet(home.body));
		assert.match(home.body, /<h1\b/i);
		assert.match(text(home.body), /not (in|a member of) any organisation/i);
		assert.deepEqual(securityHeaderProblems(home, { signedIn: true }), []);
	});

	it('dan cannot make himself a member by switching', async () => {
		const dan = await signedIn('dan');
		const home = await dan.get('/');
		const csrf = csrfFrom(home.body);
		if (csrf !== undefined) {
			const res = await dan.post('/organisation', { organisation_id: ids[RIVERSIDE], csrf });
			assert.equal(res.status, 403, `status ${res.status}`);
		}
		assert.equal((await dan.get('/')).status, 403);
	});

	it('dan can still sign out', async () => {
		const dan = await signedIn('dan');
		const csrf = csrfFrom((await dan.get('/')).body);
		assert.ok(csrf, 'the no-organisation page has a sign-out form with a csrf token');
		const res = await dan.post('/signout', { csrf });
		assert.equal(res.status, 303);
		assert.equal((await dan.get('/')).status, 303);
	});
});
