// A referral followed to its end by both sides, in two browsers: the receiver finds it in the
// Received list, opens it, acknowledges it, adds a note and a file on the referral page, and
// closes it with a reason; the sender then sees each update in their inbox (the ones they
// opted in to) and the referral Closed in the Sent list. axe-core on every page.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, PASSWORD, Browser, db, dbRows, sqlString, resetThrottle } from '../http/lib.mjs';
import { launchChromium, assertAccessible } from './lib.mjs';

const TAG = 'Walk' + Date.now().toString(36).replace(/[0-9]/g, (d) => 'abcdefghij'[d]);
let browser, referralId;
const one = (sql) => dbRows(sql)[0][0];

before(async () => {
	// a referral from Riverside Citizens Advice (amira) to Southgate Food Bank (tina), with
	// amira subscribed to every update
	for (const who of ['amira', 'tina']) await new Browser().signIn(who);
	const amira = one(`SELECT id FROM staff WHERE username = 'amira'`);
	const riverside = one(`SELECT id FROM organisations WHERE name = 'Riverside Citizens Advice'`);
	const foodbank = one(`SELECT id FROM organisations WHERE name = 'Southgate Food Bank'`);
	const issue = one(`SELECT id FROM issues WHERE name = 'Food and essentials'`);
	const res = await new Browser().post('/_test/clients', [['first_name', 'Hester'], ['last_name', TAG], ['date_of_birth', '1966-06-06'], ['created_by', amira], ['org', riverside], ['org', foodbank]], { origin: null });
	const client = JSON.parse(res.body).id;
	referralId = db(
		`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${client}, ${riverside}, ${amira}); SET @c = LAST_INSERT_ID();` +
			`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id) VALUES (${client}, ${issue}, ${riverside}, ${amira}, @c); SET @g = LAST_INSERT_ID();` +
			`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, update_due, close_due) VALUES (@g, ${client}, ${issue}, ${riverside}, ${foodbank}, ${amira}, CURDATE() + INTERVAL 5 DAY, CURDATE() + INTERVAL 20 DAY); SET @r = LAST_INSERT_ID();` +
			`INSERT INTO referral_subscriptions (group_id, staff_id, acknowledged, closed, note_added, file_added) VALUES (@g, ${amira}, 1, 1, 1, 1);` +
			`INSERT INTO events (staff_id, organisation_id, action, subject_type, subject_id) VALUES (${amira}, ${riverside}, 'referral.sent', 'referral', @r);` +
			`SELECT @r;`,
	).trim();
	browser = await launchChromium();
});

after(async () => {
	await browser?.close();
	resetThrottle();
});

async function signedInPage(username) {
	const page = await (await browser.newContext()).newPage();
	page.setDefaultTimeout(15000);
	await page.goto(BASE_URL + '/signin');
	await page.getByLabel('Username', { exact: true }).fill(username);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
	return page;
}

async function click(page, locator) {
	await Promise.all([page.waitForNavigation(), locator.click()]);
}

describe('a referral followed to its end by receiver and sender', () => {
	it('the receiver finds it in Received, acknowledges, adds a note and a file, and closes it', async () => {
		const page = await signedInPage('tina');
		await click(page, page.getByRole('link', { name: 'Received', exact: true }));
		await page.getByLabel('Referral ID').fill(referralId);
		await click(page, page.getByRole('button', { name: 'Apply filters' }));
		await assertAccessible(page, 'the Received list');
		await click(page, page.getByRole('link', { name: `#${referralId}`, exact: true }));
		await page.getByRole('heading', { level: 1 }).waitFor();
		await assertAccessible(page, 'the referral, new');

		await click(page, page.getByRole('button', { name: 'Acknowledge' }));
		await page.getByText(`Referral ${referralId} acknowledged.`).waitFor();

		await page.getByLabel('Add a note').fill('Food parcel booked for Thursday.');
		await click(page, page.getByRole('button', { name: 'Add note' }));
		await page.getByText('Food parcel booked for Thursday.').waitFor();
		await page.getByLabel('Upload a file').setInputFiles({ name: 'voucher.txt', mimeType: 'text/plain', buffer: Buffer.from('voucher 123\n') });
		await click(page, page.getByRole('button', { name: 'Upload file' }));
		await page.getByRole('link', { name: 'voucher.txt' }).waitFor();
		await assertAccessible(page, 'the referral with a note and a file');

		const reason = one(`SELECT name FROM closure_reasons WHERE retired = 0 ORDER BY position LIMIT 1`);
		await page.getByLabel('Closure reason', { exact: true }).selectOption({ label: reason });
		await click(page, page.getByRole('button', { name: 'Close referral' }));
		await page.getByText(`Referral ${referralId} closed.`).waitFor();
		await assertAccessible(page, 'the referral, closed');
		assert.equal(one(`SELECT status FROM referrals WHERE id = ${referralId}`), 'closed');
	});

	it('the sender sees each update in the inbox and the referral Closed in Sent', async () => {
		const page = await signedInPage('amira');
		const subjects = dbRows(`SELECT kind FROM inbox_messages m JOIN staff s ON s.id = m.staff_id WHERE s.username = 'amira' AND m.link LIKE '%/referrals/${referralId}%' ORDER BY m.id`).map(([k]) => k);
		assert.deepEqual(subjects.sort(), ['referral_acknowledged', 'referral_closed', 'referral_file_added', 'referral_note_added']);
		await click(page, page.getByRole('link', { name: /^Inbox/ }));
		for (const label of ['Acknowledged', 'Closed', 'Note added', 'File added']) await page.getByText(label, { exact: true }).first().waitFor();
		await assertAccessible(page, 'the sender’s inbox');
		await click(page, page.getByRole('link', { name: 'Sent', exact: true }));
		await page.getByLabel('Referral ID').fill(referralId);
		await click(page, page.getByRole('button', { name: 'Apply filters' }));
		const row = page.getByRole('row').filter({ hasText: TAG });
		await row.getByText('Closed').first().waitFor();
		await assertAccessible(page, 'the Sent list');
	});
});
