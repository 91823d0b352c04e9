// Referral notes, client notes and files (issue 4 point 5): who may read and write them (the
// sender, the receiver and administrators; another organisation gets 404; signed out goes to
// sign in), note validation and escaping, the timeline events, the inbox messages of
// subscribers, uploads (size and count limits, a malformed multipart body) and downloads (the
// headers and the exact bytes).
//
// Referrals are made directly in SQL, mirroring referral_send's rows.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { Browser, signedIn, db, dbRows, sqlString, text, csrfFrom, resetThrottle, url, ORIGIN, BASE_PATH } from './lib.mjs';

const TAG = 'NT' + Date.now().toString(36).slice(-5);
const ORG = { sender: `${TAG} Sending Advice`, r1: `${TAG} Receiving Housing`, r2: `${TAG} Receiving Support`, outsider: `${TAG} Outsider Trust` };
const CLIENT_FIRST = 'Notes';
const CLIENT_LAST = 'Testperson' + TAG.replace(/[0-9]/g, (d) => 'abcdefghij'[d]).toLowerCase();
const FILE_MAX = 1048576 - 16384;
const org = {};
const staff = {};
const users = {};
let client, issue;

function one(sql) {
	return dbRows(sql)[0][0];
}

async function switchTo(browser, orgId) {
	const csrf = csrfFrom((await browser.get('/')).body);
	const res = await browser.post('/organisation', { organisation_id: orgId, csrf, next: '/' });
	assert.equal(res.status, 303);
}

// A referral from the sender to r1 (and r2 in the same group); amira subscribed to notes and
// files, ben to neither. Returns the referral id for r1.
function makeReferral() {
	const sql =
		`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${client}, ${org.sender}, ${staff.amira});` +
		`SET @c = LAST_INSERT_ID();` +
		`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id) VALUES (${client}, ${issue}, ${org.sender}, ${staff.amira}, @c);` +
		`SET @g = LAST_INSERT_ID();` +
		`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, update_due, close_due) VALUES (@g, ${client}, ${issue}, ${org.sender}, ${org.r1}, ${staff.amira}, CURDATE() + INTERVAL 5 DAY, CURDATE() + INTERVAL 20 DAY);` +
		`SET @r = LAST_INSERT_ID();` +
		`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, update_due, close_due) VALUES (@g, ${client}, ${issue}, ${org.sender}, ${org.r2}, ${staff.amira}, CURDATE() + INTERVAL 5 DAY, CURDATE() + INTERVAL 20 DAY);` +
		`INSERT INTO referral_subscriptions (group_id, staff_id, acknowledged, closed, note_added, file_added) VALUES (@g, ${staff.amira}, 0, 0, 1, 1), (@g, ${staff.ben}, 1, 1, 0, 0);` +
		`SELECT @r;`;
	return db(sql).trim();
}

async function csrfOf(browser, page) {
	const csrf = csrfFrom((await browser.get(page)).body);
	assert.ok(csrf, `a form token on ${page}`);
	return csrf;
}

async function addNote(browser, kind, id, note, extra = {}) {
	const csrf = await csrfOf(browser, '/');
	return browser.post(`/${kind}/${id}/notes`, { csrf, note, ...extra });
}

