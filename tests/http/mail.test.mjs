// E-mail notifications (issue 14) against the test stack's own SMTP server (Exim, started by
// scripts/stack on loopback, delivering into $STACK_DIR/mail/Maildir): who hears what, the
// e-mails' parts and headers, no personal data, the relay stopped for a minute and started
// again (with the back-off measured), a restarted relay, STARTTLS, TLS and AUTH, a 4xx then a
// 2xx, two senders at once, a sender killed between the relay's acceptance and the record
// (one copy more, the same Message-ID), the daily digest at its hour, failure after the
// configured time, preferences, /health's backlog, and the labels of the new inbox kinds.
// The journey's own opt-in boxes, new referrals and gaps in service: tests/browser/mail_journey.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { Browser, signedIn, db, dbRows, sqlString, text, csrfFrom, resetThrottle, stack, waitFor, logMark, logSince, ORIGIN, STACK_DIR, DB_SOCKET, sleep } from './lib.mjs';

const run = promisify(execFile);
const TAG = 'ML' + Date.now().toString(36).slice(-5);
const ORG = { sender: `${TAG} Sending Advice`, r1: `${TAG} Receiving Housing`, r2: `${TAG} Receiving Support`, outsider: `${TAG} Outsider Trust` };
const MAILDIR = process.env.MAILDIR || path.join(STACK_DIR, 'mail', 'Maildir');
const BIN = process.env.REFERRALS_BIN || path.join(STACK_DIR, '..', '..', 'fcgi', 'referrals');
const CONFIG = process.env.REFERRALS_CONFIG || path.join(STACK_DIR, 'referrals.hdf');
const org = {};
const staff = {};
const users = {};
const address = (u) => `${u}.${TAG.toLowerCase()}@example.test`;
let client, issue, issueName;

const one = (sql) => dbRows(sql)[0][0];

function decodeQp(s) {
	const bytes = [];
	const soft = s.replace(/=\r?\n/g, '');
	for (let i = 0; i < soft.length; i++) {
		if (soft[i] === '=' && /^[0-9A-F]{2}$/.test(soft.slice(i + 1, i + 3))) {
			bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
			i += 2;
		} else bytes.push(...Buffer.from(soft[i]));
	}
	return Buffer.from(bytes).toString('utf8');
}

// Every message in the maildir: headers (lower-case names), the decoded text and HTML parts.
// Parsed once each (the maildir holds every e-mail of the suite).
const parsed = new Map();
function mails() {
	const dir = path.join(MAILDIR, 'new');
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir).map((f) => {
		if (!parsed.has(f)) parsed.set(f, parse(dir, f));
		return parsed.get(f);
	});
}
function parse(dir, f) {
	const raw = fs.readFileSync(path.join(dir, f), 'utf8');
	const split = raw.indexOf('\n\n');
	const head = raw.slice(0, split).replace(/\n[ \t]+/g, ' ');
	const headers = {};
	for (const line of head.split('\n')) {
		const m = line.match(/^([^:]+):\s*(.*)$/);
		if (m && !(m[1].toLowerCase() in headers)) headers[m[1].toLowerCase()] = m[2].trim();
	}
	const parts = {};
	for (const m of raw.matchAll(/Content-Type: (text\/(?:plain|html))[^\n]*\nContent-Transfer-Encoding: quoted-printable\n\n([\s\S]*?)\n--/g)) parts[m[1]] = decodeQp(m[2].replace(/\n/g, '\r\n').replace(/\r\r/g, '\r'));
	return { file: f, raw, headers, text: parts['text/plain'] || '', html: parts['text/html'] || '' };
}
const mailsTo = (u) => mails().filter((m) => (m.headers.to || '').includes(address(u)));
const bySubject = (u, re) => mailsTo(u).filter((m) => re.test(m.headers.subject || ''));

async function switchTo(browser, orgId) {
	const csrf = csrfFrom((await browser.get('/')).body);
	assert.equal((await browser.post('/organisation', { organisation_id: orgId, csrf, next: '/' })).status, 303);
}

function makeGroup(receivers, subscriptions) {
	const sql =
		`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${client}, ${org.sender}, ${staff.amira});` +
		`SET @c = LAST_INSERT_ID();` +
		`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id) VALUES (${client}, ${issue}, ${org.sender}, ${staff.amira}, @c);` +
		`SET @g = LAST_INSERT_ID();` +
		receivers.map((r) => `INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due) VALUES (@g, ${client}, ${issue}, ${org.sender}, ${org[r]}, ${staff.amira}, 'new', CURDATE() + INTERVAL 5 DAY, CURDATE() + INTERVAL 20 DAY);`).join('') +
		subscriptions.map(([u, cols]) => `INSERT INTO referral_subscriptions (group_id, staff_id, ${cols.join(', ')}) VALUES (@g, ${staff[u]}, ${cols.map(() => 1).join(', ')});`).join('') +
		`SELECT @g;`;
	const group = db(sql).trim();
	return { group, ids: dbRows(`SELECT id FROM referrals WHERE group_id = ${group} ORDER BY id`).map((r) => r[0]) };
}

async function act(browser, id, verb, fields = {}) {
	const csrf = csrfFrom((await browser.get(`/referrals/${id}`)).body);
	const res = await browser.post(`/referrals/${id}/${verb}`, { csrf, ...fields });
	assert.equal(res.status, 303, `${verb} ${id}: ${res.status}`);
}

async function addNote(browser, id, note) {
	const csrf = csrfFrom((await browser.get(`/referrals/${id}`)).body);
	const res = await browser.post(`/referrals/${id}/notes`, { csrf, note });
	assert.equal(res.status, 303, `note on ${id}: ${res.status}`);
}

const settled = (ms = 20000) => waitFor(() => Number(one(`SELECT COUNT(*) FROM mail_outbox WHERE state = 'pending' AND mode = 'immediate' AND next_attempt_at <= UTC_TIMESTAMP() + INTERVAL 10 SECOND`)) === 0, ms, 200);

