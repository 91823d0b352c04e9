// Privacy by design (issue 15): the access log (one row per view of each kind, none for a
// refused or failed view), the access and sharing histories on the profile (another
// organisation's views without its staff names), redaction under the retention policy by the
// scheduled job with a set clock and erasure on request (every listed value gone from a whole
// database dump, the statistics kept, the client no longer found by the find step), and the
// deactivation of inactive staff.
//
// The clients are this file's own, made with the kinds of rows the product makes (edit history,
// consent by a representative, answers, notes, a file, inbox messages, a draft, a parked form):
// redacting a demo client would change what the other test files rely on. The job's clocks
// are in 2025, so only this file's rows (closed in 2018) are old enough to be redacted.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import http from 'node:http';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { Browser, signedIn, db, dbRows, sqlString, csrfFrom, organisationId, switchOrganisation, url, ORIGIN, STACK_DIR, DB_SOCKET } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = process.env.REFERRALS_BIN || path.join(here, '..', '..', 'fcgi', 'referrals');
const config = path.join(STACK_DIR, 'referrals.hdf');
const one = (sql) => db(sql).trim();
const TAG = 'pv' + Date.now().toString(36).slice(-6).replace(/[0-9]/g, (d) => 'abcdefghij'[d]);

function runJobs(now) {
	return spawnSync(bin, ['-c', config, 'run-jobs', '--now', now], { encoding: 'utf8', timeout: 120000 });
}

function dump() {
	return execFileSync('mariadb-dump', [`--socket=${DB_SOCKET}`, '-uroot', '--skip-extended-insert', 'referrals'], {
		encoding: 'latin1',
		maxBuffer: 1024 * 1024 * 1024,
	});
}

const ids = {};

