// The inbox: each staff member sees only their own messages, newest first and paged; marking
// one or all read (only your own: someone else's is 404); the unread count in the header and
// from GET /api/inbox/unread (JSON, no-store).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, signedIn, db, csrfFrom, text } from './lib.mjs';

const one = (sql) => db(sql).trim();
let amira, admin, amiraId, adminId;

function addMessage(staffId, subject, { kind = 'acknowledged', minutesAgo = 0, link = '' } = {}) {
	return one(`INSERT INTO inbox_messages (staff_id, kind, subject, body, link, created_at) VALUES (${staffId}, '${kind}', '${subject}', 'Body of ${subject}', '${link}', UTC_TIMESTAMP() - INTERVAL ${minutesAgo} MINUTE); SELECT LAST_INSERT_ID()`);
}
const unreadOf = (id) => Number(one(`SELECT COUNT(*) FROM inbox_messages WHERE staff_id = ${id} AND read_at IS NULL`));
function headerBadge(html) {
	const m = html.match(/id="inbox-unread"[^>]*>([^<]*)</);
	return m ? m[1] : null;
}

describe('inbox', () => {
	before(async () => {
		amira = await signedIn('amira');
		admin = await signedIn('admin');
		amiraId = one(`SELECT id FROM staff WHERE username = 'amira'`);
		adminId = one(`SELECT id FROM staff WHERE username = 'admin'`);
	});
	after(() => {
		db(`DELETE FROM inbox_messages WHERE subject LIKE 'Inbox test%' OR subject LIKE 'Inbox paging%'`);
	});

	it('shows only your own messages, newest first, unread ones marked', async () => {
		addMessage(amiraId, 'Inbox test older', { minutesAgo: 10, link: '/referrals/1' });
		addMessage(amiraId, 'Inbox test newer', { minutesAgo: 1 });
		addMessage(adminId, 'Inbox test for the administrator');
		const res = await amira.get('/inbox');
		assert.equal(res.status, 200);
		assert.match(res.headers['cache-control'] || '', /no-store/);
		const page = text(res.body);
		assert.ok(page.includes('Inbox test newer') && page.includes('Inbox test older'));
		assert.ok(page.indexOf('Inbox test newer') < page.indexOf('Inbox test older'), 'newest first');
		assert.ok(!page.includes('Inbox test for the administrator'), 'not someone else\'s');
		assert.match(res.body, /govuk-tag--blue">Unread</);
		assert.match(res.body, /href="[^"]*\/referrals\/1"/);
	});

	it('labels each kind of message the program writes', async () => {
		const kinds = {
			new_referral: 'New referral', referral_acknowledged: 'Acknowledged', referral_closed: 'Closed',
			referral_note_added: 'Note added', referral_file_added: 'File added', overdue: 'Overdue',
			consent_renewal: 'Consent renewal', gap_in_service: 'Gap in service',
		};
		for (const kind of Object.keys(kinds)) addMessage(amiraId, `Inbox test kind ${kind}`, { kind });
		const body = (await amira.get('/inbox')).body;
		for (const [kind, label] of Object.entries(kinds)) {
			const row = body.slice(body.indexOf(`Inbox test kind ${kind}<`) - 600, body.indexOf(`Inbox test kind ${kind}<`));
			assert.match(row, new RegExp(`>${label}<`), `${kind} is labelled ${label}`);
		}
	});

	it('shows the unread count in the header and from the API', async () => {
		const count = unreadOf(amiraId);
		assert.ok(count >= 2);
		const home = await amira.get('/inbox');
		assert.equal(headerBadge(home.body), String(count));
		const api = await amira.get('/api/inbox/unread');
		assert.equal(api.status, 200);
		assert.match(api.headers['content-type'], /application\/json/);
		assert.match(api.headers['cache-control'], /no-store/);
		assert.deepEqual(JSON.parse(api.body), { unread: count });
		const signedOut = await new Browser().get('/api/inbox/unread');
		assert.notEqual(signedOut.status, 200);
		assert.doesNotMatch(signedOut.body, /unread/);
	});

	it('counts at most 100 unread messages: the badge shows 99+ beyond 99', async () => {
		const chloe = await signedIn('chloe');
		const chloeId = one(`SELECT id FROM staff WHERE username = 'chloe'`);
		db(`UPDATE inbox_messages SET read_at = UTC_TIMESTAMP() WHERE staff_id = ${chloeId} AND read_at IS NULL`);
		const add = (n) => db(`INSERT INTO inbox_messages (staff_id, kind, subject, body, link, created_at)
			SELECT ${chloeId}, 'acknowledged', CONCAT('Inbox test many ', seq), 'Body', '', UTC_TIMESTAMP() FROM seq_1_to_${n}`);
		add(99);
		assert.equal(headerBadge((await chloe.get('/')).body), '99');
		assert.deepEqual(JSON.parse((await chloe.get('/api/inbox/unread')).body), { unread: 99 });
		add(21);
		assert.equal(unreadOf(chloeId), 120);
		const page = await chloe.get('/');
		assert.equal(headerBadge(page.body), '99+');
		assert.match(page.body, /id="inbox-unread"[^>]*>99\+<span class="govuk-visually-hidden"> unread<\/span>/);
		// the API says where the count stopped; the badge script shows 99+ for it
		assert.deepEqual(JSON.parse((await chloe.get('/api/inbox/unread')).body), { unread: 100 });
		db(`DELETE FROM inbox_messages WHERE staff_id = ${chloeId} AND subject LIKE 'Inbox test many %'`);
		assert.equal(headerBadge((await chloe.get('/')).body), '');
	});

	it('marks one message read, only your own', async () => {
		const mine = addMessage(amiraId, 'Inbox test to read');
		const theirs = addMessage(adminId, 'Inbox test not yours');
		const before = unreadOf(amiraId);
		const csrf = csrfFrom((await amira.get('/inbox')).body);
		const other = await amira.post(`/inbox/${theirs}/read`, { csrf });
		assert.equal(other.status, 404);
		assert.equal(one(`SELECT read_at IS NULL FROM inbox_messages WHERE id = ${theirs}`), '1', 'someone else\'s stays unread');
		const missing = await amira.post('/inbox/999999999/read', { csrf });
		assert.equal(missing.status, 404);
		const noCsrf = await amira.post(`/inbox/${mine}/read`, {});
		assert.equal(noCsrf.status, 403);
		assert.equal(one(`SELECT read_at IS NULL FROM inbox_messages WHERE id = ${mine}`), '1');
		const res = await amira.post(`/inbox/${mine}/read`, { csrf, page: '1' });
		assert.equal(res.status, 303);
		assert.match(res.headers.location, /\/inbox\?page=1&done=one$/);
		assert.equal(one(`SELECT read_at IS NOT NULL FROM inbox_messages WHERE id = ${mine}`), '1');
		assert.equal(unreadOf(amiraId), before - 1);
		const api = await amira.get('/api/inbox/unread');
		assert.deepEqual(JSON.parse(api.body), { unread: before - 1 });
		const page = await amira.get('/inbox?page=1&done=one');
		assert.match(text(page.body), /The message is marked as read/);
	});

	it('marks all read: yours only; the badge is then hidden', async () => {
		addMessage(amiraId, 'Inbox test all one');
		const adminUnread = unreadOf(adminId);
		assert.ok(adminUnread >= 1);
		const csrf = csrfFrom((await amira.get('/inbox')).body);
		const res = await amira.post('/inbox/read-all', { csrf });
		assert.equal(res.status, 303);
		assert.equal(unreadOf(amiraId), 0);
		assert.equal(unreadOf(adminId), adminUnread, 'the administrator\'s messages are untouched');
		const page = await amira.get('/inbox');
		assert.match(page.body, /id="inbox-unread" hidden/);
		assert.doesNotMatch(page.body, /govuk-tag--blue">Unread</);
		assert.deepEqual(JSON.parse((await amira.get('/api/inbox/unread')).body), { unread: 0 });
		const adminPage = await admin.get('/inbox');
		assert.equal(headerBadge(adminPage.body), String(adminUnread));
	});

	it('pages a long inbox', async () => {
		const values = [];
		// older than anything else of amira's (the demo's messages and other tests' included)
		for (let i = 0; i < 25; i++) values.push(`(${amiraId}, 'overdue', 'Inbox paging ${i}', UTC_TIMESTAMP() - INTERVAL ${3650 + i} DAY)`);
		db(`INSERT INTO inbox_messages (staff_id, kind, subject, created_at) VALUES ${values.join(',')}`);
		const first = text((await amira.get('/inbox')).body);
		assert.match(first, /page 1 of \d+/);
		const total = Number(one(`SELECT COUNT(*) FROM inbox_messages WHERE staff_id = ${amiraId}`));
		const pages = Math.ceil(total / 20);
		const last = await amira.get(`/inbox?page=${pages}`);
		assert.equal(last.status, 200);
		assert.match(text(last.body), new RegExp(`page ${pages} of ${pages}`));
		assert.match(text(last.body), /Inbox paging 24/, 'the oldest is on the last page');
		const beyond = await amira.get('/inbox?page=99999999999999999999');
		assert.equal(beyond.status, 200);
	});

	it('counts a very long inbox only to 1,000, listing the latest 1,000', async () => {
		db(`INSERT INTO inbox_messages (staff_id, kind, subject, body, link, created_at)
		    SELECT ${adminId}, 'acknowledged', CONCAT('Inbox paging bulk ', seq), '', '', UTC_TIMESTAMP() - INTERVAL (1000 + seq) MINUTE FROM seq_1_to_1001`);
		const first = await admin.get('/inbox');
		assert.equal(first.status, 200);
		assert.match(text(first.body), /More than 1,000 messages, more than 1,000 unread\. The latest 1,000 are listed\./);
		assert.match(text(first.body), /page 1 of 50\b/);
		const last = await admin.get('/inbox?page=50');
		assert.equal(last.status, 200);
		assert.match(text(last.body), /page 50 of 50\b/);
		db(`UPDATE inbox_messages SET read_at = UTC_TIMESTAMP() WHERE staff_id = ${adminId} AND subject LIKE 'Inbox paging bulk %' AND subject <> 'Inbox paging bulk 7'`);
		const mostlyRead = await admin.get('/inbox');
		assert.match(text(mostlyRead.body), /More than 1,000 messages, \d+ unread\./);
		db(`DELETE FROM inbox_messages WHERE subject LIKE 'Inbox paging bulk %'`);
		const short = await admin.get('/inbox');
		assert.doesNotMatch(text(short.body), /More than/);
	});

	it('sends signed-out visitors to sign in', async () => {
		const res = await new Browser().get('/inbox');
		assert.equal(res.status, 303);
		assert.match(res.headers.location, /signin/);
		const post = await new Browser().post('/inbox/read-all', {});
		assert.equal(post.status, 303);
	});
});

// Issue 12 point 7: messages say whom they are about (the client's name, looked up when shown
// and only for a reader whose organisation may see the client) and can be filtered by
// organisation.
describe('inbox: whom each message is about, and one organisation’s messages', () => {
	const TAG = 'IV' + Date.now().toString(36).slice(-5);
	let tina, tinaId, riverside, foodbank, housing, seen, unseen, both;
	const ids = {};

	async function client(first, orgs) {
		const pairs = [['first_name', first], ['last_name', TAG], ['date_of_birth', '1970-01-02'], ['created_by', amiraId], ...orgs.map((o) => ['org', o])];
		const res = await new Browser().post('/_test/clients', pairs, { origin: null });
		assert.equal(res.status, 200, res.body);
		return JSON.parse(res.body).id;
	}
	function referral(clientId, from, to) {
		const issue = one('SELECT id FROM issues ORDER BY id LIMIT 1');
		return one(
			`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${clientId}, ${from}, ${amiraId});` +
				`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id) VALUES (${clientId}, ${issue}, ${from}, ${amiraId}, LAST_INSERT_ID());` +
				`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due) VALUES (LAST_INSERT_ID(), ${clientId}, ${issue}, ${from}, ${to}, ${amiraId}, 'new', CURDATE() + INTERVAL 5 DAY, CURDATE() + INTERVAL 20 DAY);` +
				`SELECT LAST_INSERT_ID()`,
		);
	}
	// the message's row on the page, from its subject
	const row = (body, subject) => body.slice(body.lastIndexOf('<tr', body.indexOf(`${subject}<`)), body.indexOf('</tr>', body.indexOf(`${subject}<`)));

	before(async () => {
		tina = await signedIn('tina');
		tinaId = one(`SELECT id FROM staff WHERE username = 'tina'`);
		riverside = one(`SELECT id FROM organisations WHERE name = 'Riverside Citizens Advice'`);
		foodbank = one(`SELECT id FROM organisations WHERE name = 'Southgate Food Bank'`);
		housing = one(`SELECT id FROM organisations WHERE name = 'Northfield Council Housing Options'`);
		seen = await client('Seenby', [riverside]);
		unseen = await client('Hiddenfrom', [foodbank]);
		both = await client('Bothsee', [riverside, foodbank]);
		ids.seen = referral(seen, riverside, housing);
		ids.unseen = referral(unseen, foodbank, housing);
		ids.both = referral(both, foodbank, riverside);
		for (const [k, id] of Object.entries(ids)) {
			addMessage(amiraId, `Inbox view ${TAG} ${k}`, { link: `/referrals/${id}`, minutesAgo: 1 });
			addMessage(tinaId, `Inbox view ${TAG} ${k}`, { link: `/referrals/${id}`, minutesAgo: 1 });
		}
	});
	after(() => {
		db(`DELETE FROM inbox_messages WHERE subject LIKE 'Inbox view ${TAG}%'`);
		db(`DELETE FROM referrals WHERE id IN (${Object.values(ids).join(',')})`);
		db(`DELETE g FROM referral_groups g JOIN clients c ON c.id = g.client_id WHERE c.last_name = '${TAG}'`);
		db(`DELETE k FROM consents k JOIN clients c ON c.id = k.client_id WHERE c.last_name = '${TAG}'`);
	});

	it('names the client to a reader whose organisation may see them, and to nobody else', async () => {
		const body = (await amira.get('/inbox')).body; // amira works for Riverside
		assert.match(row(body, `Inbox view ${TAG} seen`), new RegExp(`Client: Seenby ${TAG}`));
		assert.match(row(body, `Inbox view ${TAG} both`), new RegExp(`Client: Bothsee ${TAG}`));
		assert.doesNotMatch(row(body, `Inbox view ${TAG} unseen`), /Client:/);
		assert.ok(!body.includes('Hiddenfrom'), 'a client Riverside may not see is never named');
		// looked up when shown: the stored message names nobody
		assert.equal(one(`SELECT COUNT(*) FROM inbox_messages WHERE subject LIKE 'Inbox view ${TAG}%' AND (CONCAT(subject, body) LIKE '%Seenby%' OR CONCAT(subject, body) LIKE '%Bothsee%' OR CONCAT(subject, body) LIKE '%Hiddenfrom%')`), '0');
		const adminBody = (await admin.get('/inbox')).body;
		assert.ok(!adminBody.includes(`Inbox view ${TAG}`), 'someone else’s messages stay theirs');
	});

	it('filters the messages by one of the reader’s organisations', async () => {
		db(`INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source) VALUES (${tinaId}, ${riverside}, 'manual')`);
		try {
			const all = await tina.get('/inbox');
			assert.match(all.body, /<select[^>]*name="org"/, 'the choice, for someone in several organisations');
			const res = await tina.get(`/inbox?org=${foodbank}`);
			assert.equal(res.status, 200);
			const t = text(res.body);
			assert.ok(t.includes(`Inbox view ${TAG} unseen`) && t.includes(`Inbox view ${TAG} both`), 'the food bank’s referrals');
			assert.ok(!t.includes(`Inbox view ${TAG} seen`), 'not a referral the food bank is no party to');
			assert.match(res.body, new RegExp(`<option value="${foodbank}" selected>`));
			const bad = await tina.get('/inbox?org=999999999');
			assert.equal(bad.status, 400);
			assert.match(text(bad.body), /Choose one of your organisations from the list/);
			assert.ok(text(bad.body).includes(`Inbox view ${TAG} seen`), 'everything is listed instead');
		} finally {
			db(`DELETE FROM staff_orgs WHERE staff_id = ${tinaId} AND organisation_id = ${riverside} AND source = 'manual'`);
		}
	});
});
