// The referral vocabulary as people see it (issue 10 point 1): every page that shows a
// referral's status, a timeline event or an inbox message kind shows the words and the tag
// colour of the one table, on the demo data. The expected table below is written from
// PRODUCT.md, not read from the program: a page (or a copy of the table) that drifts fails here.
//
// Where the copies disagreed before (the lists showed every status grey, the client's
// Referrals tab showed New without a colour and an Acknowledged referral's update due date),
// the product's rule wins: one colour per kind of state everywhere, and the due date of the
// state the referral is in.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, db, dbRows, decodeEntities } from './lib.mjs';

// PRODUCT.md "Working a referral": New → Acknowledged → Closed; Refused; Withdrawn; Removed;
// No response. Colours: waiting blue, being worked turquoise, refused red, no response orange,
// every other closed state grey.
const STATUS = {
	new: { label: 'New', colour: 'blue' },
	acknowledged: { label: 'Acknowledged', colour: 'turquoise' },
	refused: { label: 'Refused', colour: 'red' },
	closed: { label: 'Closed', colour: 'grey' },
	withdrawn: { label: 'Withdrawn', colour: 'grey' },
	removed: { label: 'Removed', colour: 'grey' },
	no_response: { label: 'No response', colour: 'orange' },
};
const STATUS_BY_LABEL = Object.fromEntries(Object.values(STATUS).map((s) => [s.label, s]));

// The timeline's words for each event (PRODUCT.md: "a timeline of every event").
const EVENT = {
	'referral.sent': 'Sent',
	'referral.acknowledged': 'Acknowledged',
	'referral.refused': 'Refused',
	'referral.closed': 'Closed',
	'referral.withdrawn': 'Withdrawn',
	'referral.removed': 'Removed',
	'referral.no_response': 'Closed: no response',
	'referral.unresolved': 'Group unresolved',
	'referral.overdue': 'Overdue',
	'referral.note_added': 'Note added',
	'referral.file_added': 'File added',
	'referral.consent_expired': 'Consent expired',
	'referral.consent_renewed': 'Consent renewed',
};

// PRODUCT.md "Messages": who hears what; each kind a grey tag beside the subject.
const INBOX = {
	overdue: 'Overdue',
	consent_renewal: 'Consent renewal',
	new_referral: 'New referral',
	referral_acknowledged: 'Acknowledged',
	referral_closed: 'Closed',
	referral_note_added: 'Note added',
	referral_file_added: 'File added',
	gap_in_service: 'Gap in service',
};

const DEMO_CLIENTS = `SELECT id FROM clients WHERE last_name_key IN ('smith','wilson','brown','jones','mensah','ali','begum','baker')`;
const SUBJECT = 'Status tags test';

