// GET /health, and what staff see while the directory (LDAP) is down: a clear 503, never a 500.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, PASSWORD, csrfFrom, text, snippet, signedIn, stack, waitFor, dbRows, securityHeaderProblems, resetThrottle } from './lib.mjs';

const directoryDown = /directory/i;
const unreachable = /cannot|can.t|could not|couldn.t|unable|unavailable|not available|not responding|down/i;

async function health() {
	const res = await new Browser().get('/health');
	let json;
	try {
		json = JSON.parse(res.body);
	} catch {
		assert.fail(`/health is not JSON: ${snippet(res.body)}`);
	}
	return { res, json };
}

async function timed(fn) {
	const start = Date.now();
	const value = await fn();
	return { value, ms: Date.now() - start };
}

describe('GET /health', () => {
	it('answers 200 with everything ok', async () => {
		const { res, json } = await health();
		assert.equal(res.status, 200);
		assert.match(res.headers['content-type'] || '', /^application\/json/);
		// the e-mail outbox's backlog comes too (issue 14: tests/http/mail.test.mjs)
		const { mail, ...parts } = json;
		assert.deepEqual(parts, { status: 'ok', database: 'ok', directory: 'ok' });
		assert.deepEqual(Object.keys(mail), ['backlog', 'oldest_unsent_seconds']);
		assert.deepEqual(securityHeaderProblems(res), []);
	});

	it('is not stored by caches', async () => {
		const { res } = await health();
		assert.match(res.headers['cache-control'] || '', /no-store|no-cache|max-age=0/);
	});
});

describe('with the directory stopped', () => {
	let ben;
	let form; // a sign-in form fetched while the directory was up
	let stopped = false;
	before(async () => {
		resetThrottle();
		ben = await signedIn('ben');
		form = new Browser();
		form.csrfToken = csrfFrom((await form.get('/signin')).body);
		stack('stop-ldap');
		stopped = true;
	});
	after(async () => {
		if (stopped) stack('start-ldap');
		await waitFor(async () => (await new Browser().get('/health')).status === 200, 30000, 250);
		resetThrottle();
	});

	it('/health answers 503 with directory "down" and database "ok", promptly', async () => {
		const { value, ms } = await timed(health);
		assert.equal(value.res.status, 503, snippet(value.res.body));
		assert.equal(value.json.directory, 'down');
		assert.equal(value.json.database, 'ok');
		assert.notEqual(value.json.status, 'ok');
		assert.ok(ms < 10000, `took ${ms} ms`);
	});

	it('the sign-in form still renders (not a 500)', async () => {
		const res = await new Browser().get('/signin');
		assert.ok(res.status === 200 || res.status === 503, `status ${res.status}`);
		assert.match(res.body, /<form\b/i);
	});

	it('the sign-in page (GET) says the directory cannot be reached (503)', async () => {
		const res = await new Browser().get('/signin');
		assert.equal(res.status, 503, snippet(res.body));
		assert.match(text(res.body), directoryDown);
		assert.match(text(res.body), unreachable);
		assert.deepEqual(securityHeaderProblems(res), []);
	});

	it('signing in with the right password answers 503 with that message, no session, no failure recorded', async () => {
		const [[failuresBefore]] = dbRows('SELECT COALESCE(SUM(failures), 0) FROM login_attempts');
		const b = form;
		const { value: res, ms } = await timed(() => b.post('/signin', { username: 'amira', password: PASSWORD, csrf: b.csrfToken }));
		assert.equal(res.status, 503, snippet(res.body));
		assert.match(text(res.body), directoryDown);
		assert.match(text(res.body), unreachable);
		assert.ok(ms < 10000, `took ${ms} ms`);
		assert.equal((await b.get('/')).status, 303, 'no session');
		const [[failuresAfter]] = dbRows('SELECT COALESCE(SUM(failures), 0) FROM login_attempts');
		assert.equal(failuresAfter, failuresBefore, 'an unreachable directory is not a failed sign-in');
	});

	it('a user already signed in keeps working', async () => {
		const res = await ben.get('/');
		assert.equal(res.status, 200, snippet(res.body));
		assert.match(text(res.body), /Ben Okafor/);
	});

	it('after the directory is back, /health is ok and sign-in works', async () => {
		stack('start-ldap');
		stopped = false;
		const ok = await waitFor(async () => (await new Browser().get('/health')).status === 200, 30000, 250);
		assert.ok(ok, '/health back to 200 within 30 s');
		const b = new Browser();
		const res = await b.trySignIn('amira', PASSWORD);
		assert.equal(res.status, 303, snippet(res.body));
	});
});