before(async () => {
	resetThrottle();
	// the messages of the files before this one go out first (their e-mails are not ours)
	assert.ok(await settled(180000), 'the outbox emptied');
	for (const [key, name] of Object.entries(ORG)) {
		db(`INSERT INTO organisations (name, active, accepting, all_genders, all_local_authorities) VALUES (${sqlString(name)}, 1, 1, 1, 1)`);
		org[key] = one(`SELECT id FROM organisations WHERE name = ${sqlString(name)}`);
	}
	for (const u of ['amira', 'tina', 'tom', 'chloe', 'ben', 'admin']) {
		users[u] = await signedIn(u);
		staff[u] = one(`SELECT id FROM staff WHERE username = '${u}'`);
		// an address of this run, so counts are this file's own (sign-in stored the directory's)
		db(`UPDATE staff SET email = '${address(u)}', digest_hour = 3 WHERE id = ${staff[u]}`);
		db(`DELETE FROM mail_preferences WHERE staff_id = ${staff[u]}`);
		// digests waiting from an earlier run of this file on the same stack
		db(`UPDATE mail_outbox SET state = 'digested' WHERE staff_id = ${staff[u]} AND state = 'pending' AND mode = 'digest'`);
	}
	const member = { amira: 'sender', tina: 'r1', ben: 'r1', tom: 'r2', chloe: 'outsider' };
	for (const [u, k] of Object.entries(member)) {
		db(`INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source) VALUES (${staff[u]}, ${org[k]}, 'manual')`);
		await switchTo(users[u], org[k]);
	}
	issue = one(`SELECT id FROM issues WHERE active = 1 ORDER BY position, id LIMIT 1`);
	issueName = one(`SELECT name FROM issues WHERE id = ${issue}`);
	const res = await new Browser().post('/_test/clients', [['first_name', 'Mailtest'], ['last_name', 'Privateperson'], ['date_of_birth', '1979-03-04'], ['email', `client@${TAG.toLowerCase()}.example`], ['phone', '07700900987'], ['nhs_number', '4010232137'], ['address_line1', '12 Privet Walkway'], ['postcode', 'TS24 9ZZ'], ['created_by', staff.amira], ['org', org.sender], ['org', org.r1], ['org', org.r2]], { origin: null });
	assert.equal(res.status, 200, res.body);
	client = String(JSON.parse(res.body).id);
});

after(() => {
	try {
		fs.rmSync(path.join(STACK_DIR, 'mail-defer'), { force: true });
	} catch {}
	stack('start-smtp');
	const refs = `SELECT CONCAT('/referrals/', id) FROM referrals WHERE sending_org_id = ${org.sender}`;
	db(`DELETE FROM inbox_messages WHERE link IN (${refs}) OR subject LIKE '%${TAG}%' OR kind = 'mail_failed'`);
	db(`UPDATE mail_outbox SET state = 'sent' WHERE state = 'pending' AND subject LIKE '%${TAG}%'`);
	db(`UPDATE staff SET digest_hour = 8, digest_sent_on = NULL WHERE id IN (${Object.values(staff).join(',')})`);
	db(`DELETE FROM mail_preferences WHERE staff_id IN (${Object.values(staff).join(',')})`);
	db(`DELETE FROM staff_orgs WHERE organisation_id IN (${Object.values(org).join(',')}) AND source = 'manual'`);
	db(`UPDATE organisations SET active = 0, accepting = 0 WHERE name LIKE '${TAG}%'`);
	resetThrottle();
});