// Every GOV.UK tag in html: its text and colour ("" for none), whether it is one of the
// lists' attention marks (urgent, overdue, consent, unresolved) and whether it is the header's
// unread badge (empty and hidden when there is nothing unread).
function tags(html) {
	const found = [];
	for (const m of html.matchAll(/<strong\b([^>]*)>([\s\S]*?)<\/strong>/g)) {
		const cls = (m[1].match(/class="([^"]*)"/) || [])[1] || '';
		if (!cls.split(/\s+/).includes('govuk-tag')) continue;
		const colour = (cls.match(/govuk-tag--([a-z-]+)/) || [])[1] || '';
		const words = decodeEntities(m[2].replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
		found.push({ text: words, colour, attention: /data-attention=/.test(m[1]), badge: cls.includes('app-unread') });
	}
	return found;
}

// The HTML of each table row carrying attribute name ("data-referral-id" → {id: html}).
function rowsBy(html, name) {
	const rows = {};
	for (const m of html.matchAll(new RegExp(`<tr\\b[^>]*\\b${name}="(\\d+)"[^>]*>([\\s\\S]*?)</tr>`, 'g'))) rows[m[1]] = m[2];
	return rows;
}

function statusOf(ids) {
	if (ids.length === 0) return {};
	return Object.fromEntries(dbRows(`SELECT id, status FROM referrals WHERE id IN (${ids.join(',')})`));
}

function assertStatusTag(tag, status, where) {
	const want = STATUS[status];
	assert.ok(want, `${where}: ${status} is a status of PRODUCT.md`);
	assert.deepEqual({ text: tag.text, colour: tag.colour }, { text: want.label, colour: want.colour }, `${where}: the ${status} tag`);
}

// A list page: each row's one status tag (the tags that are not attention marks) is its status's.
function checkListRows(html, where) {
	const rows = rowsBy(html, 'data-referral-id');
	const ids = Object.keys(rows);
	const statuses = statusOf(ids);
	for (const id of ids) {
		const status = tags(rows[id]).filter((t) => !t.attention);
		assert.equal(status.length, 1, `${where}: referral ${id} has one status tag`);
		assertStatusTag(status[0], statuses[id], `${where}, referral ${id}`);
	}
	return ids.length;
}

describe('status tags', () => {
	let admin, amira, adminId;
	const demoReferrals = () => dbRows(`SELECT id, status FROM referrals WHERE client_id IN (${DEMO_CLIENTS}) ORDER BY id`);

	before(async () => {
		admin = await signedIn('admin');
		amira = await signedIn('amira');
		adminId = db(`SELECT id FROM staff WHERE username = 'admin'`).trim();
	});
	after(() => {
		db(`DELETE FROM inbox_messages WHERE subject LIKE '${SUBJECT}%'`);
	});

	it('the demo data has a referral in every status', () => {
		const present = new Set(demoReferrals().map(([, s]) => s));
		for (const status of Object.keys(STATUS)) assert.ok(present.has(status), `a demo referral is ${status}`);
	});

	it('the Received and Sent lists show each status with its label and colour', async () => {
		for (const status of Object.keys(STATUS)) {
			for (const list of ['received', 'sent']) {
				const res = await admin.get(`/referrals/${list}?status=${status}`);
				assert.equal(res.status, 200);
				const shown = checkListRows(res.body, `${list} list filtered to ${status}`);
				assert.ok(shown > 0, `the ${list} list shows the ${status} referrals`);
			}
		}
		for (const list of ['received', 'sent']) {
			const res = await amira.get(`/referrals/${list}`);
			assert.equal(res.status, 200);
			checkListRows(res.body, `amira's ${list} list`);
		}
	});

	it('the status filter offers every status by its label', async () => {
		const res = await admin.get('/referrals/received');
		const select = res.body.match(/<select\b[^>]*name="status"[^>]*>([\s\S]*?)<\/select>/)[1];
		const options = [...select.matchAll(/<option\b[^>]*value="([^"]*)"[^>]*>([^<]*)</g)].map((m) => [m[1], decodeEntities(m[2]).trim()]);
		assert.deepEqual(options.filter(([v]) => v !== ''), Object.entries(STATUS).map(([name, s]) => [name, s.label]));
	});

	it("a client's Referrals tab shows each referral's status with its label and colour", async () => {
		for (const [client] of dbRows(DEMO_CLIENTS)) {
			const res = await admin.get(`/clients/${client}/referrals`);
			assert.equal(res.status, 200);
			const shown = tags(res.body).filter((t) => STATUS_BY_LABEL[t.text]);
			for (const t of shown) assert.equal(t.colour, STATUS_BY_LABEL[t.text].colour, `client ${client}: the ${t.text} tag's colour`);
			const expected = dbRows(`SELECT status FROM referrals WHERE client_id = ${client}`).map(([s]) => STATUS[s].label).sort();
			assert.deepEqual(shown.map((t) => t.text).sort(), expected, `client ${client}: a tag for each referral`);
		}
	});

	it("a client's Referrals tab gives an open referral the due date of its state", async () => {
		const [[client, update, close]] = dbRows(`SELECT client_id, DATE_FORMAT(update_due, '%e %M %Y'), DATE_FORMAT(close_due, '%e %M %Y')
			FROM referrals WHERE status = 'acknowledged' AND client_id IN (${DEMO_CLIENTS}) ORDER BY id LIMIT 1`);
		const res = await admin.get(`/clients/${client}/referrals`);
		const page = decodeEntities(res.body.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ');
		assert.match(page, new RegExp(`Acknowledged Close due ${close}`), 'an Acknowledged referral is due to close');
		assert.doesNotMatch(page, new RegExp(`Acknowledged Update due ${update}`));
	});

	it('the referral page shows its status and its group’s with their labels and colours, and the timeline in words', async () => {
		for (const [id, status] of demoReferrals()) {
			const res = await admin.get(`/referrals/${id}`);
			assert.equal(res.status, 200, `referral ${id}`);
			const heading = res.body.match(/<p class="govuk-body" id="referral-status">([\s\S]*?)<\/p>/)[1];
			assertStatusTag(tags(heading)[0], status, `referral ${id}'s page`);
			const group = res.body.match(/<table class="govuk-table" id="group">([\s\S]*?)<\/table>/)[1];
			const members = rowsBy(group, 'data-referral');
			const statuses = statusOf(Object.keys(members));
			for (const [member, html] of Object.entries(members)) {
				const shown = tags(html);
				assert.equal(shown.length, 1);
				assertStatusTag(shown[0], statuses[member], `referral ${id}'s group, referral ${member}`);
			}
			const timeline = [...res.body.match(/<ol class="govuk-list" id="timeline">([\s\S]*?)<\/ol>/)[1].matchAll(/<h3[^>]*>([^<]*)<\/h3>/g)].map((m) => decodeEntities(m[1]));
			const group_id = db(`SELECT group_id FROM referrals WHERE id = ${id}`).trim();
			const events = dbRows(`SELECT action FROM events WHERE (subject_type = 'referral' AND subject_id = ${id})
				OR (subject_type = 'referral_group' AND subject_id = ${group_id}) ORDER BY occurred_at, id`).map(([a]) => EVENT[a] ?? a);
			// each heading is the event's label, then who did it in plain words (issue 12)
			assert.deepEqual(timeline.map((h) => h.replace(/ by .*$/, '')), events, `referral ${id}'s timeline`);
		}
	});

	it('the dashboard names its counts by the status labels', async () => {
		const res = await amira.get('/');
		assert.equal(res.status, 200);
		for (const status of ['new', 'acknowledged']) {
			const link = res.body.match(new RegExp(`<a[^>]*id="count-${status}"[^>]*>([\\s\\S]*?)</a>`))[1];
			assert.equal(decodeEntities(link.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim().replace(/^[\d,+]+ /, ''), STATUS[status].label);
		}
		// besides the header's unread badge, the dashboard's tags mark unread messages only
		for (const t of tags(res.body).filter((t) => !t.badge && t.text !== 'Unread')) assert.fail(`an unexpected tag on the dashboard: ${t.text}`);
	});

	it('the inbox shows each kind of message by its label, in grey', async () => {
		const kinds = Object.keys(INBOX);
		db(kinds.map((kind, i) => `INSERT INTO inbox_messages (staff_id, kind, subject, body, link, created_at)
			VALUES (${adminId}, '${kind}', '${SUBJECT} ${kind}', '', '', UTC_TIMESTAMP() + INTERVAL ${i} SECOND);`).join(''));
		const res = await admin.get('/inbox');
		assert.equal(res.status, 200);
		const rows = {};
		for (const m of res.body.matchAll(/<tr\b[^>]*id="message-(\d+)"[^>]*>([\s\S]*?)<\/tr>/g)) rows[m[1]] = m[2];
		const ids = Object.keys(rows);
		const kindOf = Object.fromEntries(dbRows(`SELECT id, kind FROM inbox_messages WHERE id IN (${ids.join(',')})`));
		const seen = new Set();
		for (const id of ids) {
			const shown = tags(rows[id]).filter((t) => t.text !== 'Unread');
			assert.equal(shown.length, 1, `message ${id} has one kind tag`);
			assert.deepEqual({ text: shown[0].text, colour: shown[0].colour }, { text: INBOX[kindOf[id]] ?? 'Message', colour: 'grey' }, `message ${id} (${kindOf[id]})`);
			seen.add(kindOf[id]);
		}
		for (const kind of kinds) assert.ok(seen.has(kind), `the inbox shows a ${kind} message`);
	});
});
