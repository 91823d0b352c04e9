// The journey's opt-in to refusals and "unresolved" (issue 12 point 7, issue 14 point 4), as a
// staff member uses it: in a real browser amira walks the journey for an existing client and
// ticks "A receiving organisation refuses the referral" and "Every receiving organisation
// refused or did not respond" on the send step; then the only receiving organisation refuses
// (its staff member through the referral page's form). Amira's inbox shows both messages, and
// both e-mails arrive in the test stack's Maildir (the real Exim). A second referral sent with
// the boxes left unticked, and refused the same way, gives her neither. Each new referral is
// e-mailed to the receiving organisation's staff alone, and an issue nobody handles, chosen in
// the journey, is a gap in service for the administrators alone.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BASE_URL, BASE_PATH, PASSWORD, STACK_DIR, Browser, signedIn, csrfFrom, db, dbRows, sqlString, switchOrganisation, waitFor, resetThrottle, sleep } from '../http/lib.mjs';
import { launchChromium } from './lib.mjs';

const TAG = 'MJ' + Date.now().toString(36).slice(-5);
const ISSUE = `${TAG} Housing`;
const ORPHAN = `${TAG} Orphan`; // an issue no organisation handles: a gap in service
const RECEIVER = `${TAG} Harbour Trust`;
// names take letters only: the tag's digits as letters
const LAST_NAME = `Optin${TAG.replace(/\d/g, (d) => 'abcdefghij'[d])}`;
const MAILDIR = process.env.MAILDIR || path.join(STACK_DIR, 'mail', 'Maildir');
const ADDRESS = `amira.${TAG.toLowerCase()}@example.test`;
const TOM = `tom.${TAG.toLowerCase()}@example.test`;

const one = (sql) => dbRows(sql)[0][0];
let browser, page, receiver, amiraId, amiraEmail, tomId, tomEmail, issueId, orphanId, receiverId;

// The subjects of the e-mails to amira's address of this run, from the Maildir's new/ files.
function subjectsTo(address) {
	const dir = path.join(MAILDIR, 'new');
	if (!fs.existsSync(dir)) return [];
	const subjects = [];
	for (const f of fs.readdirSync(dir)) {
		const raw = fs.readFileSync(path.join(dir, f), 'utf8');
		const head = raw.slice(0, raw.indexOf('\n\n')).replace(/\n[ \t]+/g, ' ');
		const to = head.match(/^To:\s*(.*)$/im);
		const subject = head.match(/^Subject:\s*(.*)$/im);
		if (to && to[1].includes(address) && subject) subjects.push(subject[1].trim());
	}
	return subjects;
}

const outboxEmpty = () => one(`SELECT COUNT(*) FROM mail_outbox WHERE state = 'pending' AND mode = 'immediate'`) === '0';

before(async () => {
	resetThrottle();
	db(`INSERT INTO issues (name, description, position) VALUES (${sqlString(ISSUE)}, 'Somewhere to live', 970)`);
	issueId = one(`SELECT id FROM issues WHERE name = ${sqlString(ISSUE)}`);
	db(`INSERT INTO issues (name, description, position) VALUES (${sqlString(ORPHAN)}, 'Nobody takes it', 971)`);
	orphanId = one(`SELECT id FROM issues WHERE name = ${sqlString(ORPHAN)}`);
	db(`INSERT INTO questions (issue_id, position, kind, text, required) VALUES (${issueId}, 1, 'long_text', ${sqlString(`${TAG}: Anything else?`)}, 0)`);
	db(`INSERT INTO organisations (name, active, accepting, all_genders, all_local_authorities) VALUES (${sqlString(RECEIVER)}, 1, 1, 1, 1)`);
	receiverId = one(`SELECT id FROM organisations WHERE name = ${sqlString(RECEIVER)}`);
	db(`INSERT INTO organisation_issues (organisation_id, issue_id) VALUES (${receiverId}, ${issueId})`);
	amiraId = one(`SELECT id FROM staff WHERE username = 'amira'`);
	const riverside = one(`SELECT id FROM organisations WHERE name = 'Riverside Citizens Advice'`);
	const res = await new Browser().post('/_test/clients', [['first_name', 'Tamsin'], ['last_name', LAST_NAME], ['date_of_birth', '1984-05-06'], ['created_by', amiraId], ['org', riverside]], { origin: null });
	assert.equal(res.status, 200, res.body);
	// tom works for the receiving organisation (and refuses)
	receiver = await signedIn('tom');
	tomId = one(`SELECT id FROM staff WHERE username = 'tom'`);
	db(`INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source) VALUES (${tomId}, ${receiverId}, 'manual')`);
	await switchOrganisation(receiver, receiverId);
	tomEmail = one(`SELECT email FROM staff WHERE id = ${tomId}`);
	db(`UPDATE staff SET email = '${TOM}' WHERE id = ${tomId}`);
	// amira's choices are the defaults (refusals and unresolved e-mailed at once)
	db(`DELETE FROM mail_preferences WHERE staff_id = ${amiraId} AND kind IN ('referral_refused', 'referral_unresolved')`);
	browser = await launchChromium();
	page = await (await browser.newContext()).newPage();
	page.setDefaultTimeout(20000);
});