describe('who hears what, and what the e-mails hold', () => {
	it('acknowledged and refused reach the subscribers who chose them, by the organisation that acted; nobody else', async () => {
		const { ids } = makeGroup(['r1', 'r2'], [['amira', ['acknowledged', 'refused', 'unresolved']], ['chloe', ['closed']]]);
		await act(users.tom, ids[1], 'refuse', { reason: 'No capacity' });
		await act(users.tina, ids[0], 'acknowledge');
		await settled();
		const ack = await waitFor(() => bySubject('amira', new RegExp(`^Referral ${ids[0]} acknowledged by ${ORG.r1}$`)).length === 1 || null, 10000);
		assert.ok(ack, `amira has one acknowledgement e-mail; has ${mailsTo('amira').map((m) => m.headers.subject)}`);
		assert.equal(bySubject('amira', new RegExp(`^Referral ${ids[1]} refused by ${ORG.r2}$`)).length, 1, 'and one refusal e-mail');
		for (const u of ['tina', 'tom', 'ben', 'chloe', 'admin']) assert.equal(bySubject(u, new RegExp(`Referral (${ids[0]}|${ids[1]}) `)).length, 0, `${u} hears nothing of it`);
		// the inbox has the refusal message too (issue 12 point 7)
		assert.equal(one(`SELECT COUNT(*) FROM inbox_messages WHERE staff_id = ${staff.amira} AND kind = 'referral_refused' AND link = '/referrals/${ids[1]}'`), '1');
	});

	it('each e-mail has a text and an HTML part, Date, Message-ID, List-Unsubscribe to the preferences and a link to the referral', async () => {
		const m = mailsTo('amira').find((x) => /acknowledged by/.test(x.headers.subject));
		assert.ok(m);
		assert.match(m.headers.date, /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
		assert.match(m.headers['message-id'], /^<outbox-\d+@referrals\.invalid>$/);
		assert.match(m.headers['list-unsubscribe'], /^<http:\/\/127\.0\.0\.1:\d+\/referrals\/preferences>$/);
		assert.match(m.headers['content-type'], /multipart\/alternative/);
		assert.match(m.text, /Open it in Referrals: http:\/\/127\.0\.0\.1:\d+\/referrals\/referrals\/\d+/);
		assert.match(m.html, /<a href="http:\/\/127\.0\.0\.1:\d+\/referrals\/referrals\/\d+">Open it in Referrals<\/a>/);
		assert.ok(m.text.includes(issueName), 'names the issue');
	});

	it('a note reaches both sides (the sender\'s subscribers and the receiving organisation\'s other staff), not the outsider or the other receiver', async () => {
		const { ids } = makeGroup(['r1', 'r2'], [['amira', ['note_added']]]);
		await addNote(users.tina, ids[0], `A private note ${TAG}`);
		await settled();
		const re = new RegExp(`^Referral ${ids[0]} note added`);
		assert.ok(await waitFor(() => bySubject('amira', re).length === 1 && bySubject('ben', re).length === 1, 10000), 'amira (subscriber) and ben (receiving staff) each get one');
		for (const u of ['tina', 'tom', 'chloe']) assert.equal(bySubject(u, re).length, 0, `${u} gets none`);
		assert.ok(!mails().some((m) => m.raw.includes(`A private note ${TAG}`)), 'the note\'s text is never e-mailed');
	});

	it('closed reaches the subscribers who chose it; nobody else', async () => {
		const reason = one(`SELECT id FROM closure_reasons WHERE retired = 0 ORDER BY position, id LIMIT 1`);
		const { ids } = makeGroup(['r1'], [['amira', ['closed']], ['tom', ['acknowledged']]]);
		await act(users.tina, ids[0], 'acknowledge');
		await act(users.tina, ids[0], 'close', { closure_reason: reason });
		await settled();
		const re = new RegExp(`^Referral ${ids[0]} closed`);
		assert.ok(await waitFor(() => bySubject('amira', re).length === 1, 10000), `amira gets the closing e-mail: ${mailsTo('amira').map((m) => m.headers.subject)}`);
		for (const u of ['tina', 'tom', 'ben', 'chloe', 'admin']) assert.equal(bySubject(u, re).length, 0, `${u} gets none`);
		assert.deepEqual(dbRows(`SELECT staff_id FROM mail_outbox WHERE link = '/referrals/${ids[0]}' AND kind = 'referral_closed'`), [[staff.amira]], 'written for amira alone');
	});

	it('a file reaches both sides (the sender\'s subscribers and the receiving organisation\'s other staff); not the uploader, the other receiver or the outsider', async () => {
		const { ids } = makeGroup(['r1', 'r2'], [['amira', ['file_added']], ['chloe', ['note_added']]]);
		const page = await users.tina.get(`/referrals/${ids[0]}`);
		const boundary = '----MailTestBoundary' + TAG;
		const body = Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrfFrom(page.body)}\r\n` +
				`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="letter-${TAG}.txt"\r\nContent-Type: text/plain\r\n\r\nA private letter\r\n` +
				`--${boundary}--\r\n`,
		);
		const res = await users.tina.request('POST', `/referrals/${ids[0]}/files`, { headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Origin: ORIGIN }, body });
		assert.equal(res.status, 303, `upload: ${res.status}`);
		await settled();
		const re = new RegExp(`^Referral ${ids[0]} file added`);
		assert.ok(await waitFor(() => bySubject('amira', re).length === 1 && bySubject('ben', re).length === 1, 10000), `amira and ben each get one: ${mailsTo('amira').map((m) => m.headers.subject)}`);
		for (const u of ['tina', 'tom', 'chloe', 'admin']) assert.equal(bySubject(u, re).length, 0, `${u} gets none`);
		assert.ok(!mails().some((m) => m.raw.includes(`letter-${TAG}`)), 'the file\'s name is never e-mailed');
	});

	it('an expired consent reaches the administrators and the referrer; nobody else', async () => {
		const { group, ids } = makeGroup(['r1'], []);
		const days = Number(one(`SELECT value FROM settings WHERE name = 'consent_expiry_days'`));
		db(`UPDATE consents SET recorded_at = UTC_TIMESTAMP() - INTERVAL ${days + 5} DAY WHERE id = (SELECT consent_id FROM referral_groups WHERE id = ${group})`);
		await run(BIN, ['-c', CONFIG, 'run-jobs']);
		await settled();
		const re = new RegExp(`^Consent has expired: referral ${ids[0]} `);
		const admins = dbRows(`SELECT id FROM staff WHERE is_admin = 1 AND active = 1`).map((r) => r[0]);
		const to = dbRows(`SELECT staff_id FROM mail_outbox WHERE kind = 'consent_renewal' AND link = '/referrals/${ids[0]}' ORDER BY staff_id`).map((r) => r[0]);
		assert.deepEqual(to, [...new Set([...admins, staff.amira])].sort((a, b) => a - b), 'written for each active administrator and amira, who made the referral');
		assert.ok(await waitFor(() => bySubject('admin', re).length === 1 && bySubject('amira', re).length === 1, 10000), `admin and amira each get one: ${mailsTo('admin').map((m) => m.headers.subject)}`);
		for (const u of ['tina', 'tom', 'ben', 'chloe']) assert.equal(bySubject(u, re).length, 0, `${u} gets none`);
	});

	it('an overdue notice reaches the receiving organisation\'s staff; nobody else (a new referral: tests/browser/mail_journey)', async () => {
		// written through the job: overdue notices go to the receiving organisation
		const { ids } = makeGroup(['r2'], []);
		db(`UPDATE referrals SET update_due = CURDATE() - INTERVAL 3 DAY, created_at = UTC_TIMESTAMP() - INTERVAL 10 DAY WHERE id = ${ids[0]}`);
		await run(BIN, ['-c', CONFIG, 'run-jobs']);
		await settled();
		const re = new RegExp(`^Referral ${ids[0]} is overdue: ${issueName}$`);
		assert.ok(await waitFor(() => bySubject('tom', re).length === 1, 10000), `tom gets the overdue e-mail: ${mailsTo('tom').map((m) => m.headers.subject)}`);
		for (const u of ['amira', 'tina', 'ben', 'chloe']) assert.equal(bySubject(u, re).length, 0, `${u} gets none`);
	});
});

// The pid of the stack's master's e-mail sender (a child named referrals-mail), or 0.
function mailSenderPid() {
	const master = Number(fs.readFileSync(path.join(STACK_DIR, 'referrals.pid'), 'utf8').trim());
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
			const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (comm === 'referrals-mail' && Number(ppid) === master && state !== 'Z') return Number(entry);
		} catch {}
	}
	return 0;
}

// A mariadb client connection kept open, its statements run as written (a transaction that
// stays open while the application's waits).
function openConnection() {
	const proc = spawn('mariadb', [`--socket=${DB_SOCKET}`, '-uroot', '--batch', '--skip-column-names', '--unbuffered', '--force', 'referrals'], { stdio: ['pipe', 'pipe', 'pipe'] });
	let out = '';
	let serial = 0;
	proc.stdout.on('data', (d) => (out += d));
	proc.stderr.on('data', () => {});
	return {
		async run(sql) {
			const marker = `done-${++serial}`;
			proc.stdin.write(`${sql};\nSELECT '${marker}';\n`);
			const until = Date.now() + 20000;
			while (!out.includes(marker)) {
				if (Date.now() > until) throw new Error(`the connection did not finish: ${sql}`);
				await sleep(20);
			}
		},
		close: () => proc.stdin.end(),
	};
}

describe('a change that rolls back', () => {
	it('sends nothing: a refusal rolled back by a deadlock after writing its e-mail, then retried, sends one', async () => {
		const { group, ids } = makeGroup(['r1', 'r2'], [['amira', ['refused']]]);
		const csrf = csrfFrom((await users.tina.get(`/referrals/${ids[0]}`)).body);
		db(`CREATE OR REPLACE TABLE test_mail_weight (n INT PRIMARY KEY) ENGINE=InnoDB`);
		const deadlocks = () => Number(dbRows(`SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'`)[0][1]);
		const before = deadlocks();
		const other = openConnection();
		try {
			// heavy, so InnoDB rolls back the refusal; holds the group's other referral
			await other.run(`START TRANSACTION; INSERT INTO test_mail_weight SELECT seq FROM seq_1_to_5000; SELECT id FROM referrals WHERE id = ${ids[1]} FOR UPDATE`);
			const answer = users.tina.post(`/referrals/${ids[0]}/refuse`, { csrf, reason: 'No capacity' });
			// the refusal has written its inbox and outbox rows (uncommitted) and waits in
			// referral_group_settle for the other referral
			const until = Date.now() + 10000;
			while (dbRows(`SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'`)[0][0] === '0' && Date.now() < until) await sleep(20);
			await other.run(`SELECT id FROM referrals WHERE id = ${ids[0]} FOR UPDATE; ROLLBACK`);
			assert.equal((await answer).status, 303);
		} finally {
			other.close();
			db(`DROP TABLE IF EXISTS test_mail_weight`);
		}
		assert.ok(deadlocks() > before, 'the first attempt was rolled back');
		assert.equal(one(`SELECT COUNT(*) FROM mail_outbox WHERE staff_id = ${staff.amira} AND link = '/referrals/${ids[0]}'`), '1', 'only the retry\'s row');
		await settled();
		const re = new RegExp(`^Referral ${ids[0]} refused`);
		assert.ok(await waitFor(() => bySubject('amira', re).length >= 1, 10000));
		await sleep(1500);
		assert.equal(bySubject('amira', re).length, 1, 'one e-mail');
		assert.equal(one(`SELECT taken_by_org_id IS NULL FROM referral_groups WHERE id = ${group}`), '1');
	});
});