function multipart(fields, files) {
	const boundary = '----NotesTestBoundary' + Math.random().toString(16).slice(2);
	const parts = [];
	for (const [name, value] of Object.entries(fields)) {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
	}
	for (const f of files) {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name || 'file'}"; filename="${f.filename}"\r\nContent-Type: ${f.type || 'application/octet-stream'}\r\n\r\n`));
		parts.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
		parts.push(Buffer.from('\r\n'));
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function upload(browser, id, filename, content, { csrf, type, fields = {} } = {}) {
	if (csrf === undefined) csrf = await csrfOf(browser, '/');
	const f = csrf === null ? { ...fields } : { csrf, ...fields };
	const { body, type: ct } = multipart(f, filename === null ? [] : [{ filename, content, type }]);
	return browser.request('POST', `/referrals/${id}/files`, { headers: { 'Content-Type': ct, Origin: ORIGIN }, body });
}

// GET with the browser's cookies, keeping the body as bytes.
function getBytes(browser, p) {
	return new Promise((resolve, reject) => {
		const u = new URL(url(p));
		const req = http.request({ method: 'GET', host: u.hostname, port: u.port, path: u.pathname + u.search, headers: { Cookie: browser.cookieHeader() }, agent: false }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end();
	});
}

function cleanUp() {
	const orgIds = `SELECT id FROM organisations WHERE name LIKE '${TAG}%'`;
	const refs = `SELECT id FROM referrals WHERE sending_org_id IN (${orgIds})`;
	db(`DELETE FROM events WHERE subject_type = 'referral' AND subject_id IN (SELECT id FROM (${refs}) x)`);
	db(`DELETE FROM events WHERE subject_type = 'client' AND subject_id = ${client || 0}`);
	db(`DELETE FROM inbox_messages WHERE link IN (SELECT CONCAT('/referrals/', id) FROM (${refs}) x)`);
	db(`DELETE FROM notes WHERE referral_id IN (SELECT id FROM (${refs}) x) OR client_id = ${client || 0}`);
	db(`DELETE FROM files WHERE referral_id IN (SELECT id FROM (${refs}) x)`);
	db(`DELETE FROM referrals WHERE sending_org_id IN (${orgIds})`);
	db(`DELETE FROM referral_subscriptions WHERE group_id IN (SELECT id FROM referral_groups WHERE sending_org_id IN (${orgIds}))`);
	db(`DELETE FROM referral_groups WHERE sending_org_id IN (${orgIds})`);
	db(`DELETE FROM consents WHERE organisation_id IN (${orgIds})`);
	db(`DELETE FROM staff_orgs WHERE organisation_id IN (${orgIds}) AND source = 'manual'`);
	db(`UPDATE organisations SET active = 0, accepting = 0 WHERE name LIKE '${TAG}%'`);
}

before(async () => {
	resetThrottle();
	for (const [key, name] of Object.entries(ORG)) {
		db(`INSERT INTO organisations (name, active, accepting, all_genders, all_local_authorities) VALUES (${sqlString(name)}, 1, 1, 1, 1)`);
		org[key] = one(`SELECT id FROM organisations WHERE name = ${sqlString(name)}`);
	}
	for (const u of ['amira', 'tina', 'tom', 'chloe', 'admin', 'ben']) {
		users[u] = await signedIn(u);
		staff[u] = one(`SELECT id FROM staff WHERE username = '${u}'`);
	}
	const member = { amira: 'sender', tina: 'r1', tom: 'r2', chloe: 'outsider' };
	for (const [u, k] of Object.entries(member)) {
		db(`INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source) VALUES (${staff[u]}, ${org[k]}, 'manual')`);
		await switchTo(users[u], org[k]);
	}
	issue = one(`SELECT id FROM issues WHERE active = 1 ORDER BY position, id LIMIT 1`);
	const res = await new Browser().post(
		'/_test/clients',
		[['first_name', CLIENT_FIRST], ['last_name', CLIENT_LAST], ['date_of_birth', '1979-06-21'], ['created_by', staff.amira], ['org', org.sender], ['org', org.r1]],
		{ origin: null },
	);
	assert.equal(res.status, 200, res.body);
	client = String(JSON.parse(res.body).id);
});

after(() => {
	cleanUp();
	resetThrottle();
});

describe('referral notes', () => {
	it('lets the receiver add a note that the sender and an administrator then read, newest first, with author, organisation and time', async () => {
		const id = makeReferral();
		const first = await addNote(users.tina, 'referrals', id, `First note ${TAG}`);
		assert.equal(first.status, 303);
		assert.equal(first.location, `${BASE_PATH}/referrals/${id}/notes?added=note`);
		assert.match(first.headers.location, /#notes$/);
		const second = await addNote(users.amira, 'referrals', id, `Second note ${TAG}\nwith a second line`);
		assert.equal(second.status, 303);
		for (const who of ['amira', 'tina', 'admin']) {
			const page = await users[who].get(`/referrals/${id}/notes`);
			assert.equal(page.status, 200, who);
			const t = text(page.body);
			const a = t.indexOf(`Second note ${TAG}`), b = t.indexOf(`First note ${TAG}`);
			assert.ok(a >= 0 && b > a, `${who}: both notes, newest first`);
			assert.match(t, new RegExp(`Tina \\w+ ?, ${ORG.r1}, \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d First note`));
			assert.match(page.body, new RegExp(`Second note ${TAG}<br>\\s*with a second line`));
		}
		const rows = dbRows(`SELECT body, staff_id, organisation_id FROM notes WHERE referral_id = ${id} ORDER BY id`);
		assert.deepEqual(rows.map((r) => [r[1], r[2]]), [[staff.tina, org.r1], [staff.amira, org.sender]]);
		const events = dbRows(`SELECT action, staff_id, organisation_id FROM events WHERE subject_type = 'referral' AND subject_id = ${id} ORDER BY id`);
		assert.deepEqual(events, [['referral.note_added', staff.tina, org.r1], ['referral.note_added', staff.amira, org.sender]]);
	});

	it('keeps a note from the referral page going back there', async () => {
		const id = makeReferral();
		const res = await addNote(users.tina, 'referrals', id, 'Back to the page', { back: `/referrals/${id}` });
		assert.equal(res.status, 303);
		assert.equal(res.location, `${BASE_PATH}/referrals/${id}?added=note`);
		// anywhere else is not a place to go back to
		const other = await addNote(users.tina, 'referrals', id, 'Elsewhere', { back: 'https://evil.example/' });
		assert.equal(other.location, `${BASE_PATH}/referrals/${id}/notes?added=note`);
	});

	it('shows notes and files on the referral page itself, with the forms, a banner after adding and the timeline entry; hidden while consent has expired', async () => {
		const id = makeReferral();
		await addNote(users.tina, 'referrals', id, 'Seen on the referral page', { back: `/referrals/${id}` });
		await upload(users.tina, id, 'page-file.txt', Buffer.from('on the page'));
		const page = await users.tina.get(`/referrals/${id}?added=note`);
		assert.equal(page.status, 200);
		const shown = text(page.body);
		assert.match(shown, /Note added\./, 'the banner');
		assert.match(shown, /Seen on the referral page/);
		assert.match(shown, /page-file\.txt/);
		assert.match(page.body, new RegExp(`action="${BASE_PATH}/referrals/${id}/notes"`), 'the note form');
		assert.match(page.body, new RegExp(`action="${BASE_PATH}/referrals/${id}/files"`), 'the upload form');
		assert.match(page.body, /name="back" value="[^"]*\/referrals\/\d+"/, 'the forms come back to this page');
		// the timeline names the events the notes and files write
		assert.match(shown, /Note added[\s\S]*File added|File added[\s\S]*Note added/);
		// consent expired: notes and files are hidden with the rest of the referral's data
		db(`UPDATE consents c JOIN referral_groups g ON g.consent_id = c.id JOIN referrals r ON r.group_id = g.id SET c.recorded_at = c.recorded_at - INTERVAL 3000 DAY WHERE r.id = ${id}`);
		const restricted = text((await users.tina.get(`/referrals/${id}`)).body);
		assert.match(restricted, /Consent expired/);
		assert.doesNotMatch(restricted, /Seen on the referral page|page-file\.txt/);
	});

	it('sends the sender’s subscribers who chose note updates an inbox message, and nobody else', async () => {
		const id = makeReferral();
		const before = Number(one(`SELECT COUNT(*) FROM inbox_messages WHERE staff_id = ${staff.ben}`));
		assert.equal((await addNote(users.tina, 'referrals', id, 'A note for the inbox')).status, 303);
		const msgs = dbRows(`SELECT staff_id, kind, subject FROM inbox_messages WHERE link = '/referrals/${id}'`);
		assert.equal(msgs.length, 1);
		assert.equal(msgs[0][0], staff.amira);
		assert.equal(msgs[0][1], 'referral_note_added');
		assert.match(msgs[0][2], new RegExp(`Referral ${id} note added`));
		assert.ok(!msgs[0][2].includes('A note for the inbox'), 'the note itself is not in the message');
		assert.equal(Number(one(`SELECT COUNT(*) FROM inbox_messages WHERE staff_id = ${staff.ben}`)), before);
		// the subscriber's own note sends them nothing; the receiving organisation's staff hear
		// of it (issue 14: both sides)
		assert.equal((await addNote(users.amira, 'referrals', id, 'My own note')).status, 303);
		assert.equal(dbRows(`SELECT id FROM inbox_messages WHERE link = '/referrals/${id}' AND staff_id = ${staff.amira}`).length, 1);
		assert.deepEqual(dbRows(`SELECT staff_id FROM inbox_messages WHERE link = '/referrals/${id}' AND staff_id <> ${staff.amira}`), [[staff.tina]]);
		// the message shows in the inbox
		const inbox = await users.amira.get('/inbox');
		assert.ok(text(inbox.body).includes(`Referral ${id} note added`));
	});

	it('refuses an empty note, a note over 5000 characters and control characters with 400, keeping what was typed and writing nothing', async () => {
		const id = makeReferral();
		const cases = [
			['   ', /Enter a note/],
			['x'.repeat(5001), /Note must be 5000 characters or fewer/],
			['bad \u0007 bell', /special characters/],
		];
		for (const [note, message] of cases) {
			const res = await addNote(users.tina, 'referrals', id, note);
			assert.equal(res.status, 400, JSON.stringify(note.slice(0, 20)));
			assert.match(text(res.body), message);
			assert.match(res.body, /govuk-error-summary/);
			assert.match(res.body, /<textarea class="govuk-textarea govuk-textarea--error" id="note"/);
			if (note.trim()) assert.ok(res.body.includes(note.startsWith('x') ? note : 'bad '), 'kept');
		}
		// exactly 5000 is fine, and multiline
		const ok = await addNote(users.tina, 'referrals', id, 'y'.repeat(4990) + '\nend\r\nok');
		assert.equal(ok.status, 303);
		assert.equal(Number(one(`SELECT COUNT(*) FROM notes WHERE referral_id = ${id}`)), 1);
		assert.equal(Number(one(`SELECT COUNT(*) FROM events WHERE subject_type = 'referral' AND subject_id = ${id}`)), 1);
	});

	it('stores script and SQL payloads as typed and shows them escaped', async () => {
		const id = makeReferral();
		const payload = `<script>alert("x")</script> '); DROP TABLE notes; -- "quoted" & <b>bold</b>`;
		assert.equal((await addNote(users.tina, 'referrals', id, payload)).status, 303);
		assert.equal(one(`SELECT body FROM notes WHERE referral_id = ${id}`), payload);
		const page = await users.amira.get(`/referrals/${id}/notes`);
		assert.ok(!page.body.includes('<script>alert'), 'no live script');
		assert.ok(!page.body.includes('<b>bold</b>'));
		assert.ok(page.body.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
		assert.ok(text(page.body).includes(payload));
		// a payload in a rejected form comes back escaped too
		const bad = await addNote(users.tina, 'referrals', id, '<script>alert(1)</script>' + 'z'.repeat(5000));
		assert.equal(bad.status, 400);
		assert.ok(!bad.body.includes('<script>alert(1)'));
	});

	it('answers 404 to an organisation not party to the referral (and to the other receiver of its group), leaking nothing', async () => {
		const id = makeReferral();
		await addNote(users.tina, 'referrals', id, `Secret note ${TAG}`);
		for (const who of ['chloe', 'tom']) {
			const page = await users[who].get(`/referrals/${id}/notes`);
			assert.equal(page.status, 404, who);
			assert.ok(!page.body.includes(`Secret note ${TAG}`));
			assert.ok(!page.body.includes(ORG.sender));
			const post = await addNote(users[who], 'referrals', id, 'Intruder');
			assert.equal(post.status, 404, who);
			const up = await upload(users[who], id, 'intruder.txt', 'nope');
			assert.equal(up.status, 404, who);
		}
		assert.equal((await users.chloe.get('/referrals/99999999999/notes')).status, 404);
		assert.equal(Number(one(`SELECT COUNT(*) FROM notes WHERE referral_id = ${id}`)), 1);
		assert.equal(Number(one(`SELECT COUNT(*) FROM files WHERE referral_id = ${id}`)), 0);
	});

	it('sends a signed-out visitor to sign in, for reading and for posting', async () => {
		const id = makeReferral();
		const anon = new Browser();
		for (const p of [`/referrals/${id}/notes`, `/clients/${client}/notes`, '/files/1']) {
			const res = await anon.get(p);
			assert.equal(res.status, 303, p);
			assert.match(res.headers.location, /\/signin/);
		}
		const post = await anon.post(`/referrals/${id}/notes`, { note: 'x' });
		assert.equal(post.status, 303);
		assert.match(post.headers.location, /\/signin/);
		const up = await upload(anon, id, 'a.txt', 'x', { csrf: null });
		assert.equal(up.status, 303);
		assert.match(up.headers.location, /\/signin/);
		assert.equal(Number(one(`SELECT COUNT(*) FROM notes WHERE referral_id = ${id}`)), 0);
	});

	it('refuses a note or a file without the form token (403) and writes nothing', async () => {
		const id = makeReferral();
		assert.equal((await users.tina.post(`/referrals/${id}/notes`, { note: 'no token' })).status, 403);
		assert.equal((await upload(users.tina, id, 'a.txt', 'x', { csrf: null })).status, 403);
		assert.equal(Number(one(`SELECT COUNT(*) FROM notes WHERE referral_id = ${id}`)), 0);
		assert.equal(Number(one(`SELECT COUNT(*) FROM files WHERE referral_id = ${id}`)), 0);
	});
});

describe('client notes', () => {
	it('lets every organisation that can see the client read and add them, and administrators', async () => {
		const a = await addNote(users.amira, 'clients', client, `Client note by sender ${TAG}`);
		assert.equal(a.status, 303);
		assert.equal(a.location, `${BASE_PATH}/clients/${client}/notes?added=note`);
		const b = await addNote(users.tina, 'clients', client, `Client note by receiver ${TAG}`, { back: `/clients/${client}` });
		assert.equal(b.location, `${BASE_PATH}/clients/${client}?added=note`);
		for (const who of ['amira', 'tina', 'admin']) {
			const page = await users[who].get(`/clients/${client}/notes`);
			assert.equal(page.status, 200, who);
			const t = text(page.body);
			const x = t.indexOf(`Client note by receiver ${TAG}`), y = t.indexOf(`Client note by sender ${TAG}`);
			assert.ok(x >= 0 && y > x, `${who}: both, newest first`);
			assert.match(t, new RegExp(`Amira \\w+ ?, ${ORG.sender}, \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d Client note by sender`));
		}
		const ev = dbRows(`SELECT action, staff_id FROM events WHERE subject_type = 'client' AND subject_id = ${client} ORDER BY id`);
		assert.deepEqual(ev, [['client.note_added', staff.amira], ['client.note_added', staff.tina]]);
	});

	it('shows them on the client’s profile, with the form coming back there', async () => {
		const res = await addNote(users.tina, 'clients', client, `Profile note ${TAG}`, { back: `/clients/${client}` });
		assert.equal(res.location, `${BASE_PATH}/clients/${client}?added=note`);
		const profile = await users.amira.get(`/clients/${client}?added=note`);
		assert.equal(profile.status, 200);
		assert.match(text(profile.body), new RegExp(`Client notes[\\s\\S]*Profile note ${TAG}`));
		assert.match(profile.body, new RegExp(`action="${BASE_PATH}/clients/${client}/notes"`));
		assert.match(text(profile.body), /Note added/);
	});

	it('answers 404 to an organisation that cannot see the client, leaking nothing', async () => {
		for (const who of ['chloe', 'tom']) {
			const page = await users[who].get(`/clients/${client}/notes`);
			assert.equal(page.status, 404);
			assert.ok(!page.body.includes(CLIENT_LAST));
			assert.ok(!page.body.includes('Client note by'));
			assert.equal((await addNote(users[who], 'clients', client, 'Intruder')).status, 404);
		}
		assert.equal(Number(one(`SELECT COUNT(*) FROM notes WHERE client_id = ${client} AND body = 'Intruder'`)), 0);
	});

	it('validates client notes like referral notes', async () => {
		const res = await addNote(users.amira, 'clients', client, '');
		assert.equal(res.status, 400);
		assert.match(text(res.body), /Enter a note/);
		const long = await addNote(users.amira, 'clients', client, 'q'.repeat(5001));
		assert.equal(long.status, 400);
		assert.ok(long.body.includes('q'.repeat(5001)), 'kept');
	});
});

describe('files', () => {
	it('uploads a binary file and downloads exactly its bytes as an attachment that never renders', async () => {
		const id = makeReferral();
		const bytes = Buffer.alloc(3000);
		for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37) & 255;
		bytes[0] = 0; bytes[1] = 0; bytes[2999] = 0;
		const res = await upload(users.tina, id, 'report 2026.bin', bytes, { type: 'text/html' });
		assert.equal(res.status, 303, res.body);
		assert.equal(res.location, `${BASE_PATH}/referrals/${id}/notes?added=file`);
		const row = dbRows(`SELECT id, name, content_type, size, sha256, uploaded_by, organisation_id FROM files WHERE referral_id = ${id}`)[0];
		const [fileId, name, ctype, size, sha] = row;
		assert.equal(name, 'report 2026.bin');
		assert.equal(ctype, 'text/html');
		assert.equal(Number(size), 3000);
		const { createHash } = await import('node:crypto');
		assert.equal(sha, createHash('sha256').update(bytes).digest('hex'));
		assert.deepEqual([row[5], row[6]], [staff.tina, org.r1]);
		for (const who of ['tina', 'amira', 'admin']) {
			const dl = await getBytes(users[who], `/files/${fileId}`);
			assert.equal(dl.status, 200, who);
			assert.ok(dl.body.equals(bytes), `${who}: the exact bytes`);
			assert.equal(dl.headers['content-type'], 'application/octet-stream');
			assert.equal(dl.headers['content-disposition'], `attachment; filename="report 2026.bin"; filename*=UTF-8''report%202026.bin`);
			assert.match(dl.headers['x-content-type-options'], /nosniff/);
			assert.match(dl.headers['cache-control'], /no-store/);
		}
		const page = await users.amira.get(`/referrals/${id}/notes`);
		assert.match(page.body, new RegExp(`href="${BASE_PATH}/files/${fileId}"[^>]*>report 2026.bin</a>`));
		assert.match(text(page.body), /2 KB|3 KB/);
		const ev = dbRows(`SELECT action, new_value, staff_id FROM events WHERE subject_type = 'referral' AND subject_id = ${id}`);
		assert.deepEqual(ev, [['referral.file_added', 'report 2026.bin', staff.tina]]);
	});

	it('sends the subscribers who chose file updates an inbox message', async () => {
		const id = makeReferral();
		assert.equal((await upload(users.tina, id, 'letter.pdf', '%PDF-1.4 test')).status, 303);
		const msgs = dbRows(`SELECT staff_id, kind FROM inbox_messages WHERE link = '/referrals/${id}'`);
		assert.deepEqual(msgs, [[staff.amira, 'referral_file_added']]);
	});

	it('sanitises the stored name: no directories, control characters or quotes', async () => {
		const id = makeReferral();
		const cases = ['../../etc/passwd', 'C:\\Users\\x\\evil\'.txt', '..', "résumé 'final'\t.pdf"];
		for (const sent of cases) assert.equal((await upload(users.tina, id, sent, 'data')).status, 303, sent);
		const names = dbRows(`SELECT name FROM files WHERE referral_id = ${id} ORDER BY id`).map((r) => r[0]);
		assert.equal(names[0], 'passwd');
		assert.equal(names[1], 'evil.txt');
		assert.equal(names[2], 'file');
		assert.equal(names[3], 'résumé final.pdf');
		for (const n of names) assert.doesNotMatch(n, /[\/\\"'\x00-\x1f]/);
		const fileId = one(`SELECT id FROM files WHERE referral_id = ${id} AND name = 'résumé final.pdf'`);
		const dl = await getBytes(users.tina, `/files/${fileId}`);
		assert.equal(dl.headers['content-disposition'], `attachment; filename="r_sum_ final.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20final.pdf`);
	});

	it('answers 404 for a file of a referral the organisation cannot see, and for one that does not exist', async () => {
		const id = makeReferral();
		assert.equal((await upload(users.tina, id, 'private.txt', `private ${TAG}`)).status, 303);
		const fileId = one(`SELECT id FROM files WHERE referral_id = ${id}`);
		for (const who of ['chloe', 'tom']) {
			const dl = await getBytes(users[who], `/files/${fileId}`);
			assert.equal(dl.status, 404, who);
			assert.ok(!dl.body.toString().includes(`private ${TAG}`));
			assert.match(dl.headers['content-type'], /text\/html/);
		}
		assert.equal((await getBytes(users.tina, '/files/99999999999')).status, 404);
	});

	it('refuses an upload without a file, or an empty one, with 400', async () => {
		const id = makeReferral();
		const none = await upload(users.tina, id, null);
		assert.equal(none.status, 400);
		assert.match(text(none.body), /Select a file to upload/);
		const empty = await upload(users.tina, id, 'empty.txt', '');
		assert.equal(empty.status, 400);
		assert.match(text(empty.body), /The selected file is empty/);
		assert.equal(Number(one(`SELECT COUNT(*) FROM files WHERE referral_id = ${id}`)), 0);
	});

	it('takes a file of exactly the limit and refuses one byte more with 413 and a clear message', async () => {
		const id = makeReferral();
		const ok = await upload(users.tina, id, 'max.bin', Buffer.alloc(FILE_MAX, 7));
		assert.equal(ok.status, 303);
		const over = await upload(users.tina, id, 'over.bin', Buffer.alloc(FILE_MAX + 1, 7));
		assert.equal(over.status, 413);
		assert.match(text(over.body), /The selected file must be smaller than 0\.98 MB/);
		// past the worker's body limit: its own 413 page
		const huge = await upload(users.tina, id, 'huge.bin', Buffer.alloc(2 * 1048576, 7));
		assert.equal(huge.status, 413);
		assert.match(text(huge.body), /too large/i);
		assert.deepEqual(dbRows(`SELECT name FROM files WHERE referral_id = ${id}`), [['max.bin']]);
		assert.equal((await users.tina.get('/health')).status, 200);
	});

	it('takes 20 files for a referral and refuses the 21st, saying why', async () => {
		const id = makeReferral();
		for (let i = 0; i < 20; i++) assert.equal((await upload(users.tina, id, `f${i}.txt`, `file ${i}`)).status, 303);
		const res = await upload(users.tina, id, 'f20.txt', 'one too many');
		assert.equal(res.status, 409);
		assert.match(text(res.body), /A referral can have at most 20 files/);
		assert.equal(Number(one(`SELECT COUNT(*) FROM files WHERE referral_id = ${id}`)), 20);
		// concurrent uploads cannot pass the limit either
		const id2 = makeReferral();
		const csrf = await csrfOf(users.tina, '/');
		const results = await Promise.all(Array.from({ length: 25 }, (_, i) => upload(users.tina, id2, `p${i}.txt`, `p ${i}`, { csrf })));
		assert.equal(results.filter((r) => r.status === 303).length, 20);
		assert.equal(Number(one(`SELECT COUNT(*) FROM files WHERE referral_id = ${id2}`)), 20);
		const page = await users.tina.get(`/referrals/${id2}/notes`);
		assert.match(text(page.body), /This referral has 20 files, the most it can have/);
	});

	it('answers a malformed multipart body with 400 and the worker carries on', async () => {
		const id = makeReferral();
		const csrf = await csrfOf(users.tina, '/');
		const bodies = [
			`--XYZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nno closing delimiter`,
			'this is not multipart at all',
			`--XYZ\r\nNo-Disposition: here\r\n\r\nx\r\n--XYZ--\r\n`,
		];
		for (const body of bodies) {
			const res = await users.tina.request('POST', `/referrals/${id}/files`, { headers: { 'Content-Type': 'multipart/form-data; boundary=XYZ', Origin: ORIGIN }, body });
			assert.equal(res.status, 400);
		}
		const noBoundary = await users.tina.request('POST', `/referrals/${id}/files`, { headers: { 'Content-Type': 'multipart/form-data', Origin: ORIGIN }, body: 'x' });
		assert.equal(noBoundary.status, 400);
		assert.equal((await new Browser().get('/health')).status, 200);
		assert.equal(Number(one(`SELECT COUNT(*) FROM files WHERE referral_id = ${id}`)), 0);
		// and still serves uploads
		assert.equal((await upload(users.tina, id, 'after.txt', 'fine')).status, 303);
	});
});
