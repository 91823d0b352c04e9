// Issue 4's "Done means", in one browser with a context per person: a sender and two receivers
// in three new organisations. The sender sends one referral to both receivers through the real
// journey; both receivers see it in Received and on their dashboards; both click Acknowledge at
// the same moment and exactly one wins, the other being told who took it; a second group (made
// in SQL) is refused by both and becomes the sender's Unresolved; the winner closes the first,
// and the sender follows it to its end in the inbox, the lists and the timeline. Every count is
// checked against the list it links to, and every distinct page with axe-core.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, BASE_PATH, PASSWORD, db, dbRows, sqlString, resetThrottle } from '../http/lib.mjs';
import { launchChromium, assertAccessible } from './lib.mjs';

// letters only: the tag goes into the client's name too
const TAG = 'Duel' + Date.now().toString(36).replace(/[0-9]/g, (d) => 'abcdefghij'[d]);
const ISSUE = `${TAG} Housing`;
const QUESTION = `${TAG}: Where are they staying tonight?`;
const ORG = { sender: `${TAG} Sending Advice`, a: `${TAG} Receiver A`, b: `${TAG} Receiver B` };
const PERSON = { sender: 'amira', a: 'tina', b: 'tom' };
const NAME = { amira: 'Amira Khan', tina: 'Tina Tester', tom: 'Tom Tester' };
const CLIENT = { first: 'Ottoline', last: `Racer${TAG}` };

const org = {}; // key → id
const staff = {}; // username → id
const page = {}; // key (sender, a, b) → a signed-in page in its own browser context
let browser, clientId, issueId;
let first; // the journey's group: { group, ids: { a, b } }
let second; // the group made in SQL
let winner, loser; // 'a' or 'b'
let unreadBefore;

const one = (sql) => dbRows(sql)[0][0];
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

before(async () => {
	resetThrottle();
	db(`INSERT INTO issues (name, description, position) VALUES (${sqlString(ISSUE)}, 'Somewhere to live', 970)`);
	issueId = one(`SELECT id FROM issues WHERE name = ${sqlString(ISSUE)}`);
	db(`INSERT INTO questions (issue_id, position, kind, text, required) VALUES (${issueId}, 1, 'text', ${sqlString(QUESTION)}, 1)`);
	for (const [key, name] of Object.entries(ORG)) {
		db(`INSERT INTO organisations (name, active, accepting, all_genders, all_local_authorities) VALUES (${sqlString(name)}, 1, 1, 1, 1)`);
		org[key] = one(`SELECT id FROM organisations WHERE name = ${sqlString(name)}`);
	}
	// only the receivers handle the issue, so the journey offers exactly these two
	db(`INSERT INTO organisation_issues (organisation_id, issue_id) VALUES (${org.a}, ${issueId}), (${org.b}, ${issueId})`);
	browser = await launchChromium();
	for (const [key, username] of Object.entries(PERSON)) {
		page[key] = await signedInPage(username);
		staff[username] = one(`SELECT id FROM staff WHERE username = '${username}'`);
		db(`INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source) VALUES (${staff[username]}, ${org[key]}, 'manual')`);
	}
});

after(async () => {
	await browser?.close();
	// the referrals stay (they are records); the fixtures stop being offered, the memberships
	// go (so the next sign-in starts in a directory organisation) and so do the messages
	db(`DELETE FROM inbox_messages WHERE link IN (SELECT CONCAT('/referrals/', id) FROM referrals WHERE issue_id = ${issueId || 0})`);
	db(`DELETE FROM staff_orgs WHERE organisation_id IN (SELECT id FROM organisations WHERE name LIKE '${TAG}%') AND source = 'manual'`);
	db(`UPDATE organisations SET active = 0, accepting = 0 WHERE name LIKE '${TAG}%'`);
	db(`UPDATE issues SET active = 0 WHERE name = ${sqlString(ISSUE)}`);
	resetThrottle();
});

async function signedInPage(username) {
	const p = await (await browser.newContext()).newPage();
	p.setDefaultTimeout(15000);
	await p.goto(BASE_URL + '/signin');
	await p.getByLabel('Username', { exact: true }).fill(username);
	await p.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await click(p, p.getByRole('button', { name: 'Sign in', exact: true }));
	return p;
}