describe('delivery', () => {
	it('the relay stopped for a full minute, then started: everything queued meanwhile arrives exactly once, and the sender backed off', async (t) => {
		// the test stack's back-off (scripts/stack): RetrySeconds doubling up to RetryMaxSeconds
		const setting = (name) => Number(fs.readFileSync(CONFIG, 'utf8').match(new RegExp(`^\\s*${name}\\s*=\\s*(\\d+)`, 'm'))[1]);
		const retry = setting('RetrySeconds');
		const max = setting('RetryMaxSeconds');
		const OUTAGE_MS = 61000;
		const mark = logMark();
		stack('stop-smtp');
		const stoppedAt = Date.now();
		// messages queued at the outage's start, middle and end: an acknowledgement (to amira,
		// who subscribed) and a note (to amira and to ben, of the receiving organisation) each
		const made = [];
		const queue = async () => {
			const { ids } = makeGroup(['r1'], [['amira', ['acknowledged', 'note_added']]]);
			await act(users.tina, ids[0], 'acknowledge');
			await addNote(users.tina, ids[0], `Outage ${TAG}`);
			made.push(ids[0]);
		};
		await queue();
		const first = () => dbRows(`SELECT id, attempts, state, COALESCE(last_error, '') FROM mail_outbox WHERE staff_id = ${staff.amira} AND link = '/referrals/${made[0]}' AND kind = 'referral_acknowledged'`)[0];
		// the first message's attempts as they happen, polled beside the queueing: when each
		// was seen, and when it was last not yet seen (so it happened between the two)
		const seen = [{ attempts: 0, at: Date.now(), prev: Date.now() }];
		let polling = true;
		const poller = (async () => {
			let prev = Date.now();
			while (polling) {
				const attempts = Number(first()[1]);
				const now = Date.now();
				if (attempts !== seen[seen.length - 1].attempts) seen.push({ attempts, at: now, prev });
				prev = now;
				await sleep(200);
			}
		})();
		for (const due of [25000, 50000]) {
			await sleep(due - (Date.now() - stoppedAt));
			await queue();
		}
		await sleep(OUTAGE_MS - (Date.now() - stoppedAt));
		polling = false;
		await poller;
		const down = Date.now() - stoppedAt;
		const [firstId, tried, state, reason] = first();
		assert.equal(state, 'pending', 'kept while the relay is down');
		assert.match(reason, /connect/i);
		stack('start-smtp');

		// back-off: the attempts a sender following RetrySeconds × 2^n (at most RetryMaxSeconds)
		// can make in the outage, one more for the rounding of the database's clock; a loop
		// without back-off (a round every PollSeconds, 1 here) would make about 60
		let bound = 0;
		for (let t = 0, n = 0; t <= down / 1000; n++) {
			bound++;
			t += Math.min(retry * 2 ** n, max) - 1;
		}
		assert.ok(Number(tried) >= 3, `retried during the outage: ${tried} attempts`);
		assert.ok(Number(tried) <= bound, `${tried} attempts in ${down} ms: at most ${bound} with the back-off`);
		// the waits between attempts grow to RetryMaxSeconds, less a second (the database's
		// clock counts whole seconds); each wait measured at its longest (from when the attempt
		// before was last not yet seen), so a slow poll never makes it look shorter
		const gaps = seen.slice(1).map((s, i) => (s.at - seen[i].prev) / 1000);
		t.diagnostic(`relay down ${down} ms; the first message tried ${tried} times (at most ${bound} allowed); waits between attempts at most ${gaps.slice(1).join(', ')} s`);
		for (let k = 1; k < gaps.length; k++) {
			const delay = Math.min(retry * 2 ** (k - 1), max);
			assert.ok(gaps[k] >= delay - 1, `wait ${k} was at most ${gaps[k]} s, the back-off says ${delay} s: ${gaps.join(', ')}`);
		}
		// everything arrives, each e-mail once
		const expected = [];
		for (const id of made) {
			expected.push(['amira', new RegExp(`^Referral ${id} acknowledged by `)], ['amira', new RegExp(`^Referral ${id} note added`)], ['ben', new RegExp(`^Referral ${id} note added`)]);
		}
		assert.equal(expected.length, 9);
		const arrived = () => expected.every(([u, re]) => bySubject(u, re).length >= 1);
		assert.ok(await waitFor(arrived, 60000, 250), 'delivered once the relay is back');
		await settled();
		await sleep(2500);
		for (const [u, re] of expected) assert.equal(bySubject(u, re).length, 1, `exactly one ${re} to ${u}`);
		assert.equal(one(`SELECT COUNT(*) FROM mail_outbox WHERE link IN (${made.map((id) => `'/referrals/${id}'`).join(',')}) AND state <> 'sent'`), '0');
		// the sender's log: a line for each failed attempt of the first message (every attempt
		// but the last, which delivered it), each "will retry"
		const attempts = Number(one(`SELECT attempts FROM mail_outbox WHERE id = ${firstId}`));
		const lines = logSince(mark).filter((l) => l.includes(`mail ${firstId}: `));
		assert.equal(lines.length, attempts - 1, lines.join('\n'));
		assert.ok(lines.every((l) => /will retry$/.test(l)));
	});

	it('after the relay restarts, the next message goes at the first attempt (the connection kept from before is not trusted)', async () => {
		// the sender keeps its connection between messages; a restarted Exim answers 421 on it
		const warm = db(`INSERT INTO mail_outbox (staff_id, kind, mode, subject, body, created_at) VALUES (${staff.chloe}, 'announcement', 'immediate', 'Warm ${TAG}', '', UTC_TIMESTAMP()); SELECT LAST_INSERT_ID()`).trim();
		assert.ok(await waitFor(() => one(`SELECT state FROM mail_outbox WHERE id = ${warm}`) === 'sent', 20000, 100));
		stack('stop-smtp');
		stack('start-smtp');
		const id = db(`INSERT INTO mail_outbox (staff_id, kind, mode, subject, body, created_at) VALUES (${staff.chloe}, 'announcement', 'immediate', 'Restarted ${TAG}', '', UTC_TIMESTAMP()); SELECT LAST_INSERT_ID()`).trim();
		assert.ok(await waitFor(() => one(`SELECT state FROM mail_outbox WHERE id = ${id}`) !== 'pending' || one(`SELECT attempts FROM mail_outbox WHERE id = ${id}`) !== '0', 20000, 100));
		assert.deepEqual(dbRows(`SELECT state, attempts, COALESCE(last_error, '') FROM mail_outbox WHERE id = ${id}`), [['sent', '1', '']]);
	});

	it('STARTTLS and TLS checked against Mail.CaFile, and AUTH with Mail.User and Mail.Password; a certificate of another authority or a wrong password sends nothing and keeps the message', async () => {
		// the stack's Exim offers STARTTLS on its port, TLS from the start on the next, and
		// AUTH PLAIN for referrals-test (scripts/stack); this test's own sender (send-mail
		// --once) with each setting, the master's held meanwhile so that it sends none of them
		const base = fs.readFileSync(CONFIG, 'utf8');
		const port = Number(base.match(/Mail \{[^}]*?\bPort = (\d+)/)[1]);
		const password = fs.readFileSync(path.join(STACK_DIR, 'smtp-password'), 'utf8').trim();
		const tls = path.join(STACK_DIR, 'tls');
		const variant = (name, settings) => {
			const file = path.join(STACK_DIR, `mail-${name}.hdf`);
			const lines = Object.entries(settings).map(([k, v]) => `    ${k} = ${v}`).join('\n');
			fs.writeFileSync(file, base.replace(/\n\s*Port = \d+\n\s*Security = none\n/, `\n${lines}\n`));
			return file;
		};
		const cases = [
			['starttls-auth', { Port: port, Security: 'starttls', CaFile: path.join(tls, 'ca.pem'), User: 'referrals-test', Password: password }, 'sent'],
			['tls', { Port: port + 1, Security: 'tls', CaFile: path.join(tls, 'ca.pem') }, 'sent'],
			['other-ca', { Port: port, Security: 'starttls', CaFile: path.join(tls, 'other-ca.pem') }, 'pending'],
			['wrong-password', { Port: port, Security: 'starttls', CaFile: path.join(tls, 'ca.pem'), User: 'referrals-test', Password: 'not-it' }, 'pending'],
		];
		const sender = mailSenderPid();
		assert.ok(sender);
		process.kill(sender, 'SIGSTOP');
		const rows = {};
		try {
			for (const [name, settings, expected] of cases) {
				const config = variant(name, settings);
				const id = db(`INSERT INTO mail_outbox (staff_id, kind, mode, subject, body, created_at) VALUES (${staff.chloe}, 'announcement', 'immediate', 'Secure ${TAG} ${name}', '', UTC_TIMESTAMP()); SELECT LAST_INSERT_ID()`).trim();
				rows[name] = id;
				await run(BIN, ['-c', config, 'send-mail', '--once']);
				const [state, attempts, error] = dbRows(`SELECT state, attempts, COALESCE(last_error, '') FROM mail_outbox WHERE id = ${id}`)[0];
				assert.equal(state, expected, `${name}: ${state} ${error}`);
				assert.equal(attempts, '1', name);
				// a failed one waits out of the way of the next case's sender
				db(`UPDATE mail_outbox SET next_attempt_at = UTC_TIMESTAMP() + INTERVAL 1 DAY WHERE id = ${id} AND state = 'pending'`);
			}
		} finally {
			process.kill(sender, 'SIGCONT');
			for (const [name] of cases) fs.rmSync(path.join(STACK_DIR, `mail-${name}.hdf`), { force: true });
		}
		assert.match(one(`SELECT last_error FROM mail_outbox WHERE id = ${rows['other-ca']}`), /certificate|SSL/i);
		assert.match(one(`SELECT last_error FROM mail_outbox WHERE id = ${rows['wrong-password']}`), /535|Login denied/i);
		// how the relay received each one: its log line for the message (Exim logs Message-ID)
		const log = fs.readFileSync(path.join(STACK_DIR, 'exim', 'log', 'mainlog'), 'utf8').split('\n');
		const received = (id) => log.find((l) => / <= /.test(l) && l.includes(`id=outbox-${id}@`)) || '';
		assert.match(received(rows['starttls-auth']), / X=TLS1\.[23]:/, 'encrypted');
		assert.match(received(rows['starttls-auth']), / A=plain:referrals-test\b/, 'authenticated as the account');
		assert.match(received(rows.tls), / X=TLS1\.[23]:/, 'encrypted from the start');
		assert.doesNotMatch(received(rows.tls), / A=/, 'no account set, none used');
		for (const name of ['other-ca', 'wrong-password']) assert.equal(received(rows[name]), '', `${name}: the relay took nothing`);
		await waitFor(() => bySubject('chloe', new RegExp(`^Secure ${TAG} tls$`)).length === 1, 10000);
		for (const [name, , expected] of cases) assert.equal(bySubject('chloe', new RegExp(`^Secure ${TAG} ${name}$`)).length, expected === 'sent' ? 1 : 0, name);
		db(`UPDATE mail_outbox SET state = 'sent' WHERE id IN (${rows['other-ca']}, ${rows['wrong-password']})`);
	});

	it('a 4xx answer is retried, and the 2xx that follows delivers it once', async () => {
		fs.writeFileSync(path.join(STACK_DIR, 'mail-defer'), '');
		const { ids } = makeGroup(['r1'], [['amira', ['acknowledged']]]);
		await act(users.tina, ids[0], 'acknowledge');
		const row = () => dbRows(`SELECT attempts, state, COALESCE(last_error, '') FROM mail_outbox WHERE staff_id = ${staff.amira} AND link = '/referrals/${ids[0]}'`)[0];
		assert.ok(await waitFor(() => Number(row()[0]) >= 1, 20000, 200));
		assert.match(row()[2], /SMTP 45\d/);
		assert.equal(row()[1], 'pending');
		fs.rmSync(path.join(STACK_DIR, 'mail-defer'));
		const re = new RegExp(`^Referral ${ids[0]} acknowledged`);
		assert.ok(await waitFor(() => bySubject('amira', re).length >= 1, 20000, 200));
		await new Promise((r) => setTimeout(r, 2000));
		assert.equal(bySubject('amira', re).length, 1);
	});

	it('fails a message still undelivered after Mail.FailAfterMinutes, with the reason for the administrators', async () => {
		fs.writeFileSync(path.join(STACK_DIR, 'mail-defer'), '');
		const id = db(`INSERT INTO mail_outbox (staff_id, kind, mode, subject, body, created_at) VALUES (${staff.tom}, 'overdue', 'immediate', 'Old ${TAG}', '', UTC_TIMESTAMP() - INTERVAL 3 DAY); SELECT LAST_INSERT_ID()`).trim();
		assert.ok(await waitFor(() => one(`SELECT state FROM mail_outbox WHERE id = ${id}`) === 'failed', 20000, 200));
		assert.match(one(`SELECT last_error FROM mail_outbox WHERE id = ${id}`), /45\d/);
		fs.rmSync(path.join(STACK_DIR, 'mail-defer'));
		const notice = one(`SELECT body FROM inbox_messages WHERE staff_id = ${staff.admin} AND kind = 'mail_failed' AND subject = 'E-mail ${id} not delivered'`);
		assert.match(notice, /could not be delivered/);
		assert.equal(one(`SELECT COUNT(*) FROM mail_outbox WHERE kind = 'mail_failed'`), '0', 'a failure notice is never e-mailed');
	});

	it('two senders at once (and the master\'s) deliver each message exactly once', async () => {
		const values = Array.from({ length: 40 }, (_, i) => `(${staff.chloe}, 'announcement', 'immediate', 'Race ${TAG} ${i}', 'Race', UTC_TIMESTAMP())`).join(',');
		db(`INSERT INTO mail_outbox (staff_id, kind, mode, subject, body, created_at) VALUES ${values}`);
		await Promise.all([run(BIN, ['-c', CONFIG, 'send-mail', '--once']), run(BIN, ['-c', CONFIG, 'send-mail', '--once'])]);
		await settled();
		const race = () => bySubject('chloe', new RegExp(`^Race ${TAG} `));
		assert.ok(await waitFor(() => race().length >= 40, 20000, 200), `all 40 arrived: ${race().length}`);
		await new Promise((r) => setTimeout(r, 2000));
		const ids = race().map((m) => m.headers['message-id']);
		assert.equal(ids.length, 40, 'no message twice');
		assert.equal(new Set(ids).size, 40);
	});
	it('a sender killed after the relay took a message, before recording it: sent once more, the same Message-ID and Date (at least once, at most one copy a crash)', async () => {
		// the relay waits 4 s before accepting a message's text: the message is claimed and
		// on its way, and this test locks its row so that the sender cannot record it
		fs.writeFileSync(path.join(STACK_DIR, 'mail-slow'), '');
		stack('stop-smtp');
		stack('start-smtp'); // the configuration with the slow answer
		const id = db(`INSERT INTO mail_outbox (staff_id, kind, mode, subject, body, created_at) VALUES (${staff.chloe}, 'announcement', 'immediate', 'Crash ${TAG}', 'Once more', UTC_TIMESTAMP()); SELECT LAST_INSERT_ID()`).trim();
		const copies = () => mailsTo('chloe').filter((m) => m.headers.subject === `Crash ${TAG}`);
		const locker = openConnection();
		try {
			// claimed: under a lease (a failed attempt would end the lease and count)
			assert.ok(await waitFor(() => one(`SELECT lease_until IS NOT NULL FROM mail_outbox WHERE id = ${id}`) === '1', 20000, 50), 'claimed');
			assert.equal(one(`SELECT attempts FROM mail_outbox WHERE id = ${id}`), '0');
			await locker.run(`START TRANSACTION; SELECT id FROM mail_outbox WHERE id = ${id} FOR UPDATE`);
			assert.ok(await waitFor(() => copies().length === 1, 20000, 100), 'the relay took it and delivered it');
			// the sender now waits to record it as sent
			const recording = () => dbRows(`SELECT trx_mysql_thread_id FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT' AND trx_query LIKE 'UPDATE mail_outbox SET state = ''sent''%'`);
			assert.ok(await waitFor(() => recording().length === 1, 10000, 100), 'the sender waits to record it');
			const thread = recording()[0][0];
			const sender = mailSenderPid();
			assert.ok(sender, 'the master\'s e-mail sender');
			process.kill(sender, 'SIGKILL');
			// the crash came before the record reached the database: its statement, still
			// waiting in the server for the lock, ends with it (else the server would run it)
			db(`KILL ${thread}`);
			assert.ok(await waitFor(() => mailSenderPid() && mailSenderPid() !== sender, 20000, 100), 'the master started another sender');
			assert.equal(one(`SELECT state FROM mail_outbox WHERE id = ${id}`), 'pending', 'not recorded as sent');
			// the lease ends (Timeout × 11, 110 s in the test stack: brought forward here)
			fs.rmSync(path.join(STACK_DIR, 'mail-slow'));
			await locker.run(`UPDATE mail_outbox SET lease_until = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id = ${id}; COMMIT`);
		} finally {
			locker.close();
			fs.rmSync(path.join(STACK_DIR, 'mail-slow'), { force: true });
		}
		assert.ok(await waitFor(() => one(`SELECT state FROM mail_outbox WHERE id = ${id}`) === 'sent', 30000, 200), 'the new sender sent and recorded it');
		assert.ok(await waitFor(() => copies().length === 2, 10000, 100));
		await sleep(2000);
		const [a, b] = copies();
		assert.equal(copies().length, 2, 'one extra copy for the one crash, no more');
		assert.equal(a.headers['message-id'], `<outbox-${id}@referrals.invalid>`);
		assert.equal(b.headers['message-id'], a.headers['message-id'], 'the same Message-ID');
		assert.equal(b.headers.date, a.headers.date, 'the same Date');
		assert.equal(b.text, a.text);
		assert.equal(one(`SELECT attempts FROM mail_outbox WHERE id = ${id}`), '1', 'the resend is the one attempt recorded');
		stack('stop-smtp');
		stack('start-smtp'); // without the slow answer
	});
});