after(async () => {
	await browser?.close();
	db(`UPDATE staff SET email = ${amiraEmail ? sqlString(amiraEmail) : 'email'} WHERE id = ${amiraId}`);
	db(`UPDATE staff SET email = ${tomEmail ? sqlString(tomEmail) : 'email'} WHERE id = ${tomId}`);
	db(`DELETE FROM staff_orgs WHERE organisation_id = ${receiverId} AND source = 'manual'`);
	db(`UPDATE issues SET active = 0 WHERE id IN (${issueId}, ${orphanId})`);
	db(`UPDATE organisations SET active = 0, accepting = 0 WHERE id = ${receiverId}`);
	resetThrottle();
});

async function submit(name = 'Continue') {
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
}

const heading = (name) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

// The journey for the test's client, to the receiving organisation; ticks the given boxes
// on the send step. Returns the new referral's id.
async function findClient() {
	await heading('Find the client');
	await page.getByLabel('First name', { exact: true }).fill('Tamsin');
	await page.getByLabel('Last name', { exact: true }).fill(LAST_NAME);
	const dob = page.getByRole('group', { name: /Date of birth/ });
	await dob.getByLabel('Day', { exact: true }).fill('6');
	await dob.getByLabel('Month', { exact: true }).fill('5');
	await dob.getByLabel('Year', { exact: true }).fill('1984');
	await submit('Search');
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /^Use this client/ }).first().click()]);
}

// A new referral for the client, through consent and details with issue, to the receivers step.
async function toReceivers(issue) {
	await page.goto(BASE_URL + '/referrals/new');
	await findClient();
	await heading('Consent');
	await page.getByLabel('The client has consented to this referral and to their information being shared with the receiving organisations').check();
	await page.getByLabel('The client', { exact: true }).check();
	await submit();
	await heading('Referral details');
	await page.getByRole('checkbox', { name: issue, exact: true }).check();
	await page.getByRole('radio', { name: 'No', exact: true }).check();
	await submit();
	await heading('Receiving organisations');
}

async function sendReferral(boxes) {
	await toReceivers(ISSUE);
	await page.getByRole('group', { name: `Organisations to refer to for ${ISSUE}` }).getByRole('checkbox', { name: RECEIVER, exact: true }).check();
	await submit();
	await heading('Questionnaire');
	await submit();
	await heading('Check your answers before sending');
	for (const label of ['A receiving organisation refuses the referral', 'Every receiving organisation refused or did not respond']) {
		const box = page.getByLabel(label, { exact: true });
		assert.equal(await box.isChecked(), false, `${label}: unticked until chosen`);
		if (boxes) await box.check();
	}
	await submit('Send referral');
	assert.match(page.url(), new RegExp(`${BASE_PATH}/clients/\\d+/referrals\\?sent=1$`));
	return one(`SELECT MAX(r.id) FROM referrals r JOIN clients c ON c.id = r.client_id WHERE c.last_name = ${sqlString(LAST_NAME)} AND r.created_by = ${amiraId}`);
}

async function refuse(id) {
	const csrf = csrfFrom((await receiver.get(`/referrals/${id}`)).body);
	const res = await receiver.post(`/referrals/${id}/refuse`, { csrf, reason: 'No capacity' });
	assert.equal(res.status, 303, `refusing ${id}: ${res.status}`);
}

