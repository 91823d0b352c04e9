// The cluster tests' helpers (tests/cluster-suite.sh runs them against `scripts/stack start
// cluster`): the hosts and nodes from var/cluster/stack.env, SQL on one node, the stack's
// commands, fixtures for sends and acknowledgements, and a steady mixed load whose every
// request is recorded (start, end, outcome) so failures can be set against an event's time.
import assert from 'node:assert/strict';
import net from 'node:net';
import path from 'node:path';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Browser, STACK_DIR, STACK_SCRIPT, db, dbRows, sqlString, csrfFrom, snippet, sleep } from '../http/lib.mjs';

export { db, dbRows, sqlString, csrfFrom, sleep, STACK_DIR, Browser };

const here = path.dirname(fileURLToPath(import.meta.url));
export const BIN = process.env.REFERRALS_BIN || path.join(here, '..', '..', 'fcgi', 'referrals');
export const HOST_URL = { 1: process.env.HOST1_URL || 'http://127.0.0.1:38081', 2: process.env.HOST2_URL || 'http://127.0.0.1:38082' };
export const NODE_SOCKET = Object.fromEntries([1, 2, 3].map((n) => [n, process.env[`NODE${n}_SOCKET`] || path.join(STACK_DIR, `node${n}`, 'mysql.sock')]));
export const appConfig = (n) => path.join(STACK_DIR, `app${n}`, 'referrals.hdf');
const run = promisify(execFile);

// SQL on one node (as root, through its socket).
export function dbOn(node, sql) {
	return execFileSync('mariadb', [`--socket=${NODE_SOCKET[node]}`, '-uroot', '--batch', '--skip-column-names', 'referrals', '-e', sql], { encoding: 'utf8', timeout: 30000 });
}
export const one = (sql) => db(sql).trim();
export const insertId = (sql) => one(`${sql}; SELECT LAST_INSERT_ID()`);

// `scripts/stack COMMAND cluster ARGS...`, without blocking the event loop (the load's
// requests keep being timed while it runs). env: extra environment (STACK_CLUSTER_WRITERS).
export async function stack(command, args = [], env = {}) {
	const { stdout } = await run(STACK_SCRIPT, [command, 'cluster', ...args.map(String)], { env: { ...process.env, ...env }, timeout: 180000 });
	return stdout;
}

// A browser signed in through one host (1, 2) or through nginx's upstream (0).
export async function browserAt(host, username) {
	const b = new Browser();
	b.base = host ? HOST_URL[host] : process.env.BASE_URL || 'http://127.0.0.1:38080';
	b.origin = new URL(b.base).origin;
	const form = await b.get(b.base + '/signin');
	const res = await b.post(b.base + '/signin', { username, password: 'demopass', csrf: csrfFrom(form.body) }, { origin: b.origin });
	assert.equal(res.status, 303, `sign-in of ${username} through ${b.base}: ${res.status} ${snippet(res.body)}`);
	b.csrfToken = csrfFrom((await b.get(b.base + '/')).body);
	return b;
}
// A GET or a POST (with the session's form token) through the browser's host.
export const getAt = (b, p, host) => b.get((host ? HOST_URL[host] : b.base) + p);
export const postAt = (b, p, fields = {}, host) => {
	const base = host ? HOST_URL[host] : b.base;
	return b.post(base + p, { csrf: b.csrfToken, ...fields }, { origin: new URL(base).origin });
};

// ---- fixtures: an issue without questions, a receiver, staff, drafts ready to send ----

export function fixtures(tag) {
	const f = { tag };
	f.amira = one(`SELECT id FROM staff WHERE username = 'amira'`);
	f.sender = one(`SELECT id FROM organisations WHERE name = 'Riverside Citizens Advice'`);
	f.ms = one(`SELECT id FROM reference_values WHERE list = 'title' AND name = 'Ms'`);
	f.female = one(`SELECT id FROM reference_values WHERE list = 'gender' AND name = 'Female'`);
	f.hartlepool = one(`SELECT id FROM local_authorities WHERE code = 'E06000001'`);
	f.issue = insertId(`INSERT INTO issues (name, position) VALUES ('${tag} Cluster', 950)`);
	f.r1 = addOrg(`${tag} Receiver One`, f.issue);
	f.r2 = addOrg(`${tag} Receiver Two`, f.issue);
	f.client = insertId(
		`INSERT INTO clients (first_name, last_name, first_name_key, last_name_key, date_of_birth, created_by) VALUES ('Cluster', 'Testperson', 'cluster', 'testperson', '1980-01-01', ${f.amira})`,
	);
	db(`INSERT INTO client_orgs (client_id, organisation_id) VALUES (${f.client}, ${f.sender}), (${f.client}, ${f.r1}), (${f.client}, ${f.r2})`);
	return f;
}