describe('preferences and the digest', () => {
	it('is reached from the inbox', async () => {
		const inbox = await users.tom.get('/inbox');
		assert.match(inbox.body, /<a class="govuk-link" id="email-preferences" href="[^"]*\/preferences">Choose which messages also come by e-mail<\/a>/);
	});

	it('shows the directory address read-only and saves a choice per kind; inbox only writes no e-mail', async () => {
		const page = await users.tom.get('/preferences');
		assert.equal(page.status, 200);
		assert.ok(text(page.body).includes(address('tom')));
		assert.doesNotMatch(page.body, /<input[^>]*name="email"/, 'the address is not a field');
		const fields = { csrf: csrfFrom(page.body), digest_hour: '3' };
		fields.mode_referral_refused = 'inbox';
		const saved = await users.tom.post('/preferences', fields);
		assert.equal(saved.status, 303);
		assert.equal(one(`SELECT mode FROM mail_preferences WHERE staff_id = ${staff.tom} AND kind = 'referral_refused'`), 'inbox');
		assert.equal((await users.tom.post('/preferences', { ...fields, digest_hour: '25' })).status, 400);
		assert.equal((await users.tom.post('/preferences', { ...fields, mode_overdue: 'sms' })).status, 400);
		// tom as a subscriber who chose inbox only for refusals
		const { group, ids } = makeGroup(['r1'], [['tom', ['refused']]]);
		await act(users.tina, ids[0], 'refuse', { reason: 'Full' });
		assert.equal(one(`SELECT COUNT(*) FROM inbox_messages WHERE staff_id = ${staff.tom} AND kind = 'referral_refused' AND link = '/referrals/${ids[0]}'`), '1', 'the inbox has it');
		assert.equal(one(`SELECT COUNT(*) FROM mail_outbox WHERE staff_id = ${staff.tom} AND link = '/referrals/${ids[0]}'`), '0', 'no e-mail');
		// the only referral of the group refused: Unresolved, an inbox message for those who opted in
		assert.equal(one(`SELECT unresolved FROM referral_groups WHERE id = ${group}`), '1');
	});

	it('the address is the directory\'s mail, taken at sign-in: a change in the directory shows on the preferences page', async () => {
		const ldap = (ldif) => {
			const password = fs.readFileSync(path.join(STACK_DIR, 'ldap-admin-password'), 'utf8').trim();
			execFileSync('ldapmodify', ['-x', '-H', process.env.LDAP_URI || 'ldap://127.0.0.1:13890', '-D', 'cn=admin,dc=example,dc=org', '-w', password], { input: ldif, env: { ...process.env, LDAPNOINIT: '1' } });
		};
		const dn = one(`SELECT directory_dn FROM staff WHERE id = ${staff.ben}`);
		const before = execFileSync('ldapsearch', ['-x', '-LLL', '-H', process.env.LDAP_URI || 'ldap://127.0.0.1:13890', '-b', dn, '-s', 'base', 'mail'], { env: { ...process.env, LDAPNOINIT: '1' } }).toString().match(/^mail: (.*)$/m)[1];
		const changed = `ben.moved.${TAG.toLowerCase()}@example.test`;
		ldap(`dn: ${dn}\nchangetype: modify\nreplace: mail\nmail: ${changed}\n`);
		try {
			const ben = await signedIn('ben');
			assert.equal(one(`SELECT email FROM staff WHERE id = ${staff.ben}`), changed);
			const page = await ben.get('/preferences');
			assert.ok(text(page.body).includes(changed), 'shown on the preferences page');
			assert.doesNotMatch(page.body, /<input[^>]*name="email"/, 'read-only');
		} finally {
			ldap(`dn: ${dn}\nchangetype: modify\nreplace: mail\nmail: ${before}\n`);
			db(`UPDATE staff SET email = '${address('ben')}' WHERE id = ${staff.ben}`); // this file's address again
		}
	});

	it('the daily digest at its hour holds the day\'s messages, once a day', async () => {
		const hour = (new Date().getUTCHours() + 12) % 24; // never the master's sender's hour now
		const mark = one(`SELECT COALESCE(MAX(id), 0) FROM mail_outbox`);
		const now = `2030-01-15 ${String(hour).padStart(2, '0')}:30:00`; // January: London is UTC
		db(`UPDATE staff SET digest_hour = ${hour}, digest_sent_on = NULL WHERE id = ${staff.amira}`);
		db(`INSERT INTO mail_preferences (staff_id, kind, mode) VALUES (${staff.amira}, 'referral_note_added', 'digest') ON DUPLICATE KEY UPDATE mode = 'digest'`);
		const { ids } = makeGroup(['r1'], [['amira', ['note_added']]]);
		await addNote(users.tina, ids[0], 'First');
		await addNote(users.ben, ids[0], 'Second');
		assert.equal(one(`SELECT COUNT(*) FROM mail_outbox WHERE staff_id = ${staff.amira} AND mode = 'digest' AND state = 'pending'`), '2');
		await run(BIN, ['-c', CONFIG, 'send-mail', '--once', '--now', `2030-01-15 ${String((hour + 1) % 24).padStart(2, '0')}:30:00`]);
		assert.equal(one(`SELECT COUNT(*) FROM mail_outbox WHERE staff_id = ${staff.amira} AND kind = 'digest' AND id > ${mark}`), '0', 'not before its hour');
		await run(BIN, ['-c', CONFIG, 'send-mail', '--once', '--now', now]);
		const digestId = one(`SELECT id FROM mail_outbox WHERE staff_id = ${staff.amira} AND kind = 'digest' AND id > ${mark}`);
		const digest = () => mailsTo('amira').filter((m) => m.headers['message-id'] === `<outbox-${digestId}@referrals.invalid>`);
		assert.ok(await waitFor(() => digest().length === 1, 10000));
		assert.equal(digest()[0].headers.subject, 'Your daily summary: 2 messages');
		const lines = digest()[0].text.split('\n').filter((l) => l.startsWith(`- Referral ${ids[0]} note added`));
		assert.equal(lines.length, 2, digest()[0].text);
		await addNote(users.tina, ids[0], 'Third, after the digest');
		await run(BIN, ['-c', CONFIG, 'send-mail', '--once', '--now', now]);
		assert.equal(one(`SELECT COUNT(*) FROM mail_outbox WHERE staff_id = ${staff.amira} AND kind = 'digest' AND id > ${mark}`), '1', 'one digest a day');
		db(`UPDATE mail_outbox SET state = 'digested' WHERE staff_id = ${staff.amira} AND mode = 'digest' AND state = 'pending'`);
	});
});

