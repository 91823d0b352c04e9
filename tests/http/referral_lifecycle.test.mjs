// The referral page and its lifecycle (issue 4 points 1 and 2): what each party sees, the
// actions offered, every transition from every state for the sender, the receiver, an
// administrator and an organisation not party to the referral (404, nothing leaked), the
// refusal and closure forms, events on the timeline and the inbox messages of subscribers.
//
// Referrals are made directly in SQL, mirroring referral_send's rows: a client (through the
// test-only /_test/clients), a consent, a referral group, its referrals, answers and
// subscriptions, and the 'referral.sent' event.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, signedIn, db, dbRows, sqlString, text, csrfFrom, resetThrottle } from './lib.mjs';

const TAG = 'RL' + Date.now().toString(36).slice(-5);
const ORG = { sender: `${TAG} Sending Advice`, r1: `${TAG} Receiving Housing`, r2: `${TAG} Receiving Support`, outsider: `${TAG} Outsider Trust` };
const SECRET_ANSWER = `Sofa at a friend’s ${TAG}`;
const CLIENT_FIRST = 'Lifecycle';
const CLIENT_LAST = 'Testperson' + TAG.replace(/[0-9]/g, (d) => 'abcdefghij'[d]).toLowerCase();
const org = {};
const staff = {};
let client, issue, issueName, reasonId, retiredReasonId;
const users = {}; // role → Browser

function one(sql) {
	return dbRows(sql)[0][0];
}

async function switchTo(browser, orgId) {
	const csrf = csrfFrom((await browser.get('/')).body);
	const res = await browser.post('/organisation', { organisation_id: orgId, csrf, next: '/' });
	assert.equal(res.status, 303);
}

// One send: a group for the issue with a referral to each receiver (their statuses given);
// returns { group, ids } with the referral ids in receiver order.
function makeGroup(receivers, { statuses = [], taken = null, urgent = 0, updateDue = 'CURDATE() + INTERVAL 5 DAY', closeDue = 'CURDATE() + INTERVAL 20 DAY' } = {}) {
	const sql =
		`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${client}, ${org.sender}, ${staff.amira});` +
		`SET @c = LAST_INSERT_ID();` +
		`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id, urgent, taken_by_org_id, taken_at) VALUES (${client}, ${issue}, ${org.sender}, ${staff.amira}, @c, ${urgent}, ${taken ? org[taken] : 'NULL'}, ${taken ? 'UTC_TIMESTAMP()' : 'NULL'});` +
		`SET @g = LAST_INSERT_ID();` +
		receivers
			.map(
				(r, i) =>
					`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, urgent, status, update_due, close_due) VALUES (@g, ${client}, ${issue}, ${org.sender}, ${org[r]}, ${staff.amira}, ${urgent}, '${statuses[i] || 'new'}', ${updateDue}, ${closeDue});` +
					`INSERT INTO events (staff_id, organisation_id, action, subject_type, subject_id, new_value, detail) VALUES (${staff.amira}, ${org.sender}, 'referral.sent', 'referral', LAST_INSERT_ID(), 'new', 'Sent for ${TAG}');`,
			)
			.join('') +
		`INSERT INTO answers (group_id, position, question_text, kind, answer) VALUES (@g, 0, 'Where are they staying tonight?', 'text', ${sqlString(SECRET_ANSWER)});` +
		`INSERT INTO referral_subscriptions (group_id, staff_id, acknowledged, closed) VALUES (@g, ${staff.amira}, 1, 0), (@g, ${staff.ben}, 0, 1);` +
		`SELECT @g;`;
	const group = db(sql).trim();
	const ids = dbRows(`SELECT id FROM referrals WHERE group_id = ${group} ORDER BY id`).map((r) => r[0]);
	return { group, ids };
}

function statusOf(id) {
	return one(`SELECT status FROM referrals WHERE id = ${id}`);
}