function addOrg(name, issue) {
	const id = insertId(`INSERT INTO organisations (name, active, accepting, all_genders, all_local_authorities) VALUES (${sqlString(name)}, 1, 1, 1, 1)`);
	db(`INSERT INTO organisation_issues (organisation_id, issue_id) VALUES (${id}, ${issue})`);
	return id;
}

// Makes username a member of org and its active organisation in browser b.
export async function joinOrg(b, username, org) {
	const staff = one(`SELECT id FROM staff WHERE username = '${username}'`);
	db(`INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source) VALUES (${staff}, ${org}, 'manual')`);
	const res = await postAt(b, '/organisation', { organisation_id: org, next: '/' });
	assert.equal(res.status, 303, `switch to ${org}: ${res.status}`);
	b.csrfToken = csrfFrom((await b.get(b.base + '/')).body);
}

// A draft of b's user for a new client, every step's values seeded, sent with POST .../send.
export async function readyDraft(b, f, n) {
	const res = await postAt(b, '/referrals/new');
	assert.equal(res.status, 303, `start a referral: ${res.status}`);
	const draft = res.headers.location.match(/\/drafts\/(\d+)\//)[1];
	const v = {
		title: f.ms,
		first_name: 'Galera',
		last_name: letters(`${f.tag}-${n}`),
		dob_day: '14',
		dob_month: '3',
		dob_year: '1988',
		gender: f.female,
		email: 'galera@example.org',
		phone: '07700 900123',
		address_line1: '1 Harbour Walk',
		town: 'Hartlepool',
		postcode: 'ts24 8ay',
		local_authority: f.hartlepool,
		consent: 'yes',
		consent_given_by: 'client',
		consentor_name: '',
		consentor_relationship: '',
		sending_org: f.sender,
		urgent: 'no',
		issue: f.issue,
		[`receiver_${f.issue}`]: f.r1,
	};
	const rows = [...Object.entries(v), ['contact', 'email']].map(([k, val]) => `(${draft}, ${sqlString(k)}, 0, ${sqlString(String(val))})`);
	db(`INSERT INTO draft_values (draft_id, name, position, value) VALUES ${rows.join(', ')}`);
	return draft;
}

// A name of letters only (names refuse digits): 'CL3x-12' → 'CLdx-bc'.
const letters = (s) => s.replace(/[0-9]/g, (d) => 'abcdefghij'[d]);

// n groups, each sent to r1 and r2, both New: [{ group, ids: [r1's, r2's] }], in one transaction.
export function makeGroups(f, n) {
	const one = (i) =>
		`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${f.client}, ${f.sender}, ${f.amira});` +
		`SET @c = LAST_INSERT_ID();` +
		`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id) VALUES (${f.client}, ${f.issue}, ${f.sender}, ${f.amira}, @c);` +
		`SET @g = LAST_INSERT_ID();` +
		[f.r1, f.r2]
			.map(
				(r, k) =>
					`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due) VALUES (@g, ${f.client}, ${f.issue}, ${f.sender}, ${r}, ${f.amira}, 'new', CURDATE() + INTERVAL 5 DAY, CURDATE() + INTERVAL 20 DAY); SET @r${k} = LAST_INSERT_ID();`,
			)
			.join('') +
		`SELECT CONCAT_WS(' ', @g, @r0, @r1);`;
	const sql = `START TRANSACTION; ${Array.from({ length: n }, (_, i) => one(i)).join('')} COMMIT;`;
	// on stdin: the text is larger than one command-line argument may be
	const out = execFileSync('mariadb', [`--socket=${NODE_SOCKET[1]}`, '-uroot', '--batch', '--skip-column-names', 'referrals'], { input: sql, encoding: 'utf8', timeout: 60000 });
	return out
		.trim()
		.split('\n')
		.map((line) => {
			const [group, a, b] = line.split(' ');
			return { group, ids: [a, b] };
		});
}

// ---- the load ----

// Runs `loops` browsers for ms milliseconds, each cycling through the home page, the sent list,
// a client and (every third request, while drafts last) a send. Returns every request's record:
// { kind, start, end, status, error, draft }. onTick(elapsed) is awaited... never: events are
// started by the caller beside the load.
export async function load(browsers, drafts, ms) {
	const records = [];
	const begun = Date.now();
	const until = begun + ms;
	const pool = [...drafts];
	const sent = [];
	async function loop(b, i) {
		let step = i;
		while (Date.now() < until) {
			step++;
			let kind, p, post = false, draft;
			// the sends spread evenly over the whole run, so some fall after any event in it
			const due = drafts.length * ((Date.now() - begun) / ms);
			if (step % 3 === 0 && pool.length && drafts.length - pool.length < due) {
				draft = pool.shift();
				kind = 'send';
				p = `/drafts/${draft}/send`;
				post = true;
			} else if (step % 3 === 1) {
				kind = 'home';
				p = '/';
			} else {
				kind = 'list';
				p = '/referrals/sent';
			}
			const r = { kind, start: Date.now(), draft };
			try {
				const res = post ? await postAt(b, p) : await getAt(b, p);
				r.status = res.status;
				r.ok = post ? res.status === 303 && /\/clients\/\d+\/referrals/.test(res.headers.location || '') : res.status === 200;
				if (r.ok && kind === 'send') sent.push(draft);
			} catch (err) {
				r.error = err.code || err.message;
				r.ok = false;
			}
			r.end = Date.now();
			records.push(r);
			await sleep(20);
		}
	}
	await Promise.all(browsers.map((b, i) => loop(b, i)));
	return { records, sent };
}

// The requests that failed, and those in flight at some moment of [from, to].
export function failures(records) {
	return records.filter((r) => !r.ok);
}
export function inFlight(records, from, to) {
	return records.filter((r) => r.start <= to && r.end >= from);
}
export function byKind(list) {
	const out = {};
	for (const r of list) {
		const k = `${r.kind} ${r.error || r.status}`;
		out[k] = (out[k] || 0) + 1;
	}
	return out;
}
export function summary(name, records, extra = '') {
	const failed = failures(records);
	console.log(`${name}: ${records.length} requests (${records.filter((r) => r.kind === 'send').length} sends), ${failed.length} failed ${JSON.stringify(byKind(failed))}${extra}`);
}

// ---- FastCGI straight to a program host (no nginx): a GET over its unix socket or TCP ----

function fcgiRecord(type, content) {
	const head = Buffer.from([1, type, 0, 1, content.length >> 8, content.length & 255, 0, 0]);
	return Buffer.concat([head, content]);
}
function fcgiLength(n) {
	return n < 128 ? Buffer.from([n]) : Buffer.from([((n >> 24) & 127) | 128, (n >> 16) & 255, (n >> 8) & 255, n & 255]);
}

// connect: net.connect's options ({ path } or { host, port }). Resolves { status, body }.
export function fcgiGet(connect, uri) {
	const params = { REQUEST_METHOD: 'GET', REQUEST_URI: uri, QUERY_STRING: '', REMOTE_ADDR: '127.0.0.1', HTTP_HOST: 'localhost', SERVER_PROTOCOL: 'HTTP/1.1' };
	const pairs = Buffer.concat(Object.entries(params).flatMap(([k, v]) => [fcgiLength(Buffer.byteLength(k)), fcgiLength(Buffer.byteLength(v)), Buffer.from(k), Buffer.from(v)]));
	return new Promise((resolve, reject) => {
		const socket = net.connect(connect);
		let got = Buffer.alloc(0);
		socket.setTimeout(10000, () => socket.destroy(new Error('FastCGI answer timed out')));
		socket.on('error', reject);
		socket.on('data', (d) => (got = Buffer.concat([got, d])));
		socket.on('close', () => {
			let out = '';
			for (let at = 0; at + 8 <= got.length; ) {
				const length = got.readUInt16BE(at + 4);
				if (got[at + 1] === 6) out += got.subarray(at + 8, at + 8 + length).toString(); // FCGI_STDOUT
				at += 8 + length + got[at + 6];
			}
			const [head, ...body] = out.split('\r\n\r\n');
			const status = Number((head.match(/^Status: (\d+)/m) || [0, 200])[1]);
			resolve({ status, body: body.join('\r\n\r\n'), head });
		});
		// FCGI_BEGIN_REQUEST (responder, close when done), FCGI_PARAMS, their end, empty FCGI_STDIN
		socket.write(Buffer.concat([fcgiRecord(1, Buffer.from([0, 1, 0, 0, 0, 0, 0, 0])), fcgiRecord(4, pairs), fcgiRecord(4, Buffer.alloc(0)), fcgiRecord(5, Buffer.alloc(0))]));
	});
}