describe('privacy, health and labels', () => {
	it('no e-mail holds a client\'s name, date of birth, NHS number, phone, e-mail or address', async () => {
		await settled();
		const all = mails().map((m) => m.headers.subject + '\n' + m.text + '\n' + m.html);
		assert.ok(all.length > 0);
		const columns = `CONCAT(first_name, ' ', last_name), last_name, DATE_FORMAT(date_of_birth, '%Y-%m-%d'), DATE_FORMAT(date_of_birth, '%e %M %Y'), COALESCE(nhs_number, ''), COALESCE(phone, ''), COALESCE(email, ''), COALESCE(address_line1, ''), COALESCE(postcode, '')`;
		// this file's client has every kind of value, and its referrals were e-mailed about
		const mine = dbRows(`SELECT ${columns} FROM clients WHERE id = ${client}`)[0];
		assert.ok(mine.every((v) => v && v !== 'NULL'), `the test client has every value: ${mine}`);
		assert.ok(mails().some((m) => (m.headers.to || '').includes(TAG.toLowerCase())), 'e-mails of this file to check');
		// every client's, the demo's among them (the test stack holds the demo seed)
		const clients = dbRows(`SELECT ${columns} FROM clients`);
		// and as the pages write them: the NHS number and phone in groups
		clients.push(['401 023 2137', '07700 900987']);
		for (const c of clients) {
			for (const value of c) {
				if (!value || value === 'NULL' || value.length < 5) continue;
				for (const body of all) assert.ok(!body.includes(value), `an e-mail holds "${value}"`);
			}
		}
	});

	it('/health reports the outbox backlog and the oldest unsent age', async () => {
		const res = await new Browser().get('/health');
		const body = JSON.parse(res.body);
		assert.equal(typeof body.mail.backlog, 'number');
		assert.equal(typeof body.mail.oldest_unsent_seconds, 'number');
		stack('stop-smtp');
		db(`INSERT INTO mail_outbox (staff_id, kind, mode, subject, body, created_at) VALUES (${staff.chloe}, 'overdue', 'immediate', 'Backlog ${TAG}', '', UTC_TIMESTAMP() - INTERVAL 90 SECOND)`);
		const later = JSON.parse((await new Browser().get('/health')).body);
		assert.ok(later.mail.backlog >= 1);
		assert.ok(later.mail.oldest_unsent_seconds >= 90);
		stack('start-smtp');
		await settled();
	});

	it('labels the new inbox kinds', async () => {
		const kinds = { referral_refused: 'Refused', referral_unresolved: 'Unresolved', mail_failed: 'E-mail not delivered', announcement: 'Announcement' };
		for (const kind of Object.keys(kinds)) db(`INSERT INTO inbox_messages (staff_id, kind, subject) VALUES (${staff.chloe}, '${kind}', 'Kind ${TAG} ${kind}')`);
		const body = (await users.chloe.get('/inbox')).body;
		for (const [kind, label] of Object.entries(kinds)) {
			const at = body.indexOf(`Kind ${TAG} ${kind}<`);
			assert.ok(at > 0, kind);
			assert.match(body.slice(at - 600, at), new RegExp(`>${label}<`), `${kind} is labelled ${label}`);
		}
	});
});

