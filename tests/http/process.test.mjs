// The master's signals: SIGHUP replaces every worker with one running the re-read
// configuration, without a failed request; SIGTERM lets a request in flight finish, ends
// idle workers at once, and the master exits and removes its socket.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Browser, STACK_DIR, stack, waitFor, masterPid, childPids, sleep } from './lib.mjs';

const configFile = path.join(STACK_DIR, 'referrals.hdf');

function setWorkers(text, count) {
	assert.match(text, /Workers\s*=\s*\d+/, 'the generated config names its worker count');
	return text.replace(/Workers\s*=\s*\d+/, `Workers = ${count}`);
}

async function ping() {
	try {
		return (await new Browser().get('/ping')).status;
	} catch {
		return 0;
	}
}

describe('SIGHUP', () => {
	const original = fs.readFileSync(configFile, 'utf8');
	after(async () => {
		fs.writeFileSync(configFile, original);
		process.kill(masterPid(), 'SIGHUP');
		await waitFor(() => childPids(masterPid()).length === 3, 10000);
	});

	it('re-reads the configuration and replaces every worker, serving throughout', async () => {
		const master = masterPid();
		const before = childPids(master);
		assert.ok(before.length >= 1);
		fs.writeFileSync(configFile, setWorkers(original, 5));
		process.kill(master, 'SIGHUP');
		// requests during the changeover all succeed
		for (let i = 0; i < 20; i++) assert.equal(await ping(), 200, `request ${i} during reload`);
		const now = await waitFor(() => {
			const pids = childPids(master);
			return pids.length === 5 && pids.every((p) => !before.includes(p)) && pids;
		}, 10000);
		assert.ok(now, `5 new workers replaced ${before.join(' ')}; now ${childPids(master).join(' ')}`);
		assert.equal(masterPid(), master, 'the master itself stays');
		assert.equal(await ping(), 200);
	});

	it('keeps the running configuration when the new file is invalid', async () => {
		const master = masterPid();
		const before = childPids(master);
		fs.writeFileSync(configFile, original.replace(/BasePath\s*=.*/, 'BasePath = no-leading-slash'));
		process.kill(master, 'SIGHUP');
		await sleep(1000);
		assert.deepEqual(childPids(master).sort(), before.sort(), 'workers were left alone');
		assert.equal(await ping(), 200);
	});
});

describe('SIGTERM', () => {
	after(() => {
		stack('start'); // bring the program back for the tests that follow
	});

	it('lets the request in flight finish, then the master exits and removes its socket', async () => {
		const master = masterPid();
		const workers = childPids(master);
		const slow = new Browser().get('/_test/sleep/1500');
		await sleep(300); // the slow request is now inside a worker
		const signalled = Date.now();
		process.kill(master, 'SIGTERM');
		const res = await slow;
		assert.equal(res.status, 200, 'the request in flight completed');
		assert.match(res.body, /slept/);
		const gone = await waitFor(() => {
			try {
				process.kill(master, 0);
				return false;
			} catch {
				return true;
			}
		}, 10000, 50);
		assert.ok(gone, 'the master exited');
		// idle workers did not wait for the drain timeout (30 s): all gone within a few seconds
		assert.ok(Date.now() - signalled < 5000, `exited ${Date.now() - signalled} ms after SIGTERM`);
		for (const pid of workers) {
			assert.throws(() => process.kill(pid, 0), `worker ${pid} exited`);
		}
		assert.equal(fs.existsSync(path.join(STACK_DIR, 'referrals.sock')), false, 'socket removed');
	});
});
