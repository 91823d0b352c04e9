// The master's signals: SIGHUP replaces every worker with one running the re-read
// configuration, without a failed request; SIGTERM lets a request in flight finish, ends
// idle workers at once, and the master exits and removes its socket. On SIGTERM the socket
// the master made refuses new connections at once (nginx answers 502 at once, or tries
// another upstream) while the connections already waiting are served; a socket handed over
// by systemd (LISTEN_FDS) stays open, and its connections wait for the next master, so a
// restart fails no request.
import { describe, it, before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Browser, STACK_DIR, stack, waitFor, masterPid, childPids, sleep } from './lib.mjs';

const tree = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = process.env.REFERRALS_BIN || path.join(tree, 'fcgi', 'referrals');
const socketPath = path.join(STACK_DIR, 'referrals.sock');

function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

// A request through nginx: its status (0 when the connection failed) and when it answered.
async function timed(p) {
	const started = Date.now();
	let status;
	try {
		status = (await new Browser().get(p)).status;
	} catch {
		status = 0;
	}
	return { status, ms: Date.now() - started };
}

// A connection straight to the FastCGI socket: 'refused' (or 'missing') at once, or
// 'accepted' (into the backlog), within a second.
function connectSocket() {
	return new Promise((resolve) => {
		const socket = net.connect(socketPath);
		const timer = setTimeout(() => {
			socket.destroy();
			resolve('timeout');
		}, 1000);
		socket.on('connect', () => {
			clearTimeout(timer);
			socket.destroy();
			resolve('accepted');
		});
		socket.on('error', (err) => {
			clearTimeout(timer);
			resolve(err.code === 'ENOENT' ? 'missing' : err.code === 'ECONNREFUSED' ? 'refused' : err.code);
		});
	});
}

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

describe('SIGTERM with every worker busy (the socket the master made)', () => {
	beforeEach(() => {
		stack('start'); // (the stack's master, again after a test stopped it)
	});
	after(() => {
		stack('start');
	});

	it('serves the connections already waiting, and refuses new ones at once instead of leaving them to hang', async () => {
		const master = masterPid();
		const workers = childPids(master);
		assert.equal(workers.length, 3, 'the test stack runs 3 workers');
		// every worker busy, and one more request waiting in the socket's backlog
		const busy = workers.map(() => timed('/_test/sleep/2000'));
		await sleep(400);
		const waiting = timed('/ping');
		await sleep(300);
		process.kill(master, 'SIGTERM');
		await sleep(100);
		// after SIGTERM: refused at once, not queued behind the drain
		assert.match(await connectSocket(), /^(refused|missing)$/);
		const late = await timed('/ping');
		assert.equal(late.status, 502, 'nginx has no other upstream here');
		assert.ok(late.ms < 1000, `the new request answered after ${late.ms} ms`);
		for (const res of await Promise.all(busy)) assert.equal(res.status, 200, 'a request in flight completed');
		assert.equal((await waiting).status, 200, 'the request waiting for a worker was served');
		assert.ok(await waitFor(() => !alive(master), 10000, 50), 'the master exited');
	});

	it('lets a new master take the socket path while the old one drains', async () => {
		const master = masterPid();
		const slow = timed('/_test/sleep/1500');
		await sleep(300);
		process.kill(master, 'SIGTERM');
		await sleep(100);
		// the next master binds the same path while the old one still finishes its request
		const next = spawn(BIN, ['-c', path.join(STACK_DIR, 'referrals.hdf'), 'serve'], { stdio: 'ignore' });
		try {
			assert.ok(await waitFor(async () => (await timed('/ping')).status === 200, 10000, 100), 'the new master serves');
			assert.equal((await slow).status, 200, "the old master's request completed");
			assert.ok(await waitFor(() => !alive(master), 10000, 50), 'the old master exited');
			assert.equal((await timed('/ping')).status, 200, "the old master left the new one's socket alone");
		} finally {
			next.kill('SIGTERM');
			await waitFor(() => next.exitCode !== null || next.signalCode !== null, 10000, 50);
		}
	});
});

// systemd's part in socket activation, played by a small Perl program: it owns the listening
// socket and runs the master with it as fd 3 (LISTEN_FDS=1, LISTEN_PID), then, when that master
// exits, another one, as `systemctl restart` does with a referrals.socket unit.
const HOLDER = `
use strict; use IO::Socket::UNIX; use POSIX ();
$^F = 255; # the listening socket stays open across exec (it may be fd 3 itself)
my ($path, $rounds, @command) = @ARGV;
unlink $path;
my $listener = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Local => $path, Listen => 1024) or die "listen: $!";
chmod 0666, $path;
$| = 1;
for my $round (1 .. $rounds) {
	my $pid = fork() // die "fork: $!";
	if ($pid == 0) {
		POSIX::dup2(fileno($listener), 3) or die "dup2: $!";
		$ENV{LISTEN_FDS} = 1; $ENV{LISTEN_PID} = $$;
		exec @command or die "exec: $!";
	}
	print "master $pid\n";
	waitpid($pid, 0);
	select(undef, undef, undef, 0.5) if $round < $rounds; # the time a restart takes
}
`;

describe('SIGTERM with systemd socket activation', () => {
	let holder;
	const masters = [];
	before(async () => {
		stack('start');
		const old = masterPid();
		process.kill(old, 'SIGTERM');
		assert.ok(await waitFor(() => !alive(old), 10000, 50), "the stack's own master stopped");
		holder = spawn('perl', ['-e', HOLDER, socketPath, '2', BIN, '-c', path.join(STACK_DIR, 'referrals.hdf'), 'serve'], {
			stdio: ['ignore', 'pipe', fs.openSync(path.join(STACK_DIR, 'referrals.log'), 'a')],
		});
		holder.stdout.on('data', (d) => masters.push(...String(d).match(/\d+/g).map(Number)));
		assert.ok(await waitFor(async () => masters.length === 1 && (await timed('/ping')).status === 200, 10000, 100), 'the first master serves');
	});
	after(async () => {
		for (const pid of masters) if (alive(pid)) process.kill(pid, 'SIGTERM');
		await waitFor(() => holder.exitCode !== null, 10000, 50);
		stack('start');
	});

	it('fails no request across a restart: new connections wait in the socket for the next master', async () => {
		const first = masters[0];
		const inFlight = [timed('/_test/sleep/1500'), timed('/_test/sleep/1500')];
		await sleep(300);
		process.kill(first, 'SIGTERM');
		await sleep(100);
		assert.equal(await connectSocket(), 'accepted', "systemd's socket still takes connections");
		// requests all through the restart: while the old master drains, and in the gap
		const during = [];
		for (let i = 0; i < 20; i++) {
			during.push(timed('/ping'));
			await sleep(100);
		}
		const results = [...(await Promise.all(inFlight)), ...(await Promise.all(during))];
		const failed = results.filter((r) => r.status !== 200);
		console.log(`socket activation: ${results.length} requests across a restart, ${failed.length} failed`);
		assert.deepEqual(failed, [], 'every request succeeded');
		assert.ok(!alive(first), 'the first master exited');
		assert.equal(masters.length, 2, 'a second master took over the same socket');
	});
});