describe('the send step\'s opt-in to refusals and unresolved, end to end', () => {
	let ticked, unticked;

	it('amira sends one referral with both boxes ticked and one with neither', async () => {
		await page.goto(BASE_URL + '/signin');
		await page.getByLabel('Username', { exact: true }).fill('amira');
		await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
		await submit('Sign in');
		// an address of this run (sign-in stored the directory's), so the Maildir count is ours
		amiraEmail = one(`SELECT email FROM staff WHERE id = ${amiraId}`);
		db(`UPDATE staff SET email = '${ADDRESS}' WHERE id = ${amiraId}`);
		ticked = await sendReferral(true);
		unticked = await sendReferral(false);
		assert.notEqual(ticked, unticked);
		assert.deepEqual(
			dbRows(`SELECT s.refused, s.unresolved FROM referral_subscriptions s JOIN referrals r ON r.group_id = s.group_id WHERE r.id = ${ticked} AND s.staff_id = ${amiraId}`),
			[['1', '1']],
		);
		assert.equal(one(`SELECT COUNT(*) FROM referral_subscriptions s JOIN referrals r ON r.group_id = s.group_id WHERE r.id = ${unticked}`), '0');
	});

	it('each new referral reaches the receiving organisation\'s staff (tom), and nobody else', async () => {
		const members = dbRows(`SELECT staff_id FROM staff_orgs so JOIN staff s ON s.id = so.staff_id WHERE so.organisation_id = ${receiverId} AND s.active = 1 ORDER BY staff_id`).map((r) => r[0]);
		assert.deepEqual(members, [tomId]);
		for (const id of [ticked, unticked]) {
			assert.deepEqual(dbRows(`SELECT staff_id FROM mail_outbox WHERE kind = 'new_referral' AND link = '/referrals/${id}'`), [[tomId]], `referral ${id}: an e-mail for tom alone`);
		}
		const re = new RegExp(`^New referral`);
		assert.ok(await waitFor(() => subjectsTo(TOM).filter((x) => re.test(x)).length >= 2, 60000, 250), `tom's e-mails: ${subjectsTo(TOM)}`);
		assert.equal(subjectsTo(ADDRESS).filter((x) => re.test(x)).length, 0, 'the sender hears nothing of it');
	});

	it('a gap in service (an issue nobody handles, chosen in the journey) reaches the administrators alone', async () => {
		const admins = dbRows(`SELECT id FROM staff WHERE is_admin = 1 AND active = 1 ORDER BY id`).map((r) => r[0]);
		await toReceivers(ORPHAN);
		await page.getByText(`No organisation can receive a referral for ${ORPHAN} for this client`).waitFor();
		// the inbox and the outbox (administrators' default for gaps: the daily digest)
		const subject = `Gap in service: ${ORPHAN}`;
		assert.deepEqual(dbRows(`SELECT staff_id FROM inbox_messages WHERE kind = 'gap_in_service' AND subject = ${sqlString(subject)} ORDER BY staff_id`).map((r) => r[0]), admins);
		assert.deepEqual(dbRows(`SELECT staff_id, mode FROM mail_outbox WHERE kind = 'gap_in_service' AND subject = ${sqlString(subject)} ORDER BY staff_id`), admins.map((a) => [a, 'digest']));
	});

	it('after the receiver refuses both, the ticked one is in amira\'s inbox and her mail, twice (refused, unresolved); the unticked one nowhere', async () => {
		await refuse(ticked);
		await refuse(unticked);
		const refused = `Referral ${ticked} refused by ${RECEIVER}`;
		const unresolved = `Referral ${ticked} unresolved: ${ISSUE}`;
		// the in-app inbox, as amira sees it
		await page.goto(BASE_URL + '/inbox');
		const inbox = await page.locator('main').innerText();
		assert.ok(inbox.includes(refused), `the inbox shows "${refused}"`);
		assert.ok(inbox.includes(unresolved), `the inbox shows "${unresolved}"`);
		assert.ok(!inbox.includes(`Referral ${unticked} `), 'nothing of the unticked one');
		// the e-mails, delivered by the stack's Exim
		assert.ok(await waitFor(() => subjectsTo(ADDRESS).length >= 2, 60000, 250), `both e-mails arrived: ${subjectsTo(ADDRESS)}`);
		assert.ok(await waitFor(outboxEmpty, 60000, 250), 'the outbox emptied');
		await sleep(1500); // anything else on its way to the Maildir
		assert.deepEqual(subjectsTo(ADDRESS).sort(), [refused, unresolved].sort(), 'exactly these two e-mails, each once');
		// and nothing was written for the unticked one
		assert.equal(one(`SELECT COUNT(*) FROM inbox_messages WHERE staff_id = ${amiraId} AND link = '/referrals/${unticked}'`), '0');
		assert.equal(one(`SELECT COUNT(*) FROM mail_outbox WHERE staff_id = ${amiraId} AND link = '/referrals/${unticked}'`), '0');
		// both referrals were refused the same way
		assert.deepEqual(dbRows(`SELECT r.status, g.unresolved FROM referrals r JOIN referral_groups g ON g.id = r.group_id WHERE r.id IN (${ticked}, ${unticked}) ORDER BY r.id`), [['refused', '1'], ['refused', '1']]);
	});
});