async function click(p, locator) {
	await Promise.all([p.waitForNavigation(), locator.click()]);
}

const nav = (p, name) => click(p, p.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name, exact: true }));
const heading = (p, name) => p.getByRole('heading', { level: 1, name, exact: true });

async function goHome(p) {
	await click(p, p.getByRole('link', { name: 'Referrals', exact: true }).first());
	await heading(p, 'Home').waitFor();
}

// The number a dashboard count shows, e.g. "1 New" → 1.
async function dashboardCount(p, id) {
	return Number((await p.locator(`#${id} [data-count]`).innerText()).trim());
}

// The number of referrals a list says match ("No referrals match." → 0).
async function listTotal(p) {
	const t = (await p.locator('#list-count').innerText()).trim();
	if (t === 'No referrals match.') return 0;
	const m = t.match(/^(\d+) referrals? match(es)?\./);
	assert.ok(m, `a count of the list: ${t}`);
	return Number(m[1]);
}

const listRow = (p, id) => p.locator(`tr[data-referral-id="${id}"]`);
const listIds = async (p) => (await p.locator('tr[data-referral-id]').evaluateAll((rows) => rows.map((r) => r.dataset.referralId))).sort();

async function switchOrganisation(p, name) {
	await p.getByLabel('Organisation', { exact: true }).selectOption({ label: name });
	await click(p, p.getByRole('button', { name: 'Switch organisation', exact: true }));
	assert.equal((await p.locator('#active-organisation').innerText()).trim(), name);
}

// The badge in the header's Inbox link: 0 when hidden.
async function headerUnread(p) {
	const badge = p.locator('#inbox-unread');
	if (await badge.isHidden()) return 0;
	const shown = await badge.textContent(); // "12 unread": the number, then visually hidden words
	const m = shown.match(/^\s*(\d+) unread\s*$/);
	assert.ok(m, `the badge says how many are unread: ${JSON.stringify(shown)}`);
	return Number(m[1]);
}

// "3 messages, 2 unread." → 2
async function inboxUnread(p) {
	const t = (await p.locator('#inbox-summary').innerText()).trim();
	if (t === 'You have no messages.') return 0;
	const m = t.match(/^\d+ messages?, (\d+) unread\.$/);
	assert.ok(m, `the inbox summary: ${t}`);
	return Number(m[1]);
}

// The timeline of a referral page as [what, "who (organisation)"] pairs, each checked to carry
// a date and time. Each heading says it in words: "Closed by Tina Tester, Org" (issue 12).
async function timeline(p) {
	const items = await p.locator('#timeline > li').evaluateAll((lis) => lis.map((li) => [li.querySelector('h3').textContent.trim(), li.querySelector('p').textContent.trim()]));
	return items.map(([heading, line]) => {
		const h = heading.match(/^(.+?) by ([^,]+), (.+)$/);
		assert.ok(h, `the event says what, who and which organisation: ${heading}`);
		assert.match(line, /^\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}$/, `the ${h[1]} event says when`);
		return [h[1], `${h[2]} (${h[3]})`];
	});
}