// A GET whose body is kept as bytes (the zip).
function download(browser, p) {
	return new Promise((resolve, reject) => {
		const u = new URL(url(p));
		const req = http.request({ method: 'GET', host: u.hostname, port: u.port, path: u.pathname, headers: { Cookie: browser.cookieHeader() }, agent: false }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end();
	});
}

// The entries of a zip (name → bytes), read from its central directory (stored or deflated).
function unzip(buf) {
	let end = buf.length - 22;
	while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
	assert.ok(end >= 0, 'a zip');
	const count = buf.readUInt16LE(end + 10);
	let at = buf.readUInt32LE(end + 16);
	const out = {};
	for (let i = 0; i < count; i++) {
		const method = buf.readUInt16LE(at + 10), size = buf.readUInt32LE(at + 20);
		const nameLen = buf.readUInt16LE(at + 28), extraLen = buf.readUInt16LE(at + 30), commentLen = buf.readUInt16LE(at + 32);
		const local = buf.readUInt32LE(at + 42);
		const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
		const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
		const data = buf.subarray(start, start + size);
		out[name] = method === 0 ? data : zlib.inflateRawSync(data);
		at += 46 + nameLen + extraLen + commentLen;
	}
	return out;
}

// A client with every kind of detail, unique to this file and to `name` ('Ret', 'Era').
function values(name) {
	const n = (name + TAG).toLowerCase();
	// a date of birth no other client has: it must be gone from the whole dump too
	const dob = { Log: '1916-05-27', Ret: '1916-03-29', Era: '1916-04-28', Sar: '1916-02-26', Oth: '1916-01-25', Ref: '1916-06-26' }[name];
	return {
		first_name: `Zephyrine${n}`,
		last_name: `Quillfeather${n}`,
		date_of_birth: dob,
		gender_description: `Selfdesc${n}`,
		email: `${n}@privacy.example`,
		phone: '07700' + String(900000 + Math.floor(Math.random() * 99999)).slice(0, 6),
		alt_phone: '01632' + String(900000 + Math.floor(Math.random() * 99999)).slice(0, 6),
		nhs_number: String(4000000000 + Math.floor(Math.random() * 999999999)),
		gp_practice_name: `Gpsurgery${n}`,
		gp_ods_code: 'Y' + String(10000 + Math.floor(Math.random() * 89999)),
		address_line1: `1 Lanthorn${n} Road`,
		address_line2: `Flatwing${n}`,
		town: `Wexcombe${n}`,
		postcode: 'ZZ4 4QX', // a district no other test file filters by
	};
}

async function createClient(v) {
	const pairs = Object.entries({ ...v, created_by: ids.amira, local_authority_id: ids.la, gender_id: ids.gender });
	pairs.push(['org', ids.riverside], ['org', ids.northfield]);
	const res = await new Browser().post('/_test/clients', pairs, { origin: null });
	assert.equal(res.status, 200, res.body);
	return String(JSON.parse(res.body).id);
}

// Everything the product copies a client's details into, made as the product makes it.
// closedAt: when its referral closed. Returns the referral id and the texts that must go.
function makeRecords(client, v, closedAt) {
	const n = v.last_name;
	const secret = {
		answer: `Answertext${n}`,
		representative: `Ottoline${n}`,
		relationship: `Godparent${n}`,
		reason: `Reasontext${n}`,
		clientNote: `Clientnote${n}`,
		referralNote: `Referralnote${n}`,
		fileName: `filename${n}.txt`,
		fileBody: `Filebody${n}`,
		draftValue: `Drafttyped${n}`,
		newDraftValue: `Newclientdraft${n}`,
	};
	const r = one(
		`INSERT INTO consents (client_id, organisation_id, recorded_by, recorded_at, given_by_client, consentor_name, consentor_relationship) VALUES (${client}, ${ids.riverside}, ${ids.amira}, '2018-01-02 10:00:00', 0, ${sqlString(secret.representative)}, ${sqlString(secret.relationship)});` +
		`SET @k = LAST_INSERT_ID();` +
		`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id, created_at) VALUES (${client}, ${ids.issue}, ${ids.riverside}, ${ids.amira}, @k, '2018-01-02 10:00:00');` +
		`SET @g = LAST_INSERT_ID();` +
		`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due, status_reason, created_at, updated_at, closed_at) VALUES (@g, ${client}, ${ids.issue}, ${ids.riverside}, ${ids.northfield}, ${ids.amira}, 'closed', '2018-01-09', '2018-01-30', ${sqlString(secret.reason)}, '2018-01-02 10:00:00', '${closedAt}', '${closedAt}');` +
		`SET @r = LAST_INSERT_ID();` +
		`INSERT INTO answers (group_id, question_text, kind, answer) VALUES (@g, 'What happened?', 'text', ${sqlString(secret.answer)});` +
		`INSERT INTO notes (client_id, body, staff_id, organisation_id) VALUES (${client}, ${sqlString(secret.clientNote)}, ${ids.amira}, ${ids.riverside});` +
		`INSERT INTO notes (referral_id, body, staff_id, organisation_id) VALUES (@r, ${sqlString(secret.referralNote)}, ${ids.amira}, ${ids.riverside});` +
		`INSERT INTO files (referral_id, name, content_type, size, data, sha256, uploaded_by, organisation_id) VALUES (@r, ${sqlString(secret.fileName)}, 'text/plain', ${secret.fileBody.length}, ${sqlString(secret.fileBody)}, SHA2(${sqlString(secret.fileBody)}, 256), ${ids.amira}, ${ids.riverside});` +
		// the edit history, as client_update records it
		`INSERT INTO events (staff_id, organisation_id, action, subject_type, subject_id, old_value, new_value, detail) VALUES (${ids.amira}, ${ids.riverside}, 'client.change', 'client', ${client}, ${sqlString('Old' + v.first_name)}, ${sqlString(v.first_name)}, 'First name');` +
		// the timeline: a consent renewal quoting the representative, a file's name
		`INSERT INTO events (staff_id, organisation_id, action, subject_type, subject_id, old_value, new_value, detail) VALUES (${ids.amira}, ${ids.riverside}, 'referral.consent_renewed', 'referral', @r, '1', '2', ${sqlString(`Consent given by ${secret.representative} (${secret.relationship})`)});` +
		`INSERT INTO events (staff_id, organisation_id, action, subject_type, subject_id, new_value, detail) VALUES (${ids.amira}, ${ids.riverside}, 'referral.file_added', 'referral', @r, ${sqlString(secret.fileName)}, 'File 1, 10 bytes');` +
		`INSERT INTO events (staff_id, organisation_id, action, subject_type, subject_id, old_value, new_value, detail) VALUES (${ids.ben}, ${ids.northfield}, 'referral.closed', 'referral', @r, 'acknowledged', 'closed', ${sqlString(secret.reason)});` +
		// an inbox message naming the client, as the overdue notices do
		`INSERT INTO inbox_messages (staff_id, kind, subject, body, link) VALUES (${ids.ben}, 'overdue', ${sqlString(`Referral overdue: ${v.first_name} ${v.last_name}`)}, ${sqlString(`${v.first_name} ${v.last_name} is overdue`)}, CONCAT('/referrals/', @r));` +
		// a draft for the client with what was typed, and a form parked at a session timeout
		`INSERT INTO drafts (staff_id, organisation_id, client_id, step) VALUES (${ids.amira}, ${ids.riverside}, ${client}, 'details');` +
		`SET @d = LAST_INSERT_ID();` +
		`INSERT INTO draft_values (draft_id, name, value) VALUES (@d, 'first_name', ${sqlString(v.first_name)}), (@d, 'last_name', ${sqlString(v.last_name)}), (@d, 'note', ${sqlString(secret.draftValue)});` +
		// an unsent draft for a "new" client typed with this client's names (in other case):
		// the same person, never linked to the client row
		`INSERT INTO drafts (staff_id, organisation_id, client_id, step) VALUES (${ids.amira}, ${ids.riverside}, NULL, 'address');` +
		`SET @n = LAST_INSERT_ID();` +
		`INSERT INTO draft_values (draft_id, name, value) VALUES (@n, 'first_name', ${sqlString(v.first_name.toUpperCase())}), (@n, 'last_name', ${sqlString(' ' + v.last_name)}), (@n, 'address_line1', ${sqlString(secret.newDraftValue)});` +
		`INSERT INTO resumable_posts (token_hash, staff_id, path, body) VALUES (UNHEX(SHA2(${sqlString(n)}, 256)), ${ids.amira}, '/drafts/0/client', ${sqlString(`first_name=${v.first_name}&last_name=${v.last_name}&email=${encodeURIComponent(v.email)}`)});` +
		`SELECT @r;`,
	);
	return { referral: r, secret };
}

// Every value of the client and its records that must not be anywhere in the database.
function mustGo(v, secret) {
	const list = { ...v, ...secret };
	delete list.postcode; // shared by both clients of this file: checked through the row below
	delete list.date_of_birth;
	list.full_date_of_birth = `'${v.date_of_birth}'`;
	return list;
}

function leftovers(text, list) {
	return Object.entries(list).filter(([, value]) => text.includes(value)).map(([key, value]) => `${key}=${value}`);
}

function statistics(client) {
	return one(
		`SELECT CONCAT_WS('|', COUNT(*), GROUP_CONCAT(r.status), GROUP_CONCAT(r.issue_id), GROUP_CONCAT(r.sending_org_id), GROUP_CONCAT(r.receiving_org_id),` +
		` GROUP_CONCAT(r.created_at), GROUP_CONCAT(r.closed_at), MAX(c.local_authority_id), MAX(c.gender_id), MAX(YEAR(c.date_of_birth)))` +
		` FROM referrals r JOIN clients c ON c.id = r.client_id WHERE r.client_id = ${client}`,
	);
}

function search(browser, v) {
	const [year, month, day] = v.date_of_birth.split('-').map(Number);
	const q = new URLSearchParams({ first_name: v.first_name, last_name: v.last_name, dob_day: String(day), dob_month: String(month), dob_year: String(year) });
	return browser.get('/api/clients/search?' + q);
}

const accessRows = (rid) => dbRows(`SELECT kind, subject_id, client_id, staff_id, organisation_id FROM access_log WHERE request_id = '${rid}'`);
async function logged(res) {
	const rid = res.headers['x-request-id'];
	assert.ok(rid, 'a request id');
	// written after the answer was sent: give the worker a moment
	await new Promise((r) => setTimeout(r, 150));
	return accessRows(rid);
}

let amira, ben, admin;
// the parked forms of the clients not redacted: other files expect none left over
after(() => db(`DELETE FROM resumable_posts WHERE LOCATE('${TAG}', body) > 0`));
before(async () => {
	ids.amira = one(`SELECT id FROM staff WHERE username = 'amira'`);
	ids.ben = one(`SELECT id FROM staff WHERE username = 'ben'`);
	ids.admin = one(`SELECT id FROM staff WHERE username = 'admin'`);
	ids.riverside = organisationId('Riverside Citizens Advice');
	ids.northfield = organisationId('Northfield Council Housing Options');
	ids.issue = one(`SELECT MIN(id) FROM issues`);
	ids.la = one(`SELECT MIN(id) FROM local_authorities`);
	ids.gender = one(`SELECT MIN(id) FROM reference_values WHERE list = 'gender'`);
	amira = await signedIn('amira');
	ben = await signedIn('ben');
	await switchOrganisation(ben, ids.northfield);
	admin = await signedIn('admin');
});

describe('the access log', () => {
	let client, referral, file, v;
	before(async () => {
		v = values('Log');
		client = await createClient(v);
		({ referral } = makeRecords(client, v, '2026-01-10 10:00:00'));
		db(`UPDATE consents SET recorded_at = UTC_TIMESTAMP() WHERE client_id = ${client}`);
		file = one(`SELECT id FROM files WHERE referral_id = ${referral}`);
	});

	it('records each kind of view once, with staff, organisation, client and request id', async () => {
		const views = [
			['client', `/clients/${client}`, client],
			['client_referrals', `/clients/${client}/referrals`, client],
			['client_notes', `/clients/${client}/notes`, client],
			['client_edit', `/clients/${client}/edit`, client],
			['referral', `/referrals/${referral}`, referral],
			['referral_notes', `/referrals/${referral}/notes`, referral],
			['file', `/files/${file}`, file],
		];
		for (const [kind, page, subject] of views) {
			const res = await amira.get(page);
			assert.equal(res.status, 200, `${page}: ${res.status}`);
			assert.deepEqual(await logged(res), [[kind, subject, client, ids.amira, ids.riverside]], page);
		}
	});

	it('records the find step\'s search (AJAX) once for each client it answers with', async () => {
		const res = await search(amira, v);
		assert.equal(res.status, 200);
		const found = JSON.parse(res.body);
		const answered = [...found.exact, ...found.close].map((m) => String(m.id));
		assert.ok(answered.includes(client));
		const rows = await logged(res);
		assert.deepEqual(rows.map((r) => r[2]).sort(), [...new Set(answered)].sort(), 'one row per client answered');
		assert.deepEqual(rows.find((r) => r[2] === client), ['find', client, client, ids.amira, ids.riverside]);
		const bad = await amira.get('/api/clients/search?first_name=&last_name=x');
		assert.equal(bad.status, 400);
		assert.deepEqual(await logged(bad), [], 'a refused search: nothing');
	});

	it('records a journey step that shows a stored client', async () => {
		const draft = one(`INSERT INTO drafts (staff_id, organisation_id, client_id, step) VALUES (${ids.amira}, ${ids.riverside}, ${client}, 'client'); SELECT LAST_INSERT_ID()`);
		const res = await amira.get(`/drafts/${draft}/find`);
		assert.equal(res.status, 200);
		assert.deepEqual(await logged(res), [['draft', client, client, ids.amira, ids.riverside]]);
	});

	it('records a list view once for each client it names, in one kind per list', async () => {
		const q = encodeURIComponent(v.last_name);
		const lists = [
			['list_sent', amira, `/referrals/sent?q=${q}`, ids.amira, ids.riverside],
			['list_received', ben, `/referrals/received?q=${q}`, ids.ben, ids.northfield],
			['list_clients', amira, `/clients?q=${q}`, ids.amira, ids.riverside],
		];
		for (const [kind, who, page, staff, org] of lists) {
			const res = await who.get(page);
			assert.equal(res.status, 200, page);
			assert.ok(res.body.includes(v.last_name), `${page} names the client`);
			assert.deepEqual(await logged(res), [[kind, client, client, staff, org]], page);
		}
		// a whole page: one row per client shown (a client on two rows is one entry), all in
		// one view's request
		const page = await amira.get('/referrals/sent');
		assert.equal(page.status, 200);
		const shown = [...page.body.matchAll(/href="[^"]*\/referrals\/(\d+)"/g)].map((m) => m[1]);
		assert.ok(shown.length > 0, 'the list shows referrals');
		const clients = new Set(dbRows(`SELECT client_id FROM referrals WHERE id IN (${[...new Set(shown)].join(',')})`).map((r) => r[0]));
		const rows = await logged(page);
		assert.deepEqual(rows.map((r) => r[2]).sort(), [...clients].sort(), 'one row for each client named on the page');
		assert.ok(rows.every((r) => r[0] === 'list_sent' && r[1] === r[2] && r[3] === ids.amira));
		// a list refused for a bad filter shows nobody and logs nothing
		const bad = await amira.get(`/referrals/sent?q=${q}&from=notadate`);
		assert.equal(bad.status, 400);
		assert.deepEqual(await logged(bad), []);
		const badClients = await amira.get(`/clients?q=${q}&born=notadate`);
		assert.equal(badClients.status, 400);
		assert.deepEqual(await logged(badClients), []);
	});

	it('records the inbox and the audit log once for each client they name', async () => {
		const inbox = await ben.get('/inbox');
		assert.equal(inbox.status, 200);
		assert.ok(inbox.body.includes(v.last_name), 'the inbox names the client');
		const rows = await logged(inbox);
		assert.ok(rows.some((r) => r.join() === ['list_inbox', client, client, ids.ben, ids.northfield].join()), JSON.stringify(rows));
		assert.ok(rows.every((r) => r[0] === 'list_inbox'));
		assert.equal(new Set(rows.map((r) => r[2])).size, rows.length, 'one row per client');
		// the audit log shows the client's edit history (old and new values) and the
		// referral's events (a reason, a representative's name)
		for (const [type, subject, kind] of [['client', client, 'audit_client'], ['referral', referral, 'audit_referral']]) {
			const page = await admin.get(`/admin/audit?subject_type=${type}&subject_id=${subject}`);
			assert.equal(page.status, 200);
			assert.deepEqual((await logged(page)).map((r) => r.slice(0, 4)), [[kind, subject, client, ids.admin]], type);
		}
	});

	it('records the Renew consent page once for the sender; the receiver\'s refused view leaves none', async () => {
		db(`UPDATE consents SET recorded_at = '2000-01-01' WHERE client_id = ${client}`);
		try {
			const res = await amira.get(`/referrals/${referral}/consent`);
			assert.equal(res.status, 200);
			assert.deepEqual(await logged(res), [['referral_consent', referral, client, ids.amira, ids.riverside]]);
			const refused = await ben.get(`/referrals/${referral}/consent`);
			assert.equal(refused.status, 409);
			assert.deepEqual(await logged(refused), []);
		} finally {
			db(`UPDATE consents SET recorded_at = UTC_TIMESTAMP() WHERE client_id = ${client}`);
		}
	});

	it('leaves no row for a refused, missing or failed view', async () => {
		const outsider = await signedIn('chloe');
		await switchOrganisation(outsider, one(`SELECT id FROM organisations WHERE name LIKE 'Eastbrook%'`));
		for (const page of [`/clients/${client}`, `/referrals/${referral}`, `/files/${file}`, `/referrals/${referral}/notes`]) {
			const res = await outsider.get(page);
			assert.equal(res.status, 404, page);
			assert.deepEqual(await logged(res), [], `${page} refused: no row`);
		}
		const missing = await amira.get('/referrals/999999999');
		assert.equal(missing.status, 404);
		assert.deepEqual(await logged(missing), []);
		// consent expired: the client's notes are refused (403), nothing logged
		db(`UPDATE consents SET recorded_at = '2000-01-01' WHERE client_id = ${client}`);
		try {
			const refused = await amira.get(`/clients/${client}/notes`);
			assert.equal(refused.status, 403);
			assert.deepEqual(await logged(refused), []);
		} finally {
			db(`UPDATE consents SET recorded_at = UTC_TIMESTAMP() WHERE client_id = ${client}`);
		}
	});

	it('is append-only: rows cannot be changed or removed', () => {
		assert.throws(() => db(`UPDATE access_log SET staff_id = 0 WHERE client_id = ${client}`), /append-only/);
		assert.throws(() => db(`DELETE FROM access_log WHERE client_id = ${client}`), /append-only/);
	});

	it('shows the access history: own staff by name, another organisation by its name only', async () => {
		const benView = await ben.get(`/referrals/${referral}`);
		assert.equal(benView.status, 200);
		await logged(benView);
		const page = await amira.get(`/clients/${client}`);
		assert.equal(page.status, 200);
		const access = page.body.match(/<table class="govuk-table" id="access">[\s\S]*?<\/table>/)?.[0] || '';
		assert.match(access, /Northfield Council Housing Options/);
		assert.match(access, /Amira Khan, Riverside Citizens Advice/);
		assert.ok(!page.body.includes('Ben Okafor'), 'no staff name of another organisation anywhere on the page');
		const asBen = await ben.get(`/clients/${client}`);
		const benAccess = asBen.body.match(/<table class="govuk-table" id="access">[\s\S]*?<\/table>/)?.[0] || '';
		assert.ok(!benAccess.includes('Amira Khan'), 'nor the other way round');
		assert.match(benAccess, /Riverside Citizens Advice/);
		assert.match(benAccess, /Ben Okafor, Northfield Council Housing Options/);
		const asAdmin = await admin.get(`/clients/${client}`);
		assert.match(asAdmin.body, /Ben Okafor, Northfield Council Housing Options/, 'administrators see every name');
	});

	it('shows the sharing history: to whom, when, by whom, under which consent', async () => {
		const page = await amira.get(`/clients/${client}`);
		const sharing = page.body.match(/<table class="govuk-table" id="sharing">[\s\S]*?<\/table>/)?.[0] || '';
		const consent = one(`SELECT g.consent_id FROM referral_groups g JOIN referrals r ON r.group_id = g.id WHERE r.id = ${referral}`);
		assert.match(sharing, /Northfield Council Housing Options/);
		assert.match(sharing, /Amira Khan, Riverside Citizens Advice/);
		assert.match(sharing, new RegExp(`Consent ${consent}, given by a representative`));
		assert.match(sharing, new RegExp(`referral ${referral}`));
	});
});

describe('retention and erasure', () => {
	it('the job redacts a client whose last referral closed more than retention_months ago', async () => {
		const v = values('Ret');
		const client = await createClient(v);
		const { referral, secret } = makeRecords(client, v, '2018-03-01 12:00:00');
		// found before
		const before = JSON.parse((await search(amira, v)).body);
		assert.ok(before.exact.some((m) => String(m.id) === client), 'found by the find step before');
		const stats = statistics(client);
		const list = mustGo(v, secret);
		assert.deepEqual(leftovers(dump(), list).length, Object.keys(list).length, 'every value is in the dump before');

		// the walk of closures starts again from the beginning: this file's rows are backdated
		// behind where other files' runs left it (sql/067_privacy_job_indexes.sql)
		db(`UPDATE retention_progress SET closed_at = '0001-01-01 00:00:00', referral_id = 0`);
		// not yet due: 2023-02 is less than 72 months after 2018-03
		let run = runJobs('2023-02-01 12:00:00');
		assert.equal(run.status, 0, run.stderr);
		assert.match(run.stdout, /clients redacted under the retention policy \(72 months\): 0/);
		assert.equal(one(`SELECT redacted_at IS NULL FROM clients WHERE id = ${client}`), '1');

		run = runJobs('2025-06-01 12:00:00');
		assert.equal(run.status, 0, run.stderr);
		assert.match(run.stdout, /clients redacted under the retention policy \(72 months\): [1-9]/);
		assert.equal(one(`SELECT CONCAT(redaction_kind, ' ', redacted_at) FROM clients WHERE id = ${client}`), 'retention 2025-06-01 12:00:00');
		const text = dump();
		assert.deepEqual(leftovers(text, list), [], 'no value of the client remains anywhere in the database');
		assert.equal(one(`SELECT CONCAT_WS('|', postcode, date_of_birth, nhs_number, email) FROM clients WHERE id = ${client}`), '|1916-01-01||');
		assert.equal(statistics(client), stats, 'referrals, statuses, dates, issues, organisations and local authority kept');
		assert.equal(one(`SELECT COUNT(*) FROM events WHERE action = 'client.redacted' AND subject_id = ${client}`), '1', 'audited');
		// not found any more
		const after = JSON.parse((await search(amira, v)).body);
		assert.ok(!after.exact.some((m) => String(m.id) === client) && !after.close.some((m) => String(m.id) === client), 'not found by the find step');
		// the referral says so
		const page = await amira.get(`/referrals/${referral}`);
		assert.equal(page.status, 200);
		assert.match(page.body, /Client details were removed under the retention policy on 1 June 2025/);
		// Edit details refuses: nothing more is written about a redacted client
		const edit = await amira.get(`/clients/${client}/edit`);
		assert.equal(edit.status, 410);
		assert.match(edit.body, /This client’s details were removed under the retention policy on 1 June 2025/);
		// a second run does nothing more
		run = runJobs('2025-06-01 13:00:00');
		assert.equal(one(`SELECT COUNT(*) FROM events WHERE action = 'client.redacted' AND subject_id = ${client}`), '1');
	});

	it('an administrator erases a client on request after a confirmation page naming what will go', async () => {
		const v = values('Era');
		const client = await createClient(v);
		const { referral, secret } = makeRecords(client, v, '2026-10-01 12:00:00');
		const stats = statistics(client);
		const refused = await amira.get(`/clients/${client}/erase`);
		assert.equal(refused.status, 403, 'administrators only');
		const form = await admin.get(`/clients/${client}/erase`);
		assert.equal(form.status, 200);
		assert.match(form.body, /NHS number and GP practice/);
		assert.match(form.body, /1 questionnaire answer/);
		assert.match(form.body, /2 notes/);
		assert.match(form.body, /1 file\b/);
		const csrf = csrfFrom(form.body);
		const missing = await admin.post(`/clients/${client}/erase`, { csrf, reason: '' });
		assert.equal(missing.status, 400);
		assert.match(missing.body, /Enter the reason for erasing/);
		assert.equal(one(`SELECT redacted_at IS NULL FROM clients WHERE id = ${client}`), '1', 'nothing erased without a reason');
		const done = await admin.post(`/clients/${client}/erase`, { csrf, reason: 'Erasure request 42', confirm: '1' });
		assert.equal(done.status, 303);
		assert.deepEqual(leftovers(dump(), mustGo(v, secret)), []);
		assert.equal(statistics(client), stats);
		assert.equal(one(`SELECT detail FROM events WHERE action = 'client.erased' AND subject_id = ${client}`), 'Erased on request: Erasure request 42');
		const after = JSON.parse((await search(amira, v)).body);
		assert.ok(!after.exact.some((m) => String(m.id) === client));
		const page = await amira.get(`/referrals/${referral}`);
		assert.match(page.body, /Client details were erased on request on/);
		assert.ok(!page.body.includes('id="note-form"'), 'no note form on the referral');
	});

	it('refuses every change to a redacted client with a 410 page saying why, and writes nothing', async () => {
		const v = values('Ref');
		const client = await createClient(v);
		const { referral } = makeRecords(client, v, '2026-10-01 12:00:00');
		// a draft for someone else with the same last name stays
		const other = one(`INSERT INTO drafts (staff_id, organisation_id, client_id, step) VALUES (${ids.amira}, ${ids.riverside}, NULL, 'address'); SET @o = LAST_INSERT_ID();` +
			`INSERT INTO draft_values (draft_id, name, value) VALUES (@o, 'first_name', 'Someoneelse'), (@o, 'last_name', ${sqlString(v.last_name)}); SELECT @o`);
		try {
			const form = await admin.get(`/clients/${client}/erase`);
			assert.match(form.body, /2 draft referrals \(what was typed in the referral journey\)/, 'the confirmation counts the new-client draft too');
			const erased = await admin.post(`/clients/${client}/erase`, { csrf: csrfFrom(form.body), reason: 'Erasure request 43', confirm: '1' });
			assert.equal(erased.status, 303);
			assert.equal(one(`SELECT COUNT(*) FROM drafts WHERE id = ${other}`), '1', 'a draft naming someone else stays');
		} finally {
			db(`DELETE FROM drafts WHERE id = ${other}`);
		}
		const count = () => one(`SELECT CONCAT_WS('|', (SELECT COUNT(*) FROM notes WHERE client_id = ${client}), (SELECT COUNT(*) FROM notes WHERE referral_id = ${referral}),` +
			` (SELECT COUNT(*) FROM files WHERE referral_id = ${referral}), (SELECT COUNT(*) FROM consents WHERE client_id = ${client}), (SELECT COUNT(*) FROM drafts WHERE client_id = ${client}),` +
			` (SELECT updated_at FROM clients WHERE id = ${client}))`);
		const before = count();
		const profile = await amira.get(`/clients/${client}`);
		assert.equal(profile.status, 200);
		assert.ok(!profile.body.includes('id="edit-details"'), 'no Edit details link');
		assert.ok(!profile.body.includes('New referral for this client'), 'no New referral for this client');
		assert.ok(!profile.body.includes('id="note-form"'), 'no note form');
		const csrf = csrfFrom(profile.body);
		const boundary = '----PrivacyTestBoundary';
		const upload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n` +
			`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`);
		db(`UPDATE consents SET recorded_at = '2000-01-01' WHERE client_id = ${client}`); // renewal would otherwise have nothing to renew
		const attempts = [
			['GET edit', () => amira.get(`/clients/${client}/edit`)],
			['POST edit', () => amira.post(`/clients/${client}/edit`, { csrf, first_name: 'Back', last_name: 'Again', dob_day: '1', dob_month: '1', dob_year: '1990' })],
			['POST client note', () => amira.post(`/clients/${client}/notes`, { csrf, note: 'A new note' })],
			['POST referral note', () => amira.post(`/referrals/${referral}/notes`, { csrf, note: 'A new note' })],
			['POST file', () => amira.request('POST', `/referrals/${referral}/files`, { headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Origin: ORIGIN }, body: upload })],
			['GET consent', () => amira.get(`/referrals/${referral}/consent`)],
			['POST consent', () => amira.post(`/referrals/${referral}/consent`, { csrf, consent: 'yes', consent_given_by: 'client' })],
			['POST new referral', () => amira.post('/referrals/new', { csrf, client_id: client })],
		];
		for (const [what, attempt] of attempts) {
			const res = await attempt();
			assert.equal(res.status, 410, `${what}: ${res.status}`);
			assert.match(res.body, /Client details removed/, what);
			assert.match(res.body, /This client’s details were erased on request on \d+ \w+ \d{4}, so nothing more can be recorded about them/, what);
		}
		assert.equal(count(), before, 'nothing written');
	});
});

describe('drafts past their time', () => {
	it('are removed by the job after draft_expiry_days without a change, sent or not, with their values and parked forms', () => {
		const make = (updated, sent, typed) => one(
			`INSERT INTO drafts (staff_id, organisation_id, client_id, step, sent_at, updated_at) VALUES (${ids.amira}, ${ids.riverside}, NULL, 'address', ${sent ? `'${updated}'` : 'NULL'}, '${updated}');` +
			`SET @d = LAST_INSERT_ID(); INSERT INTO draft_values (draft_id, name, value) VALUES (@d, 'last_name', ${sqlString(typed)});` +
			`INSERT INTO resumable_posts (token_hash, staff_id, path, body) VALUES (UNHEX(SHA2(${sqlString(typed)}, 256)), ${ids.amira}, CONCAT('/drafts/', @d, '/address'), ${sqlString('last_name=' + typed)});` +
			`SELECT @d`);
		const stale = make('2025-04-01 09:00:00', false, `Staledraft${TAG}`);
		const staleSent = make('2025-04-02 09:00:00', true, `Stalesent${TAG}`);
		const recent = make('2025-05-20 09:00:00', false, `Recentdraft${TAG}`);
		try {
			const run = runJobs('2025-06-01 12:00:00'); // 30 days before: 2025-05-02
			assert.equal(run.status, 0, run.stderr);
			assert.match(run.stdout, /drafts removed after 30 days without a change: [2-9]/);
			assert.equal(one(`SELECT COUNT(*) FROM drafts WHERE id IN (${stale}, ${staleSent})`), '0');
			assert.equal(one(`SELECT COUNT(*) FROM draft_values WHERE draft_id IN (${stale}, ${staleSent})`), '0');
			assert.equal(one(`SELECT COUNT(*) FROM resumable_posts WHERE path IN ('/drafts/${stale}/address', '/drafts/${staleSent}/address')`), '0');
			assert.equal(one(`SELECT COUNT(*) FROM drafts WHERE id = ${recent}`), '1', 'a draft changed within the days stays');
			const text = dump();
			assert.deepEqual(leftovers(text, { stale: `Staledraft${TAG}`, sent: `Stalesent${TAG}` }), [], 'nothing of them in the database');
		} finally {
			db(`DELETE FROM resumable_posts WHERE path = '/drafts/${recent}/address'; DELETE FROM drafts WHERE id = ${recent}`);
		}
	});
});

describe('inactive staff', () => {
	const username = `${TAG}idle`;
	let staffId;
	before(() => {
		staffId = one(`INSERT INTO staff (username, display_name, created_at, last_signin_at) VALUES ('${username}', 'Idle Person', '2024-01-01', '2024-02-01'); SELECT LAST_INSERT_ID()`);
		db(`INSERT INTO sessions (token_hash, staff_id, csrf_token) VALUES (UNHEX(SHA2('${username}', 256)), ${staffId}, REPEAT('a', 64))`);
	});
	after(() => db(`DELETE FROM staff WHERE id = ${staffId}`));

	it('are deactivated by the job after staff_inactive_days, their sessions ended; reactivation starts again', async () => {
		let run = runJobs('2024-04-30 12:00:00'); // 89 days after the last sign-in
		assert.equal(run.status, 0, run.stderr);
		assert.equal(one(`SELECT active FROM staff WHERE id = ${staffId}`), '1');
		run = runJobs('2024-05-02 12:00:00'); // 91 days
		assert.equal(run.status, 0, run.stderr);
		assert.match(run.stdout, /staff deactivated after 90 days without signing in: [1-9]/);
		assert.equal(one(`SELECT active FROM staff WHERE id = ${staffId}`), '0');
		assert.equal(one(`SELECT COUNT(*) FROM sessions WHERE staff_id = ${staffId}`), '0');
		assert.equal(one(`SELECT COUNT(*) FROM events WHERE action = 'staff.deactivated_inactive' AND subject_id = ${staffId}`), '1');
		// an administrator reactivates: the count starts again from then
		const page = await admin.get(`/admin/staff/${staffId}`);
		const res = await admin.post(`/admin/staff/${staffId}/reactivate`, { csrf: csrfFrom(page.body) });
		assert.equal(res.status, 303);
		assert.equal(one(`SELECT active FROM staff WHERE id = ${staffId}`), '1');
		run = runJobs('2024-05-03 12:00:00');
		assert.equal(one(`SELECT active FROM staff WHERE id = ${staffId}`), '1', 'reactivated (after the clock): not deactivated again');
	});

	it('administrators are never deactivated by the job', () => {
		const run = runJobs('2025-06-01 12:00:00');
		assert.equal(run.status, 0, run.stderr);
		assert.equal(one(`SELECT COUNT(*) FROM staff WHERE is_admin = 1 AND active = 0`), '0');
	});
});

describe('privacy settings', () => {
	it('shows where each takes effect and saves within bounds, audited', async () => {
		const page = await admin.get('/admin/privacy');
		assert.equal(page.status, 200);
		assert.match(page.body, /value="72"/);
		assert.match(page.body, /value="90"/);
		assert.match(page.body, /scheduled job removes the client’s names/);
		const bad = await admin.post('/admin/privacy', { csrf: csrfFrom(page.body), retention_months: '0', staff_inactive_days: 'x' });
		assert.equal(bad.status, 400);
		assert.match(bad.body, /must be between 1 and 1200 months/);
		const ok = await admin.post('/admin/privacy', { csrf: csrfFrom(page.body), retention_months: '84', staff_inactive_days: '90' });
		assert.equal(ok.status, 303);
		try {
			assert.equal(one(`SELECT value FROM settings WHERE name = 'retention_months'`), '84');
			assert.equal(one(`SELECT new_value FROM events WHERE action = 'admin.settings.change' ORDER BY id DESC LIMIT 1`), '84');
			const denied = await amira.get('/admin/privacy');
			assert.equal(denied.status, 403);
		} finally {
			db(`UPDATE settings SET value = '72' WHERE name = 'retention_months'`);
		}
	});
});

describe('subject access', () => {
	it('gives an administrator one zip of every row held about the client and its files, nothing of another client', async () => {
		const v = values('Sar'), other = values('Oth');
		const client = await createClient(v);
		const otherClient = await createClient(other);
		const { referral, secret } = makeRecords(client, v, '2026-10-01 12:00:00');
		const { secret: otherSecret } = makeRecords(otherClient, other, '2026-10-01 12:00:00');
		db(`UPDATE consents SET recorded_at = UTC_TIMESTAMP() WHERE client_id IN (${client}, ${otherClient})`);
		await logged(await amira.get(`/clients/${client}`)); // an access log row to find

		assert.equal((await amira.get(`/clients/${client}/subject-access`)).status, 403, 'administrators only');
		const res = await download(admin, `/clients/${client}/subject-access`);
		assert.equal(res.status, 200);
		assert.equal(res.headers['content-type'], 'application/zip');
		const zip = unzip(res.body);
		const html = zip[`client-${client}.html`]?.toString('utf8');
		const json = JSON.parse(zip[`client-${client}.json`]?.toString('utf8'));
		assert.ok(html && json, `the two documents in ${Object.keys(zip)}`);
		const file = one(`SELECT id FROM files WHERE referral_id = ${referral}`);
		const fileEntry = Object.keys(zip).find((n) => n.startsWith(`files/referral-${referral}/${file}-`));
		assert.ok(fileEntry, `the file in ${Object.keys(zip)}`);
		assert.equal(zip[fileEntry].toString('utf8'), secret.fileBody, 'the file\'s exact bytes');

		const counts = {
			clients: `SELECT COUNT(*) FROM clients WHERE id = ${client}`,
			client_orgs: `SELECT COUNT(*) FROM client_orgs WHERE client_id = ${client}`,
			consents: `SELECT COUNT(*) FROM consents WHERE client_id = ${client}`,
			referral_groups: `SELECT COUNT(*) FROM referral_groups WHERE client_id = ${client}`,
			referrals: `SELECT COUNT(*) FROM referrals WHERE client_id = ${client}`,
			answers: `SELECT COUNT(*) FROM answers a JOIN referral_groups g ON g.id = a.group_id WHERE g.client_id = ${client}`,
			notes: `SELECT COUNT(*) FROM notes WHERE client_id = ${client} OR referral_id = ${referral}`,
			files: `SELECT COUNT(*) FROM files WHERE referral_id = ${referral}`,
			events: `SELECT COUNT(*) FROM events WHERE (subject_type = 'client' AND subject_id = ${client}) OR (subject_type = 'referral' AND subject_id = ${referral})`,
			access_log: `SELECT COUNT(*) FROM access_log WHERE client_id = ${client} AND kind <> 'subject_access'`, // the download's own row comes after it
			// the client's drafts, and the one for a "new" client typed with the client's names
			drafts: `SELECT COUNT(*) FROM drafts d WHERE d.client_id = ${client} OR d.id IN (SELECT draft_id FROM draft_values WHERE value = ${sqlString(secret.newDraftValue)})`,
			draft_values: `SELECT COUNT(*) FROM draft_values v JOIN drafts d ON d.id = v.draft_id WHERE d.client_id = ${client} OR d.id IN (SELECT draft_id FROM draft_values WHERE value = ${sqlString(secret.newDraftValue)})`,
			inbox_messages: `SELECT COUNT(*) FROM inbox_messages WHERE link = '/referrals/${referral}'`,
		};
		for (const [table, sql] of Object.entries(counts)) {
			assert.equal(json.tables[table]?.length, Number(one(sql)), `${table}: every row`);
			assert.ok(Number(one(sql)) > 0, `${table} has rows for this test`);
		}
		// every table with a client_id column is there, and holds only this client's rows
		for (const [table] of dbRows(`SELECT table_name FROM information_schema.columns WHERE table_schema = DATABASE() AND column_name = 'client_id'`)) {
			assert.ok(Array.isArray(json.tables[table]), `table ${table} in the zip`);
			for (const row of json.tables[table]) if (row.client_id !== null) assert.equal(row.client_id, client, `${table}: only this client`);
		}
		assert.equal(json.tables.clients[0].first_name, v.first_name);
		assert.equal(json.tables.files[0].data, undefined, 'file bytes are in files/, not the JSON');
		assert.ok(html.includes(v.last_name) && html.includes(secret.referralNote), 'the readable document has the details and notes');
		assert.ok(JSON.stringify(json).includes(secret.newDraftValue), 'a draft for a "new" client with the client\'s names is theirs too');
		const everything = html + JSON.stringify(json);
		for (const value of [other.first_name, other.last_name, other.email, other.nhs_number, other.town, otherSecret.newDraftValue]) {
			assert.ok(!everything.includes(value), `nothing of another client (${value})`);
		}
		const rows = await logged(res);
		assert.deepEqual(rows.map((r) => r[0]), ['subject_access'], 'the download is logged');
	});
});