async function post(browser, id, verb, fields = {}) {
	const page = await browser.get(`/referrals/${id}`);
	const csrf = csrfFrom(page.body) || csrfFrom((await browser.get('/')).body);
	return browser.post(`/referrals/${id}/${verb}`, { csrf, ...fields });
}

function cleanUp() {
	const orgIds = `SELECT id FROM organisations WHERE name LIKE '${TAG}%'`;
	const refs = `SELECT id FROM referrals WHERE sending_org_id IN (${orgIds})`;
	db(`DELETE FROM events WHERE subject_type = 'referral' AND subject_id IN (SELECT id FROM (${refs}) x)`);
	db(`DELETE FROM events WHERE subject_type = 'referral_group' AND subject_id IN (SELECT id FROM referral_groups WHERE sending_org_id IN (${orgIds}))`);
	db(`DELETE FROM inbox_messages WHERE subject LIKE '%${TAG}%' OR body LIKE '%${TAG}%'`);
	db(`DELETE FROM notes WHERE referral_id IN (SELECT id FROM (${refs}) x)`);
	db(`DELETE FROM referrals WHERE sending_org_id IN (${orgIds})`);
	db(`DELETE FROM answers WHERE group_id IN (SELECT id FROM referral_groups WHERE sending_org_id IN (${orgIds}))`);
	db(`DELETE FROM referral_subscriptions WHERE group_id IN (SELECT id FROM referral_groups WHERE sending_org_id IN (${orgIds}))`);
	db(`DELETE FROM referral_groups WHERE sending_org_id IN (${orgIds})`);
	db(`DELETE FROM consents WHERE organisation_id IN (${orgIds})`);
	db(`DELETE FROM staff_orgs WHERE organisation_id IN (${orgIds}) AND source = 'manual'`);
	db(`UPDATE organisations SET active = 0, accepting = 0 WHERE name LIKE '${TAG}%'`);
	db(`DELETE FROM closure_reasons WHERE name LIKE '${TAG}%' AND id NOT IN (SELECT closure_reason_id FROM referrals WHERE closure_reason_id IS NOT NULL)`);
}

before(async () => {
	resetThrottle();
	for (const [key, name] of Object.entries(ORG)) {
		db(`INSERT INTO organisations (name, active, accepting, all_genders, all_local_authorities) VALUES (${sqlString(name)}, 1, 1, 1, 1)`);
		org[key] = one(`SELECT id FROM organisations WHERE name = ${sqlString(name)}`);
	}
	for (const u of ['amira', 'tina', 'tom', 'chloe', 'admin', 'ben']) {
		// sign in once so the staff row exists
		users[u] = await signedIn(u);
		staff[u] = one(`SELECT id FROM staff WHERE username = '${u}'`);
	}
	const member = { amira: 'sender', tina: 'r1', tom: 'r2', chloe: 'outsider' };
	for (const [u, k] of Object.entries(member)) {
		db(`INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source) VALUES (${staff[u]}, ${org[k]}, 'manual')`);
		await switchTo(users[u], org[k]);
	}
	issue = one(`SELECT id FROM issues WHERE active = 1 ORDER BY position, id LIMIT 1`);
	issueName = one(`SELECT name FROM issues WHERE id = ${issue}`);
	const res = await new Browser().post(
		'/_test/clients',
		[['first_name', CLIENT_FIRST], ['last_name', CLIENT_LAST], ['date_of_birth', '1988-04-02'], ['email', `lifecycle@${TAG.toLowerCase()}.example`], ['created_by', staff.amira], ['org', org.sender], ['org', org.r1], ['org', org.r2]],
		{ origin: null },
	);
	assert.equal(res.status, 200, res.body);
	client = String(JSON.parse(res.body).id);
	db(`INSERT INTO closure_reasons (name, position) VALUES ('${TAG} Support given', 990), ('${TAG} Old reason', 991)`);
	reasonId = one(`SELECT id FROM closure_reasons WHERE name = '${TAG} Support given'`);
	retiredReasonId = one(`SELECT id FROM closure_reasons WHERE name = '${TAG} Old reason'`);
	db(`UPDATE closure_reasons SET retired = 1 WHERE id = ${retiredReasonId}`);
});

