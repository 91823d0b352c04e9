// How long writes pause when a database node is killed (issue 16), against a running cluster
// stack (`scripts/stack start cluster`, in its network namespace):
//
//   set -a; . var/cluster/stack.env; set +a; node tests/bench/cluster_failover.mjs [ROUNDS]
//
// Each round: BROWSERS signed-in browsers post /referrals/new (a write: a new draft) through
// nginx as fast as they are answered, while a plain client on another node inserts a row every
// 10 ms (the cluster's own pause, without the program); node 1 (the writers' node) is killed
// with -9, and then started again (it rejoins by SST). Prints, per round: the time from the kill
// to the first successful write through the program and to the first row through the plain
// client, the longest wait of one request, and the failures by kind.
import { spawn } from 'node:child_process';
import { browserAt, dbOn, postAt, stack, sleep, NODE_SOCKET } from '../cluster/lib.mjs';

const ROUNDS = Number(process.argv[2] || 3);
// kill: kill -9 the node; isolate: lose its packets (a machine switched off), then heal it
const MODE = process.argv[3] || 'kill';
const BROWSERS = 4;
const results = [];

function probe(node) {
	// one client session, fed a statement per tick; each answer is timed when it arrives
	const child = spawn('mariadb', [`--socket=${NODE_SOCKET[node]}`, '-uroot', '-N', '-B', '-n'], { stdio: ['pipe', 'pipe', 'pipe'] });
	const answers = [];
	let buffered = '';
	child.stdout.on('data', (d) => {
		buffered += d;
		let i;
		while ((i = buffered.indexOf('\n')) >= 0) {
			buffered = buffered.slice(i + 1);
			answers.push(Date.now());
		}
	});
	child.stdin.write('CREATE DATABASE IF NOT EXISTS failover_probe; USE failover_probe; CREATE TABLE IF NOT EXISTS t (id INT AUTO_INCREMENT PRIMARY KEY, at DATETIME(6));\n');
	const timer = setInterval(() => child.stdin.write('INSERT INTO t (at) VALUES (NOW(6)); SELECT 1;\n'), 10);
	return {
		answers,
		stop() {
			clearInterval(timer);
			child.stdin.end();
		},
	};
}

async function round(browsers, n) {
	const records = [];
	let running = true;
	async function loop(b) {
		while (running) {
			const r = { start: Date.now() };
			try {
				const res = await postAt(b, '/referrals/new');
				r.ok = res.status === 303 && /\/drafts\/\d+\//.test(res.headers.location || '');
				r.kind = r.ok ? 'ok' : `${res.status}`;
			} catch (err) {
				r.ok = false;
				r.kind = err.code || err.message;
			}
			r.end = Date.now();
			records.push(r);
			await sleep(5);
		}
	}
	const p = probe(3);
	const loops = browsers.map(loop);
	await sleep(2000);
	const killAt = Date.now();
	await stack(MODE === 'isolate' ? 'isolate-node' : 'kill-node', [1]);
	await sleep(MODE === 'isolate' ? 12000 : 6000);
	running = false;
	await Promise.all(loops);
	p.stop();
	// the first write begun after the kill that succeeded, and the longest pause around it
	const firstWrite = records.filter((r) => r.ok && r.start >= killAt).sort((a, b) => a.end - b.end)[0];
	const failed = {};
	for (const r of records.filter((r) => !r.ok)) failed[r.kind] = (failed[r.kind] || 0) + 1;
	const after = records.filter((r) => r.start >= killAt);
	const longest = Math.max(...records.filter((r) => r.end >= killAt).map((r) => r.end - r.start));
	const pause = (times) => {
		let most = 0;
		let last = killAt;
		for (const t of times.filter((t) => t > killAt).sort((a, b) => a - b)) {
			most = Math.max(most, t - last);
			last = t;
		}
		return most;
	};
	const program = pause(records.filter((r) => r.ok).map((r) => r.end));
	const plain = pause(p.answers);
	results.push({ first: firstWrite ? firstWrite.end - killAt : null, program, plain, failed });
	console.log(
		`round ${n}: ${records.length} writes (${after.length} begun after the kill); first write begun after the kill answered ${firstWrite ? firstWrite.end - killAt : 'never'} ms after it;` +
			` longest pause in successful writes: through the program ${program} ms, plain client on node 3 ${plain} ms; longest request ${longest} ms; failed ${JSON.stringify(failed)}`,
	);
	const back = Date.now();
	if (MODE === 'isolate') {
		await stack('heal-node', [1]);
		for (;;) {
			let state = '';
			try {
				state = dbOn(1, `SHOW STATUS LIKE 'wsrep_local_state_comment'`);
			} catch {}
			if (/Synced/.test(state)) break;
			await sleep(200);
		}
	} else await stack('start-node', [1]);
	console.log(`round ${n}: node 1 Synced again in ${((Date.now() - back) / 1000).toFixed(1)} s`);
	await sleep(1000);
}

const browsers = [];
for (let i = 0; i < BROWSERS; i++) browsers.push(await browserAt(0, 'amira'));
for (let n = 1; n <= ROUNDS; n++) await round(browsers, n);
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
	`${ROUNDS} rounds: first write after the kill median ${med(results.map((r) => r.first))} ms (max ${Math.max(...results.map((r) => r.first))});` +
		` pause through the program median ${med(results.map((r) => r.program))} ms (max ${Math.max(...results.map((r) => r.program))});` +
		` plain client median ${med(results.map((r) => r.plain))} ms (max ${Math.max(...results.map((r) => r.plain))})`,
);