describe('announcements', () => {
	it('shows the recipient count before sending, sends to the chosen organisations\' staff only, audited, and reports reach and read rate', async () => {
		const form = await users.admin.get('/admin/announcements/new');
		assert.equal(form.status, 200);
		const csrf = csrfFrom(form.body);
		const empty = await users.admin.post('/admin/announcements/new', { csrf, subject: '', body: 'Kept text', audience: 'organisations' });
		assert.equal(empty.status, 400);
		assert.match(text(empty.body), /Enter a subject/);
		assert.match(text(empty.body), /Choose at least one organisation/);
		assert.ok(empty.body.includes('Kept text'));
		const fields = [['csrf', csrf], ['subject', `Office closed ${TAG}`], ['body', 'The office is closed on Friday.'], ['audience', 'organisations'], ['org', org.r1]];
		const check = await users.admin.post('/admin/announcements/new', fields);
		assert.equal(check.status, 200);
		assert.match(text(check.body), /It will go to 2 staff members\./, 'tina and ben');
		assert.equal(one(`SELECT COUNT(*) FROM announcements WHERE subject = 'Office closed ${TAG}'`), '0', 'nothing sent yet');
		const sent = await users.admin.post('/admin/announcements/new', [...fields, ['confirm', '1']]);
		assert.equal(sent.status, 303);
		const id = sent.headers.location.match(/\/admin\/announcements\/(\d+)\?done=sent$/)[1];
		const got = dbRows(`SELECT staff_id FROM inbox_messages WHERE announcement_id = ${id} ORDER BY staff_id`).map((r) => r[0]);
		assert.deepEqual(got, [staff.tina, staff.ben].sort((a, b) => a - b));
		assert.equal(one(`SELECT COUNT(*) FROM events WHERE action = 'announcement.sent' AND subject_id = ${id} AND staff_id = ${staff.admin}`), '1', 'audited');
		await settled();
		const re = new RegExp(`^Office closed ${TAG}$`);
		assert.ok(await waitFor(() => bySubject('tina', re).length === 1 && bySubject('ben', re).length === 1, 10000), 'e-mailed to both');
		for (const u of ['amira', 'tom', 'chloe']) assert.equal(bySubject(u, re).length, 0);
		// tina reads it in her inbox
		const message = one(`SELECT id FROM inbox_messages WHERE announcement_id = ${id} AND staff_id = ${staff.tina}`);
		const inbox = await users.tina.get('/inbox');
		assert.ok(text(inbox.body).includes(`Office closed ${TAG}`));
		assert.equal((await users.tina.post(`/inbox/${message}/read`, { csrf: csrfFrom(inbox.body), page: '1' })).status, 303);
		const detail = await users.admin.get(`/admin/announcements/${id}`);
		assert.equal(detail.status, 200);
		const t = text(detail.body);
		assert.match(t, /Recipients 2/);
		assert.match(t, /Read 1 of 2 \(50%\)/);
		const readers = detail.body.slice(detail.body.indexOf('id="readers"'));
		assert.match(text(readers), /Tina[^]*\d{4} at [^]*Not yet/, 'tina read it, ben not yet');
		const list = await users.admin.get('/admin/announcements');
		assert.match(text(list.body), new RegExp(`Office closed ${TAG}.*1 of 2 \\(50%\\)`));
	});

	it('is for administrators only; sending to all staff reaches every active staff member', async () => {
		assert.equal((await users.tina.get('/admin/announcements')).status, 403);
		assert.equal((await users.tina.get('/admin/mail')).status, 403);
		const csrf = csrfFrom((await users.admin.get('/admin/announcements/new')).body);
		const check = await users.admin.post('/admin/announcements/new', { csrf, subject: `All ${TAG}`, body: 'Hello all', audience: 'everyone' });
		const active = one(`SELECT COUNT(*) FROM staff WHERE active = 1`);
		assert.match(text(check.body), new RegExp(`It will go to ${active} staff member`));
		const sent = await users.admin.post('/admin/announcements/new', { csrf, subject: `All ${TAG}`, body: 'Hello all', audience: 'everyone', confirm: '1' });
		const id = sent.headers.location.match(/(\d+)\?done=sent$/)[1];
		assert.equal(one(`SELECT COUNT(*) FROM inbox_messages WHERE announcement_id = ${id}`), active);
		assert.equal(one(`SELECT recipients FROM announcements WHERE id = ${id}`), active);
	});

	it('the e-mail delivery page shows the backlog and each failure with its reason', async () => {
		const page = await users.admin.get('/admin/mail');
		assert.equal(page.status, 200);
		assert.match(text(page.body), /Waiting to be sent \d+/);
		assert.match(text(page.body), /45\d/, 'the failed e-mail of the delivery tests, with the relay\'s answer');
	});
});
