// Notes and files in a real browser: the receiver of a referral opens its notes and files
// page, is told off for an empty note, adds a note, uploads a file and sees it listed; then
// adds a client note. axe-core on every page (no serious or critical violations).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, PASSWORD, resetThrottle, db, dbRows, sqlString, Browser } from '../http/lib.mjs';
import { launchChromium, assertAccessible } from './lib.mjs';

const TAG = 'NB' + Date.now().toString(36).slice(-5);
const SENDER = `${TAG} Sending Advice`;
const RECEIVER = `${TAG} Receiving Housing`;
let browser, page, referral, client;

function one(sql) {
	return dbRows(sql)[0][0];
}

before(async () => {
	resetThrottle();
	for (const name of [SENDER, RECEIVER]) db(`INSERT INTO organisations (name, active, accepting, all_genders, all_local_authorities) VALUES (${sqlString(name)}, 1, 1, 1, 1)`);
	const sender = one(`SELECT id FROM organisations WHERE name = ${sqlString(SENDER)}`);
	const receiver = one(`SELECT id FROM organisations WHERE name = ${sqlString(RECEIVER)}`);
	await new Browser().signIn('tina'); // the staff rows exist once signed in
	await new Browser().signIn('amira');
	const tina = one(`SELECT id FROM staff WHERE username = 'tina'`);
	const amira = one(`SELECT id FROM staff WHERE username = 'amira'`);
	db(`INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source) VALUES (${tina}, ${receiver}, 'manual')`);
	const res = await new Browser().post('/_test/clients', [['first_name', 'Browser'], ['last_name', 'Notesperson'], ['date_of_birth', '1990-01-15'], ['created_by', amira], ['org', sender], ['org', receiver]], { origin: null });
	assert.equal(res.status, 200, res.body);
	client = String(JSON.parse(res.body).id);
	const issue = one(`SELECT id FROM issues WHERE active = 1 ORDER BY position, id LIMIT 1`);
	referral = db(
		`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${client}, ${sender}, ${amira});` +
			`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id) VALUES (${client}, ${issue}, ${sender}, ${amira}, LAST_INSERT_ID());` +
			`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, update_due, close_due) VALUES (LAST_INSERT_ID(), ${client}, ${issue}, ${sender}, ${receiver}, ${amira}, CURDATE() + INTERVAL 5 DAY, CURDATE() + INTERVAL 20 DAY);` +
			`SELECT LAST_INSERT_ID();`,
	).trim();
	browser = await launchChromium();
	page = await (await browser.newContext()).newPage();
	page.setDefaultTimeout(15000);
});

after(async () => {
	await browser?.close();
	const orgs = `SELECT id FROM organisations WHERE name LIKE '${TAG}%'`;
	db(`DELETE FROM events WHERE subject_type = 'referral' AND subject_id = ${referral}`);
	db(`DELETE FROM events WHERE subject_type = 'client' AND subject_id = ${client}`);
	db(`DELETE FROM notes WHERE referral_id = ${referral} OR client_id = ${client}`);
	db(`DELETE FROM files WHERE referral_id = ${referral}`);
	db(`DELETE FROM staff_orgs WHERE organisation_id IN (${orgs}) AND source = 'manual'`);
	resetThrottle();
});

async function submit(name) {
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
}

async function checked(what) {
	await page.waitForLoadState('load');
	await page.locator('body.govuk-frontend-supported').waitFor();
	await assertAccessible(page, what);
}

describe('notes and files in the browser', () => {
	it('the receiver adds a note and a file to a referral, and a note to the client', async () => {
		await page.goto(BASE_URL + '/signin');
		await page.getByLabel('Username', { exact: true }).fill('tina');
		await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
		await submit('Sign in');
		await page.getByLabel('Organisation', { exact: true }).selectOption({ label: RECEIVER });
		await submit('Switch organisation');

		await page.goto(`${BASE_URL}/referrals/${referral}/notes`);
		await page.getByRole('heading', { level: 1, name: 'Notes and files' }).waitFor();
		await checked('the notes and files page');

		await submit('Add note');
		assert.equal(await page.getByRole('link', { name: 'Enter a note' }).count(), 1);
		await checked('the notes page with an error');

		await page.getByLabel('Add a note').fill('Called the client.\nThey will come in on Monday.');
		await submit('Add note');
		await page.getByText('Your note has been added').waitFor();
		await page.getByText('They will come in on Monday.').waitFor();
		await checked('the notes page after adding a note');

		await page.getByLabel('Upload a file').setInputFiles({ name: 'assessment.txt', mimeType: 'text/plain', buffer: Buffer.from('assessment notes\n') });
		await submit('Upload file');
		await page.getByText('Your file has been uploaded').waitFor();
		assert.equal(await page.getByRole('link', { name: 'assessment.txt' }).count(), 1);
		await checked('the notes page after uploading a file');

		await page.goto(`${BASE_URL}/clients/${client}/notes`);
		await page.getByRole('heading', { level: 1, name: 'Client notes' }).waitFor();
		await checked('the client notes page');
		await page.getByLabel('Add a note').fill('Prefers phone calls in the afternoon.');
		await submit('Add note');
		await page.getByText('Prefers phone calls in the afternoon.').waitFor();
		await checked('the client notes page after adding a note');
	});
});