describe('two receivers, one referral, to its end', () => {
	it('each person works for the test organisation, chosen in the Organisation menu', async () => {
		for (const key of Object.keys(PERSON)) {
			await page[key].goto(BASE_URL + '/');
			await switchOrganisation(page[key], ORG[key]);
		}
		await assertAccessible(page.sender, 'the home page and dashboard');
		await click(page.sender, page.sender.getByRole('link', { name: /^Inbox/ }));
		unreadBefore = await inboxUnread(page.sender);
		assert.equal(await headerUnread(page.sender), unreadBefore, 'the header counts what the inbox counts');
	});

	it('the sender sends to both receivers through the journey', async () => {
		const p = page.sender;
		// New referral opens the search itself (issue 12)
		await nav(p, 'New referral');
		await heading(p, 'Find the client').waitFor();
		await assertAccessible(p, 'New referral');
		await p.getByLabel('First name', { exact: true }).fill(CLIENT.first);
		await p.getByLabel('Last name', { exact: true }).fill(CLIENT.last);
		const dob = p.getByRole('group', { name: /Date of birth/ });
		await dob.getByLabel('Day', { exact: true }).fill('14');
		await dob.getByLabel('Month', { exact: true }).fill('2');
		await dob.getByLabel('Year', { exact: true }).fill('1984');
		await click(p, p.getByRole('button', { name: 'Search', exact: true }));
		await p.getByText('No client matches these details').waitFor();
		await assertAccessible(p, 'Find the client, no match');
		await click(p, p.getByRole('button', { name: 'Continue as a new client', exact: true }));

		await heading(p, 'Client details').waitFor();
		await p.getByLabel('Gender', { exact: true }).selectOption({ label: 'Female' });
		await p.getByLabel('Phone number', { exact: true }).fill('07700 900123');
		await p.getByRole('group', { name: /How the client agrees to be contacted/ }).getByLabel('Phone call', { exact: true }).check();
		await assertAccessible(p, 'Client details');
		await click(p, p.getByRole('button', { name: 'Continue', exact: true }));

		await heading(p, 'Address and local authority').waitFor();
		await p.getByLabel('Address line 1', { exact: true }).fill('3 Harbour Row');
		await p.getByLabel('Postcode', { exact: true }).fill('TS24 8AY');
		await p.getByLabel('Residing local authority').selectOption({ label: 'Hartlepool' });
		await assertAccessible(p, 'Address and local authority');
		await click(p, p.getByRole('button', { name: 'Continue', exact: true }));

		await heading(p, 'Consent').waitFor();
		await p.getByLabel('The client has consented to this referral and to their information being shared with the receiving organisations').check();
		await p.getByLabel('The client', { exact: true }).check();
		await assertAccessible(p, 'Consent');
		await click(p, p.getByRole('button', { name: 'Continue', exact: true }));

		await heading(p, 'Referral details').waitFor();
		await p.getByLabel('Sending organisation', { exact: true }).selectOption({ label: ORG.sender });
		await p.getByRole('checkbox', { name: ISSUE, exact: true }).check();
		await p.getByRole('radio', { name: 'No', exact: true }).check();
		await assertAccessible(p, 'Referral details');
		await click(p, p.getByRole('button', { name: 'Continue', exact: true }));

		await heading(p, 'Receiving organisations').waitFor();
		const receivers = p.getByRole('group', { name: `Organisations to refer to for ${ISSUE}` });
		assert.deepEqual((await receivers.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.labels[0].textContent.trim()))).sort(), [ORG.a, ORG.b], 'exactly the two organisations that handle the issue');
		await receivers.getByRole('checkbox', { name: ORG.a, exact: true }).check();
		await receivers.getByRole('checkbox', { name: ORG.b, exact: true }).check();
		await assertAccessible(p, 'Receiving organisations');
		await click(p, p.getByRole('button', { name: 'Continue', exact: true }));

		await heading(p, 'Questionnaire').waitFor();
		await p.getByLabel(QUESTION).fill('On a friend’s sofa');
		await assertAccessible(p, 'Questionnaire');
		await click(p, p.getByRole('button', { name: 'Continue', exact: true }));

		await heading(p, 'Check your answers before sending').waitFor();
		await p.getByText('2 referrals will be sent').waitFor();
		await p.getByLabel('A receiving organisation acknowledges the referral', { exact: true }).check();
		await p.getByLabel('A referral is closed', { exact: true }).check();
		await assertAccessible(p, 'Check your answers before sending');
		await click(p, p.getByRole('button', { name: 'Send referral', exact: true }));

		const m = p.url().match(new RegExp(`${BASE_PATH}/clients/(\\d+)/referrals\\?sent=1$`));
		assert.ok(m, `on the client's Referrals tab: ${p.url()}`);
		clientId = m[1];
		const rows = p.locator('#referrals tbody tr');
		assert.equal(await rows.count(), 2, 'two referrals on the tab');
		for (const name of [ORG.a, ORG.b]) {
			const row = rows.filter({ hasText: name });
			assert.equal(await row.count(), 1, `one referral to ${name}`);
			assert.match(await row.innerText(), /\bNew\b/);
			assert.match(await row.innerText(), new RegExp(escapeRe(ORG.sender)));
		}
		await assertAccessible(p, 'the client’s Referrals tab after sending');

		// the database agrees: one group of two New referrals, the opt-ins recorded
		const groups = dbRows(`SELECT id FROM referral_groups WHERE client_id = ${clientId} AND sending_org_id = ${org.sender}`);
		assert.equal(groups.length, 1);
		const group = groups[0][0];
		const byOrg = Object.fromEntries(dbRows(`SELECT receiving_org_id, id, status FROM referrals WHERE group_id = ${group}`).map(([o, id, s]) => [o, { id, s }]));
		assert.deepEqual(Object.keys(byOrg).sort(), [org.a, org.b].sort());
		assert.deepEqual([byOrg[org.a].s, byOrg[org.b].s], ['new', 'new']);
		first = { group, ids: { a: byOrg[org.a].id, b: byOrg[org.b].id } };
		assert.deepEqual(dbRows(`SELECT acknowledged, closed, note_added, file_added FROM referral_subscriptions WHERE group_id = ${group} AND staff_id = ${staff.amira}`), [['1', '1', '0', '0']]);
	});

	it('both receivers see it in Received and as New on the dashboard, the count agreeing with its list', async () => {
		for (const key of ['a', 'b']) {
			const p = page[key];
			const id = first.ids[key];
			await goHome(p);
			const count = await dashboardCount(p, 'count-new');
			assert.equal(count, 1, `${ORG[key]} has one New referral`);
			await click(p, p.locator('#count-new'));
			await heading(p, 'Received referrals').waitFor();
			assert.equal(await listTotal(p), count, 'the New count is what its list shows');
			assert.deepEqual(await listIds(p), [id]);
			assert.match(await listRow(p, id).innerText(), new RegExp(`${escapeRe(ORG.sender)}[\\s\\S]*New`));
			if (key === 'a') await assertAccessible(p, 'the Received list, New');
			// and in the plain Received list from the menu
			await nav(p, 'Received');
			await listRow(p, id).waitFor();
			await click(p, p.getByRole('link', { name: `#${id}`, exact: true }));
			await p.getByRole('button', { name: 'Acknowledge', exact: true }).waitFor();
			assert.equal((await p.locator('#referral-status').innerText()).trim(), 'New');
			if (key === 'a') await assertAccessible(p, 'the referral page, New');
		}
	});

	it('both acknowledge at the same moment: exactly one wins, the other is told who took it', async (t) => {
		// both pages are on their referral, the button showing
		await Promise.all(['a', 'b'].map((key) => click(page[key], page[key].getByRole('button', { name: 'Acknowledge', exact: true }))));
		const outcome = {};
		for (const key of ['a', 'b']) {
			const body = await page[key].locator('main').innerText();
			outcome[key] = body.includes(`Referral ${first.ids[key]} acknowledged.`) ? 'won' : /already taken by/.test(body) ? 'lost' : `neither: ${body.slice(0, 300)}`;
		}
		assert.deepEqual(Object.values(outcome).sort(), ['lost', 'won'], `one winner, one loser: ${JSON.stringify(outcome)}`);
		winner = outcome.a === 'won' ? 'a' : 'b';
		loser = winner === 'a' ? 'b' : 'a';
		t.diagnostic(`${ORG[winner]} won the race`);

		const w = page[winner];
		assert.equal((await w.locator('#referral-status').innerText()).trim(), 'Acknowledged');
		assert.equal(await w.getByRole('button', { name: 'Acknowledge' }).count(), 0, 'no second acknowledgement offered');
		await w.getByLabel('Closure reason', { exact: true }).waitFor();
		await assertAccessible(w, 'the referral page, acknowledged');

		const l = page[loser];
		const message = (await l.locator('main').innerText()).replace(/\s+/g, ' ');
		assert.ok(message.includes(`Referral ${first.ids[loser]} was already taken by ${ORG[winner]}`), `the loser is told who took it: ${message}`);
		await assertAccessible(l, 'the “already taken” page');

		// the database agrees
		assert.equal(one(`SELECT status FROM referrals WHERE id = ${first.ids[winner]}`), 'acknowledged');
		assert.equal(one(`SELECT status FROM referrals WHERE id = ${first.ids[loser]}`), 'removed');
		assert.equal(one(`SELECT taken_by_org_id FROM referral_groups WHERE id = ${first.group}`), org[winner]);
		assert.equal(one(`SELECT COUNT(*) FROM events WHERE action = 'referral.acknowledged' AND subject_type = 'referral' AND subject_id IN (${first.ids.a}, ${first.ids.b})`), '1');
	});

	it('the loser’s Received list shows it Removed and closed; the sender’s Sent list shows both', async () => {
		const l = page[loser];
		const id = first.ids[loser];
		await nav(l, 'Received');
		await l.getByLabel('Open or closed', { exact: true }).selectOption({ label: 'Closed' });
		await click(l, l.getByRole('button', { name: 'Apply filters' }));
		assert.match(l.url(), /[?&]state=closed\b/, 'the filter is in the address');
		assert.equal(await listTotal(l), 1);
		assert.deepEqual(await listIds(l), [id]);
		assert.match(await listRow(l, id).innerText(), /Removed/);
		await assertAccessible(l, 'the Received list, closed');
		await l.getByLabel('Open or closed', { exact: true }).selectOption({ label: 'Open (new or acknowledged)' });
		await click(l, l.getByRole('button', { name: 'Apply filters' }));
		assert.equal(await listTotal(l), 0, 'nothing open for the loser');
		await goHome(l);
		assert.equal(await dashboardCount(l, 'count-new'), 0, 'the loser has no New referral left');

		const w = page[winner];
		await goHome(w);
		assert.equal(await dashboardCount(w, 'count-new'), 0);
		const acknowledged = await dashboardCount(w, 'count-acknowledged');
		assert.equal(acknowledged, 1);
		await click(w, w.locator('#count-acknowledged'));
		assert.equal(await listTotal(w), acknowledged, 'the Acknowledged count is what its list shows');
		assert.deepEqual(await listIds(w), [first.ids[winner]]);

		const s = page.sender;
		await nav(s, 'Sent');
		assert.equal(await listTotal(s), 2);
		assert.deepEqual(await listIds(s), [first.ids.a, first.ids.b].sort());
		assert.match(await listRow(s, first.ids[winner]).innerText(), new RegExp(`${escapeRe(ORG[winner])}[\\s\\S]*Acknowledged`));
		assert.match(await listRow(s, first.ids[loser]).innerText(), new RegExp(`${escapeRe(ORG[loser])}[\\s\\S]*Removed`));
		await assertAccessible(s, 'the Sent list');
	});

	it('both refuse a second referral: it is the sender’s Unresolved, the count agreeing with its list', async () => {
		const s = page.sender;
		await goHome(s);
		const unresolvedBefore = await dashboardCount(s, 'count-unresolved');
		assert.equal(unresolvedBefore, 0, 'nothing unresolved yet: the first group was taken');

		// a second send, as referral_send writes it: consent, group, answers, opt-in, a referral
		// per receiver with its event and its receivers' messages
		const group = db(
			`INSERT INTO consents (client_id, organisation_id, recorded_by, given_by_client) VALUES (${clientId}, ${org.sender}, ${staff.amira}, 1); SET @c = LAST_INSERT_ID();` +
				`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id, urgent) VALUES (${clientId}, ${issueId}, ${org.sender}, ${staff.amira}, @c, 0); SET @g = LAST_INSERT_ID();` +
				`INSERT INTO answers (group_id, question_id, position, question_text, kind, answer) SELECT @g, question_id, position, question_text, kind, 'Still on the sofa' FROM answers WHERE group_id = ${first.group};` +
				`INSERT INTO referral_subscriptions (group_id, staff_id, acknowledged, closed, note_added, file_added) VALUES (@g, ${staff.amira}, 1, 1, 0, 0);` +
				['a', 'b']
					.map(
						(key) =>
							`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, urgent, status, update_due, close_due) SELECT @g, ${clientId}, ${issueId}, ${org.sender}, ${org[key]}, ${staff.amira}, 0, 'new', update_due, close_due FROM referrals WHERE id = ${first.ids[key]}; SET @r = LAST_INSERT_ID();` +
							`INSERT INTO events (staff_id, organisation_id, action, subject_type, subject_id, new_value, detail) VALUES (${staff.amira}, ${org.sender}, 'referral.sent', 'referral', @r, 'new', ${sqlString(`Sent by ${ORG.sender} to ${ORG[key]} for ${ISSUE}`)});` +
							`INSERT INTO inbox_messages (staff_id, kind, subject, body, link) SELECT DISTINCT so.staff_id, 'new_referral', ${sqlString(`New referral: ${ISSUE}`)}, ${sqlString(`From ${ORG.sender} to ${ORG[key]}.`)}, CONCAT('/referrals/', @r) FROM staff_orgs so WHERE so.organisation_id = ${org[key]};`,
					)
					.join('') +
				`SELECT @g;`,
		).trim();
		const ids = Object.fromEntries(dbRows(`SELECT receiving_org_id, id FROM referrals WHERE group_id = ${group}`).map(([o, id]) => [o, id]));
		second = { group, ids: { a: ids[org.a], b: ids[org.b] } };

		for (const key of ['a', 'b']) {
			const p = page[key];
			const id = second.ids[key];
			await nav(p, 'Received');
			await click(p, p.getByRole('link', { name: `#${id}`, exact: true }));
			await p.getByLabel('Reason for refusing', { exact: true }).fill(`${ORG[key]} has no space this month.`);
			await click(p, p.getByRole('button', { name: 'Refuse', exact: true }));
			await p.getByText(`Referral ${id} refused.`).waitFor();
			assert.equal((await p.locator('#referral-status').innerText()).replace(/\s+/g, ' ').trim(), key === 'a' ? 'Refused' : 'Refused Unresolved', key === 'a' ? 'the first refusal leaves the group open' : 'the last refusal makes the group Unresolved');
			assert.equal((await p.locator('#refusal-reason').innerText()).trim(), `${ORG[key]} has no space this month.`);
			if (key === 'b') await assertAccessible(p, 'the referral page, refused');
		}
		assert.equal(one(`SELECT unresolved FROM referral_groups WHERE id = ${group}`), '1');

		await goHome(s);
		const unresolved = await dashboardCount(s, 'count-unresolved');
		assert.ok(unresolved > unresolvedBefore, `the Unresolved count went up (${unresolvedBefore} → ${unresolved})`);
		await click(s, s.locator('#count-unresolved'));
		await heading(s, 'Sent referrals').waitFor();
		assert.match(s.url(), /[?&]unresolved=1\b/);
		assert.ok(await s.getByLabel('Unresolved', { exact: true }).isChecked(), 'the filter is shown chosen');
		assert.equal(await listTotal(s), unresolved, 'the Unresolved count is what its list shows');
		assert.deepEqual(await listIds(s), [second.ids.a, second.ids.b].sort(), 'the list is the refused group, and only it');
		for (const key of ['a', 'b']) {
			const text = await listRow(s, second.ids[key]).innerText();
			assert.match(text, /Refused/);
			assert.match(text, /Unresolved/);
		}
		await assertAccessible(s, 'the Sent list, unresolved');
	});

	it('the winner closes the first; the sender follows it to its end in the inbox and the timeline', async () => {
		const w = page[winner];
		const id = first.ids[winner];
		await nav(w, 'Received');
		await click(w, w.getByRole('link', { name: `#${id}`, exact: true }));
		const reason = one(`SELECT name FROM closure_reasons WHERE retired = 0 ORDER BY position LIMIT 1`);
		await w.getByLabel('Closure reason', { exact: true }).selectOption({ label: reason });
		await click(w, w.getByRole('button', { name: 'Close referral', exact: true }));
		await w.getByText(`Referral ${id} closed.`).waitFor();
		assert.equal((await w.locator('#referral-status').innerText()).trim(), 'Closed');
		await assertAccessible(w, 'the referral page, closed');
		assert.equal(one(`SELECT status FROM referrals WHERE id = ${id}`), 'closed');

		const s = page.sender;
		await goHome(s);
		await click(s, s.getByRole('link', { name: /^Inbox/ }));
		await heading(s, 'Inbox').waitFor();
		// one message each for the acknowledgement and the closure, none for anything else
		const mine = s.locator('#inbox-messages tbody tr').filter({ has: s.locator(`a[href="${BASE_PATH}/referrals/${id}"]`) });
		assert.equal(await mine.count(), 2, 'two messages about the referral');
		const acknowledgedRow = mine.filter({ hasText: `Referral ${id} acknowledged: ${ISSUE}` });
		const closedRow = mine.filter({ hasText: `Referral ${id} closed: ${ISSUE}` });
		assert.equal(await acknowledgedRow.count(), 1);
		assert.equal(await closedRow.count(), 1);
		assert.match(await acknowledgedRow.innerText(), new RegExp(`Unread[\\s\\S]*Acknowledged[\\s\\S]*by ${escapeRe(ORG[winner])}`));
		assert.match(await closedRow.innerText(), new RegExp(`Unread[\\s\\S]*Closed[\\s\\S]*by ${escapeRe(ORG[winner])}`));
		for (const other of [first.ids[loser], second.ids.a, second.ids.b]) {
			assert.equal(await s.locator(`#inbox-messages a[href="${BASE_PATH}/referrals/${other}"]`).count(), 0, `no message about referral ${other}`);
		}
		const unread = await inboxUnread(s);
		assert.equal(unread, unreadBefore + 2, 'two more unread messages');
		assert.equal(await headerUnread(s), unread, 'the header counts what the inbox counts');
		await assertAccessible(s, 'the sender’s inbox');

		// the referral page from the message: sent, acknowledged, closed, with who and when
		await click(s, closedRow.getByRole('link', { name: `Referral ${id} closed: ${ISSUE}` }));
		assert.equal((await s.locator('#referral-status').innerText()).trim(), 'Closed');
		const receiverName = NAME[PERSON[winner]];
		assert.deepEqual(await timeline(s), [
			['Sent', `${NAME.amira} (${ORG.sender})`],
			['Acknowledged', `${receiverName} (${ORG[winner]})`],
			['Closed', `${receiverName} (${ORG[winner]})`],
		]);
		const group = s.locator('#group');
		assert.match(await group.locator(`tr[data-referral="${first.ids[loser]}"]`).innerText(), new RegExp(`${escapeRe(ORG[loser])}[\\s\\S]*Removed`));
		assert.match(await group.locator(`tr[data-referral="${id}"]`).innerText(), /Closed/);
		await assertAccessible(s, 'the referral page seen by the sender, closed');

		// the other one: sent, then removed by the winner
		await nav(s, 'Sent');
		await click(s, s.getByRole('link', { name: `#${first.ids[loser]}`, exact: true }));
		assert.equal((await s.locator('#referral-status').innerText()).trim(), 'Removed');
		assert.deepEqual(await timeline(s), [
			['Sent', `${NAME.amira} (${ORG.sender})`],
			['Removed', `${receiverName} (${ORG[winner]})`],
		]);
		assert.match(await s.locator('#timeline').innerText(), new RegExp(`Removed: ${escapeRe(ORG[winner])} took this group \\(referral ${id}\\)`));

		// and the Sent list agrees: closed and removed, none open
		await nav(s, 'Sent');
		await s.getByLabel('Open or closed', { exact: true }).selectOption({ label: 'Open (new or acknowledged)' });
		await click(s, s.getByRole('button', { name: 'Apply filters' }));
		assert.equal(await listTotal(s), 0, 'nothing the sender sent is still open');
		await click(s, s.getByRole('link', { name: 'Clear filters' }));
		assert.match(await listRow(s, id).innerText(), new RegExp(`Closed[\\s\\S]*${escapeRe(reason)}`));
	});
});
