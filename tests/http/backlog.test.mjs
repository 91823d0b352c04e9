// The socket's backlog under load (issue 11 point 3): 400 connections at once for 10 seconds on
// the dashboard, against the test stack's 3 workers, so that hundreds wait for a worker at a
// time. Every one must be answered 200: none refused by a full backlog (nginx's 502). The
// connections waiting on the FastCGI socket are sampled with ss(8), to show the test really
// queued more than the old fixed backlog of 256.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { signedIn, url, sleep, STACK_DIR } from './lib.mjs';

const CONNECTIONS = 400;
const WORKERS = 3; // the test stack's (var/test/referrals.hdf)
const SECONDS = 10;
const socketPath = path.join(STACK_DIR, 'referrals.sock');

// Connections waiting to be accepted on the program's socket, and its backlog (ss -xl).
function socketQueue() {
	const out = execFileSync('ss', ['-xlnH'], { encoding: 'utf8' });
	for (const line of out.split('\n')) {
		const f = line.trim().split(/\s+/);
		if (f.includes(socketPath)) return { waiting: Number(f[2]), backlog: Number(f[3]) };
	}
	return { waiting: 0, backlog: 0 };
}

function get(agent, cookie, path = '/') {
	return new Promise((resolve) => {
		const req = http.get(url(path), { agent, headers: { Cookie: cookie }, timeout: 120000 }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode));
			res.on('error', () => resolve('error'));
		});
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', (err) => resolve(err.message === 'timeout' ? 'timeout' : 'error'));
	});
}

describe('the backlog', () => {
	it(`answers ${CONNECTIONS} connections at once for ${SECONDS} s on the dashboard with no 502`, { timeout: 240000 }, async () => {
		const browser = await signedIn('amira');
		const cookie = browser.cookieHeader();
		assert.equal((await browser.get('/')).status, 200);
		assert.ok(socketQueue().backlog >= 1000, `the socket's backlog is ${socketQueue().backlog}`);
		const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
		const statuses = new Map();
		const until = Date.now() + SECONDS * 1000;
		let deepest = 0;
		let sampling = true;
		const sampler = (async () => {
			while (sampling) {
				deepest = Math.max(deepest, socketQueue().waiting);
				await sleep(200);
			}
		})();
		// Now and then every worker is held for a while (the testing-only sleep page), so the
		// dashboard's connections pile up on the socket however fast the machine answers them.
		const holder = (async () => {
			const hold = new http.Agent({ keepAlive: false });
			while (Date.now() < until - 2000) {
				await Promise.all(Array.from({ length: WORKERS }, () => get(hold, '', '/_test/sleep/1500')));
				await sleep(1000);
			}
		})();
		// each connection asks again as soon as it is answered, until the time is up
		await Promise.all(
			Array.from({ length: CONNECTIONS }, async () => {
				do {
					const status = await get(agent, cookie);
					statuses.set(status, (statuses.get(status) || 0) + 1);
				} while (Date.now() < until);
			}),
		);
		await holder;
		sampling = false;
		await sampler;
		agent.destroy();
		const counts = Object.fromEntries([...statuses].sort());
		console.log(`${CONNECTIONS} connections for ${SECONDS} s: ${JSON.stringify(counts)}; at most ${deepest} waiting on the socket`);
		assert.deepEqual(Object.keys(counts), ['200'], `every answer 200: ${JSON.stringify(counts)}`);
		assert.ok(deepest > 256, `the load queued more than the old backlog of 256 (at most ${deepest})`);
	});
});
