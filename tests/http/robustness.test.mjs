// The service survives its parts failing: a killed worker is replaced while the others keep
// serving, and workers ride out a database restart (503 while it is down, reconnect after).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, PASSWORD, text, snippet, signedIn, csrfFrom, stack, waitFor, masterPid, childPids } from './lib.mjs';

async function health() {
	return new Browser().get('/health');
}

async function assertRequestsSucceed(n, b) {
	for (let i = 0; i < n; i++) {
		const res = b ? await b.get('/') : await health();
		assert.equal(res.status, 200, `request ${i + 1} of ${n}: ${res.status} ${snippet(res.body)}`);
	}
}

describe('a worker killed', () => {
	let master;
	let workers;
	before(() => {
		master = masterPid();
		workers = childPids(master);
	});

	it('the master has workers', () => {
		assert.ok(workers.length >= 1, `master ${master} has no children`);
	});

	it('SIGKILL one worker: the next 20 requests succeed and the master starts a replacement', async () => {
		const victim = workers[0];
		process.kill(victim, 'SIGKILL');
		const amira = await signedIn('amira');
		await assertRequestsSucceed(20);
		await assertRequestsSucceed(5, amira);
		const replaced = await waitFor(() => {
			const now = childPids(master);
			return !now.includes(victim) && now.length === workers.length && now.some((p) => !workers.includes(p)) && now;
		}, 10000);
		assert.ok(replaced, `a new worker replaced ${victim} (children now: ${childPids(master).join(' ')})`);
		workers = childPids(master);
	});

	it('SIGKILL every worker at once: service is back within 10 s with as many workers', async () => {
		for (const pid of workers) process.kill(pid, 'SIGKILL');
		const back = await waitFor(async () => {
			try {
				return (await health()).status === 200;
			} catch {
				return false;
			}
		}, 10000, 200);
		assert.ok(back, '/health answers 200 again');
		const now = await waitFor(() => childPids(master).length === workers.length && childPids(master), 10000);
		assert.ok(now, `as many workers as before (${workers.length}); now ${childPids(master).join(' ')}`);
		assert.ok(now.every((p) => !workers.includes(p)), 'all new pids');
		await assertRequestsSucceed(20);
	});
});

describe('the database restarted', () => {
	it('requests after the restart succeed, including a signed-in page with the existing session', async () => {
		const ben = await signedIn('ben');
		assert.equal((await ben.get('/')).status, 200);
		// Every worker holds a connection: use them all before the restart.
		await assertRequestsSucceed(20);
		stack('restart-db');
		await assertRequestsSucceed(20);
		await assertRequestsSucceed(20, ben);
		assert.match(text((await ben.get('/')).body), /Ben Okafor/);
		const b = new Browser();
		assert.equal((await b.trySignIn('amira', PASSWORD)).status, 303, 'a new sign-in works');
	});
});

describe('the database down', () => {
	let amira;
	let form;
	let stopped = false;
	before(async () => {
		amira = await signedIn('amira');
		form = new Browser();
		form.csrfToken = csrfFrom((await form.get('/signin')).body);
		await assertRequestsSucceed(20);
		stack('stop-db');
		stopped = true;
	});
	after(() => {
		if (stopped) stack('start-db');
	});

	async function answersPromptly(fn) {
		const start = Date.now();
		const res = await fn();
		const ms = Date.now() - start;
		assert.ok(ms < 10000, `answered after ${ms} ms`);
		return res;
	}

	it('/health answers 503 with database "down"', async () => {
		const res = await answersPromptly(health);
		assert.equal(res.status, 503, snippet(res.body));
		assert.equal(JSON.parse(res.body).database, 'down');
	});

	it('a signed-in page answers 503 (a rendered page), not 500 and not a hang', async () => {
		for (let i = 0; i < 5; i++) {
			const res = await answersPromptly(() => amira.get('/'));
			assert.equal(res.status, 503, `request ${i + 1}: ${res.status} ${snippet(res.body)}`);
			assert.match(res.body, /<h1\b/i);
		}
	});

	it('signing in answers 503, not 500', async () => {
		const res = await answersPromptly(() => form.post('/signin', { username: 'amira', password: PASSWORD, csrf: form.csrfToken }));
		assert.equal(res.status, 503, snippet(res.body));
	});

	it('after the database is back, the same session works again', async () => {
		stack('start-db');
		stopped = false;
		await assertRequestsSucceed(20);
		await assertRequestsSucceed(20, amira);
		assert.match(text((await amira.get('/')).body), /Amira Khan/);
	});
});