after(() => {
	cleanUp();
	resetThrottle();
});

describe('the referral page', () => {
	it('shows the receiver the client, the issue, both organisations, the status, the dates, the group, the answers and the timeline, with Acknowledge and Refuse', async () => {
		const { ids } = makeGroup(['r1', 'r2']);
		const res = await users.tina.get(`/referrals/${ids[0]}`);
		assert.equal(res.status, 200);
		const t = text(res.body);
		assert.match(t, new RegExp(`${CLIENT_FIRST} ${CLIENT_LAST}`));
		assert.match(t, /Date of birth 2 April 1988 \(age \d+\)/);
		assert.match(t, new RegExp(`Issue ${issueName}`));
		assert.match(t, new RegExp(`Sending organisation ${ORG.sender}`));
		assert.match(t, new RegExp(`Receiving organisation ${ORG.r1}`));
		assert.match(res.body, /<strong class="govuk-tag govuk-tag--blue">New<\/strong>/);
		assert.match(t, /Update by \d+ \w+ \d{4}/);
		assert.match(t, /Close by \d+ \w+ \d{4}/);
		assert.doesNotMatch(t, /Overdue/);
		// the other referral of the group and its status
		assert.match(res.body, new RegExp(`data-referral="${ids[1]}"[\\s\\S]*?${ORG.r2}[\\s\\S]*?New`));
		assert.ok(t.includes(SECRET_ANSWER), 'the answers');
		assert.match(t, new RegExp(`Sent by Amira Khan, ${ORG.sender} \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d`));
		assert.match(res.body, new RegExp(`action="[^"]*/referrals/${ids[0]}/acknowledge"`));
		assert.match(res.body, new RegExp(`action="[^"]*/referrals/${ids[0]}/refuse"`));
		assert.doesNotMatch(res.body, /\/close"|\/withdraw"/);
	});

	it('offers the sender Withdraw only, and shows the answers', async () => {
		const { ids } = makeGroup(['r1']);
		const res = await users.amira.get(`/referrals/${ids[0]}`);
		assert.equal(res.status, 200);
		assert.ok(text(res.body).includes(SECRET_ANSWER));
		assert.match(res.body, /\/withdraw"/);
		assert.doesNotMatch(res.body, /\/acknowledge"|\/refuse"|\/close"/);
	});

	it('shows an administrator who is not party the referral and its answers, with no actions', async () => {
		const { ids } = makeGroup(['r1']);
		const res = await users.admin.get(`/referrals/${ids[0]}`);
		assert.equal(res.status, 200);
		assert.ok(text(res.body).includes(SECRET_ANSWER));
		assert.doesNotMatch(res.body, /\/acknowledge"|\/refuse"|\/close"|\/withdraw"/);
	});

	it('answers 404 to an organisation not party to it, leaking nothing, exactly as for a referral that does not exist', async () => {
		const { ids } = makeGroup(['r1']);
		const res = await users.chloe.get(`/referrals/${ids[0]}`);
		assert.equal(res.status, 404);
		for (const secret of [CLIENT_LAST, SECRET_ANSWER, ORG.sender, ORG.r1]) assert.ok(!res.body.includes(secret), `no ${secret}`);
		const missing = await users.chloe.get(`/referrals/99999999999`);
		assert.equal(missing.status, 404);
		assert.equal(text(res.body).replace(/\s+/g, ' ').replace(/value="[^"]*"/g, ''), text(missing.body).replace(/\s+/g, ' ').replace(/value="[^"]*"/g, ''));
		// the receiver's other organisation (tom, r2) is not party either
		assert.equal((await users.tom.get(`/referrals/${ids[0]}`)).status, 404);
	});

	it('sends a signed-out visitor to sign in', async () => {
		const { ids } = makeGroup(['r1']);
		const res = await new Browser().get(`/referrals/${ids[0]}`);
		assert.equal(res.status, 303);
		assert.match(res.headers.location, /\/signin/);
	});

	it('marks a New referral past its update-by date Overdue, an Acknowledged one past its close-by date, and an ended one never', async () => {
		const late = makeGroup(['r1'], { updateDue: 'CURDATE() - INTERVAL 1 DAY' }).ids[0];
		assert.match(text((await users.tina.get(`/referrals/${late}`)).body), /Update by \d+ \w+ \d{4} Overdue/);
		const today = makeGroup(['r1'], { updateDue: 'CURDATE()' }).ids[0];
		assert.doesNotMatch(text((await users.tina.get(`/referrals/${today}`)).body), /Overdue/);
		const ack = makeGroup(['r1'], { statuses: ['acknowledged'], taken: 'r1', updateDue: 'CURDATE() - INTERVAL 9 DAY', closeDue: 'CURDATE() - INTERVAL 1 DAY' }).ids[0];
		const t = text((await users.tina.get(`/referrals/${ack}`)).body);
		assert.match(t, /Close by \d+ \w+ \d{4} Overdue/);
		assert.doesNotMatch(t, /Update by \d+ \w+ \d{4} Overdue/);
		const closed = makeGroup(['r1'], { statuses: ['closed'], taken: 'r1', updateDue: 'CURDATE() - INTERVAL 9 DAY', closeDue: 'CURDATE() - INTERVAL 1 DAY' }).ids[0];
		assert.doesNotMatch(text((await users.tina.get(`/referrals/${closed}`)).body), /Overdue/);
	});
});

describe('every transition from every state, for every party', () => {
	const STATES = ['new', 'acknowledged', 'refused', 'closed', 'withdrawn', 'removed', 'no_response'];
	const VERBS = { acknowledge: 'acknowledged', refuse: 'refused', close: 'closed', withdraw: 'withdrawn' };
	const PARTIES = { sender: 'amira', receiver: 'tina', admin: 'admin', outsider: 'chloe' };
	function allowed(party, verb, state) {
		if (party === 'receiver') return (verb === 'acknowledge' && state === 'new') || (verb === 'refuse' && state === 'new') || (verb === 'close' && state === 'acknowledged');
		if (party === 'sender') return verb === 'withdraw' && (state === 'new' || state === 'acknowledged');
		return false;
	}
	for (const state of STATES) {
		for (const [verb, result] of Object.entries(VERBS)) {
			it(`${verb} a referral that is ${state}`, async () => {
				for (const [party, user] of Object.entries(PARTIES)) {
					const { group, ids } = makeGroup(['r1'], { statuses: [state], taken: state === 'acknowledged' || state === 'closed' ? 'r1' : null });
					const id = ids[0];
					const events = () => one(`SELECT COUNT(*) FROM events WHERE subject_type = 'referral' AND subject_id = ${id}`);
					const before = events();
					const fields = verb === 'refuse' ? { reason: 'No capacity this month' } : verb === 'close' ? { closure_reason: reasonId } : {};
					const res = await post(users[user], id, verb, fields);
					const what = `${party} ${verb} on ${state}`;
					if (party === 'outsider') {
						assert.equal(res.status, 404, what);
						assert.ok(!res.body.includes(CLIENT_LAST) && !res.body.includes(SECRET_ANSWER), `${what}: nothing leaked`);
						assert.equal(statusOf(id), state, `${what}: unchanged`);
					} else if (allowed(party, verb, state)) {
						assert.equal(res.status, 303, `${what}: ${res.body.slice(0, 300)}`);
						assert.equal(res.headers.location.replace(/^.*\/referrals\//, ''), `${id}?done=${result}`);
						assert.equal(statusOf(id), result, what);
						assert.equal(Number(events()), Number(before) + 1, `${what}: one event`);
						const ev = dbRows(`SELECT action, old_value, new_value, staff_id, organisation_id FROM events WHERE subject_type = 'referral' AND subject_id = ${id} ORDER BY id DESC LIMIT 1`)[0];
						assert.deepEqual(ev, [`referral.${result}`, state, result, staff[user], party === 'sender' ? org.sender : org.r1]);
						if (result === 'closed') assert.equal(one(`SELECT closed_at IS NOT NULL AND closure_reason_id = ${reasonId} FROM referrals WHERE id = ${id}`), '1');
						if (result === 'refused') assert.equal(one(`SELECT status_reason FROM referrals WHERE id = ${id}`), 'No capacity this month');
						if (result === 'acknowledged') assert.equal(one(`SELECT taken_by_org_id FROM referral_groups WHERE id = ${group}`), org.r1);
					} else {
						assert.equal(res.status, 409, `${what}: ${res.body.slice(0, 300)}`);
						const t = text(res.body);
						const roleAllows = verb === 'withdraw' ? party === 'sender' : party === 'receiver';
						if (!roleAllows) assert.match(t, verb === 'withdraw' ? /Only the sending organisation can withdraw/ : new RegExp(`Only the receiving organisation can ${verb}`), what);
						else assert.match(t, new RegExp(`Referral ${id} is [A-Z][a-z ]+, so it cannot be ${result}`), what);
						assert.equal(statusOf(id), state, `${what}: unchanged`);
						assert.equal(events(), before, `${what}: no event`);
					}
				}
			});
		}
	}

	it('refuses a change without the form token (403) and changes nothing', async () => {
		const id = makeGroup(['r1']).ids[0];
		const res = await users.tina.post(`/referrals/${id}/acknowledge`, {});
		assert.equal(res.status, 403);
		assert.equal(statusOf(id), 'new');
	});

	it('sends a signed-out POST to sign in and changes nothing', async () => {
		const id = makeGroup(['r1']).ids[0];
		const res = await new Browser().post(`/referrals/${id}/acknowledge`, {});
		assert.ok([303, 403].includes(res.status), `signed out: ${res.status}`);
		assert.equal(statusOf(id), 'new');
	});
});

describe('refusing and closing: the forms', () => {
	it('requires a reason to refuse, and keeps what was typed when it is too long', async () => {
		const id = makeGroup(['r1']).ids[0];
		let res = await post(users.tina, id, 'refuse', { reason: '   ' });
		assert.equal(res.status, 400);
		assert.match(text(res.body), /Enter the reason for refusing the referral/);
		assert.equal((res.body.match(/govuk-error-summary__title/g) || []).length, 1, 'one error summary');
		assert.match(res.body, /<a href="#reason">Enter the reason for refusing the referral<\/a>/);
		const long = 'x'.repeat(1000) + ' <b>too long</b>';
		res = await post(users.tina, id, 'refuse', { reason: long });
		assert.equal(res.status, 400);
		assert.match(text(res.body), /The reason must be 1000 characters or fewer/);
		assert.ok(res.body.includes('x'.repeat(1000) + ' &lt;b&gt;too long&lt;/b&gt;</textarea>'), 'the reason kept, escaped');
		assert.equal(statusOf(id), 'new');
		res = await post(users.tina, id, 'refuse', { reason: 'x'.repeat(1000) });
		assert.equal(res.status, 303);
		assert.equal(statusOf(id), 'refused');
		const page = text((await users.amira.get(`/referrals/${id}`)).body);
		assert.match(page, /Reason for refusing x{1000}/);
	});

	it('closes only with a closure reason that is not retired', async () => {
		const id = makeGroup(['r1'], { statuses: ['acknowledged'], taken: 'r1' }).ids[0];
		const page = await users.tina.get(`/referrals/${id}`);
		assert.match(page.body, new RegExp(`<option value="${reasonId}">${TAG} Support given</option>`));
		assert.doesNotMatch(page.body, new RegExp(`${TAG} Old reason`));
		let res = await post(users.tina, id, 'close', { closure_reason: '' });
		assert.equal(res.status, 400);
		assert.match(text(res.body), /Select a closure reason/);
		res = await post(users.tina, id, 'close', { closure_reason: retiredReasonId });
		assert.equal(res.status, 400);
		assert.match(text(res.body), /Select a closure reason from the list/);
		res = await post(users.tina, id, 'close', { closure_reason: '99999999' });
		assert.equal(res.status, 400);
		assert.equal(statusOf(id), 'acknowledged');
		res = await post(users.tina, id, 'close', { closure_reason: reasonId });
		assert.equal(res.status, 303);
		const t = text((await users.tina.get(res.headers.location.replace(/^.*?\/referrals\/(?=\d)/, '/referrals/'))).body);
		assert.match(t, /Referral \d+ closed\./);
		assert.match(t, new RegExp(`Closure reason ${TAG} Support given`));
		assert.match(t, new RegExp(`Closed by Tina Tester, ${ORG.r1} \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d Closed by ${ORG.r1}: ${TAG} Support given`));
		assert.doesNotMatch(t, /\/close"/);
	});
});

describe('the timeline and the inbox', () => {
	it('puts every change on the timeline with who and when, and tells each subscriber only what they chose', async () => {
		const { ids } = makeGroup(['r1']);
		const id = ids[0];
		const inbox = (u) => dbRows(`SELECT kind, subject, body, link FROM inbox_messages WHERE staff_id = ${staff[u]} AND link = '/referrals/${id}' ORDER BY id`);
		assert.equal((await post(users.tina, id, 'acknowledge')).status, 303);
		assert.deepEqual(inbox('amira').map((m) => m[0]), ['referral_acknowledged']);
		assert.deepEqual(inbox('ben'), []);
		const [, subject, body] = inbox('amira')[0];
		assert.equal(subject, `Referral ${id} acknowledged: ${issueName}`);
		assert.ok(!subject.includes(CLIENT_LAST) && !body.includes(CLIENT_LAST) && !body.includes(CLIENT_FIRST), 'no personal data in the message');
		assert.equal((await post(users.tina, id, 'close', { closure_reason: reasonId })).status, 303);
		assert.deepEqual(inbox('amira').map((m) => m[0]), ['referral_acknowledged']);
		assert.deepEqual(inbox('ben').map((m) => m[0]), ['referral_closed']);
		const t = text((await users.amira.get(`/referrals/${id}`)).body);
		const timeline = t.slice(t.indexOf('Timeline'));
		// in plain words: what, by whom, for which organisation, then when
		assert.match(timeline, new RegExp(`Sent by Amira Khan, ${ORG.sender} \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d.*Acknowledged by Tina Tester, ${ORG.r1} \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d.*Closed by Tina Tester, ${ORG.r1} \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d`, 's'));
	});

	it('writes no message for a withdrawal or a refusal', async () => {
		const { ids } = makeGroup(['r1', 'r2']);
		assert.equal((await post(users.tina, ids[0], 'refuse', { reason: 'Not for us' })).status, 303);
		assert.equal((await post(users.amira, ids[1], 'withdraw')).status, 303);
		assert.equal(one(`SELECT COUNT(*) FROM inbox_messages WHERE link IN ('/referrals/${ids[0]}', '/referrals/${ids[1]}') AND kind IN ('referral_acknowledged', 'referral_closed')`), '0');
	});
});

// Issue 12 point 3: what the receiver needs to act, on the page itself.
describe('the referral page tells the receiver how to act', () => {
	it('shows the contact permissions in words and the phone numbers in their UK groups', async () => {
		db(`UPDATE clients SET phone = '07700900123', alt_phone = '02079460018', contact_phone = 1, contact_sms = 1, contact_email = 0, contact_post = 0, contact_voicemail = 0 WHERE id = ${client}`);
		const { ids } = makeGroup(['r1']);
		const t = text((await users.tina.get(`/referrals/${ids[0]}`)).body);
		assert.match(t, /Contact permissions Contact by: phone, SMS — not email, not post, no voicemail/);
		assert.match(t, /Phone 07700 900123/);
		assert.match(t, /Alternative phone 020 7946 0018/);
		assert.doesNotMatch(t, /07700900123/);
	});

	it('shows who gave the consent, who recorded it and when, and when it expires', async () => {
		const { group, ids } = makeGroup(['r1']);
		let t = text((await users.tina.get(`/referrals/${ids[0]}`)).body);
		assert.match(t, new RegExp(`Consent Given by The client Recorded by Amira Khan, ${ORG.sender} on \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d Expires \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d`));
		db(`UPDATE consents k JOIN referral_groups g ON g.consent_id = k.id SET k.given_by_client = 0, k.consentor_name = '<b>Mary</b> Smith', k.consentor_relationship = 'Daughter' WHERE g.id = ${group}`);
		const res = await users.tina.get(`/referrals/${ids[0]}`);
		assert.ok(res.body.includes('&lt;b&gt;Mary&lt;/b&gt; Smith (Daughter)'), 'the consentor and relationship, escaped');
		// expired: who gave it is hidden with the client's other details
		db(`UPDATE consents k JOIN referral_groups g ON g.consent_id = k.id SET k.recorded_at = k.recorded_at - INTERVAL 3000 DAY WHERE g.id = ${group}`);
		const expired = await users.tina.get(`/referrals/${ids[0]}`);
		assert.match(text(expired.body), /Consent expired on/);
		assert.ok(!expired.body.includes('Mary') && !expired.body.includes('id="consent-details"'), 'no consent details while expired');
		db(`UPDATE consents k JOIN referral_groups g ON g.consent_id = k.id SET k.recorded_at = UTC_TIMESTAMP() WHERE g.id = ${group}`);
		// consent that never expires says so
		db(`UPDATE settings SET value = '0' WHERE name = 'consent_expiry_days'`);
		try {
			t = text((await users.tina.get(`/referrals/${ids[0]}`)).body);
			assert.match(t, /Expires Never/);
		} finally {
			db(`UPDATE settings SET value = '365' WHERE name = 'consent_expiry_days'`);
		}
	});

	it('writes the timeline in plain words: who and which organisation, never a note’s number', async () => {
		const { ids } = makeGroup(['r1']);
		const page = await users.tina.get(`/referrals/${ids[0]}`);
		const res = await users.tina.post(`/referrals/${ids[0]}/notes`, { csrf: csrfFrom(page.body), note: `Called ${TAG}`, back: `/referrals/${ids[0]}` });
		assert.equal(res.status, 303);
		const html = (await users.tina.get(`/referrals/${ids[0]}`)).body;
		const timeline = text(html.match(/<ol class="govuk-list" id="timeline">([\s\S]*?)<\/ol>/)[1]);
		assert.match(timeline, new RegExp(`Note added by Tina Tester, ${ORG.r1}`));
		assert.doesNotMatch(timeline, /Note \d+/);
	});

	it('orders the group by referral, the answers by position and the timeline by time, whatever order the rows were written in', async () => {
		const { group, ids } = makeGroup(['r1', 'r2']);
		// written out of order: the later position first, and an event backdated below the sending
		db(
			`INSERT INTO answers (group_id, position, question_text, kind, answer) VALUES (${group}, 2, 'Third question ${TAG}', 'text', 'c'), (${group}, 1, 'Second question ${TAG}', 'text', 'b');` +
				`INSERT INTO events (staff_id, organisation_id, action, subject_type, subject_id, occurred_at) VALUES (${staff.amira}, ${org.sender}, 'referral.note_added', 'referral', ${ids[0]}, UTC_TIMESTAMP(3) - INTERVAL 1 HOUR);` +
				`INSERT INTO events (staff_id, organisation_id, action, subject_type, subject_id, occurred_at) VALUES (${staff.amira}, ${org.sender}, 'referral.note_added', 'referral', ${ids[0]}, UTC_TIMESTAMP(3) + INTERVAL 1 MINUTE);`,
		);
		const html = (await users.amira.get(`/referrals/${ids[0]}`)).body;
		const t = text(html);
		const at = (needle) => {
			const i = t.indexOf(needle);
			assert.ok(i >= 0, `${needle} on the page`);
			return i;
		};
		assert.ok(at(SECRET_ANSWER) < at(`Second question ${TAG}`) && at(`Second question ${TAG}`) < at(`Third question ${TAG}`), 'answers by position');
		const timeline = text(html.match(/<ol class="govuk-list" id="timeline">([\s\S]*?)<\/ol>/)[1]);
		const noted = [...timeline.matchAll(/Note added by Amira Khan/g)].map((m) => m.index);
		const sent = timeline.indexOf('Sent by Amira Khan');
		assert.equal(noted.length, 2, timeline);
		assert.ok(noted[0] < sent && sent < noted[1], `the backdated note first, the later one last: ${timeline}`);
		const members = text(html.match(/<table class="govuk-table" id="group">([\s\S]*?)<\/table>/)[1]);
		assert.ok(members.indexOf(ORG.r1) >= 0 && members.indexOf(ORG.r1) < members.indexOf(ORG.r2), `the group by referral: ${members}`);
	});

	it('takes an optional outcome note on closing, shown to both sides; too long is refused and kept', async () => {
		const { ids } = makeGroup(['r1'], { statuses: ['acknowledged'] });
		const long = 'x'.repeat(2001);
		let res = await post(users.tina, ids[0], 'close', { closure_reason: reasonId, outcome: long });
		assert.equal(res.status, 400);
		assert.match(text(res.body), /The outcome note must be 2000 characters or fewer/);
		assert.ok(res.body.includes(long), 'what was typed is kept');
		assert.equal(statusOf(ids[0]), 'acknowledged');
		res = await post(users.tina, ids[0], 'close', { closure_reason: reasonId, outcome: `Housed at <i>Elm Court</i> ${TAG}` });
		assert.equal(res.status, 303);
		for (const u of ['tina', 'amira']) {
			const body = (await users[u].get(`/referrals/${ids[0]}`)).body;
			assert.ok(body.includes(`Housed at &lt;i&gt;Elm Court&lt;/i&gt; ${TAG}`), `${u} sees the outcome, escaped`);
		}
		// without one, closing works as before and no Outcome row is shown
		const other = makeGroup(['r1'], { statuses: ['acknowledged'] }).ids[0];
		assert.equal((await post(users.tina, other, 'close', { closure_reason: reasonId })).status, 303);
		assert.doesNotMatch(text((await users.amira.get(`/referrals/${other}`)).body), /Outcome /);
	});

	it('links each other referral of the group for the sender, not for a receiver who may not open it', async () => {
		const { ids } = makeGroup(['r1', 'r2']);
		const sender = (await users.amira.get(`/referrals/${ids[0]}`)).body;
		assert.match(sender, new RegExp(`href="[^"]*/referrals/${ids[1]}"`));
		assert.equal((await users.amira.get(`/referrals/${ids[1]}`)).status, 200);
		const receiver = (await users.tina.get(`/referrals/${ids[0]}`)).body;
		assert.doesNotMatch(receiver, new RegExp(`href="[^"]*/referrals/${ids[1]}"`));
	});
});
