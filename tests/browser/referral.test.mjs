// A referral from the receiver's side in a real browser (issue 4 points 1 and 2): tina of the
// food bank opens a referral sent to it, acknowledges it, tries to close it without a reason,
// then closes it with one. axe-core on every page (no serious or critical violations).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, PASSWORD, Browser, db, dbRows, sqlString, resetThrottle } from '../http/lib.mjs';
import { launchChromium, assertAccessible } from './lib.mjs';

const TAG = 'RB' + Date.now().toString(36).slice(-5);
const SENDER = `${TAG} Sending Advice`;
const RECEIVER = 'Southgate Food Bank';
let browser, page, referralId, reasonName;
const ids = {};

const one = (sql) => dbRows(sql)[0][0];

async function checks(what) {
	await page.waitForLoadState('load');
	await page.locator('body.govuk-frontend-supported').waitFor();
	await assertAccessible(page, what);
}

before(async () => {
	resetThrottle();
	db(`INSERT INTO organisations (name, active, accepting, all_genders, all_local_authorities) VALUES (${sqlString(SENDER)}, 1, 1, 1, 1)`);
	ids.sender = one(`SELECT id FROM organisations WHERE name = ${sqlString(SENDER)}`);
	ids.receiver = one(`SELECT id FROM organisations WHERE name = ${sqlString(RECEIVER)}`);
	ids.staff = one(`SELECT id FROM staff ORDER BY id LIMIT 1`);
	ids.issue = one(`SELECT id FROM issues WHERE active = 1 ORDER BY position, id LIMIT 1`);
	reasonName = one(`SELECT name FROM closure_reasons WHERE retired = 0 ORDER BY position, id LIMIT 1`);
	const res = await new Browser().post(
		'/_test/clients',
		[['first_name', 'Browsing'], ['last_name', 'Receiver'], ['date_of_birth', '1992-12-01'], ['email', `browser@${TAG.toLowerCase()}.example`], ['created_by', ids.staff], ['org', ids.sender], ['org', ids.receiver]],
		{ origin: null },
	);
	assert.equal(res.status, 200, res.body);
	ids.client = JSON.parse(res.body).id;
	referralId = db(
		`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${ids.client}, ${ids.sender}, ${ids.staff});` +
			`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id) VALUES (${ids.client}, ${ids.issue}, ${ids.sender}, ${ids.staff}, LAST_INSERT_ID());` +
			`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, update_due, close_due) VALUES (LAST_INSERT_ID(), ${ids.client}, ${ids.issue}, ${ids.sender}, ${ids.receiver}, ${ids.staff}, CURDATE() + INTERVAL 3 DAY, CURDATE() + INTERVAL 15 DAY);` +
			`SELECT LAST_INSERT_ID();`,
	).trim();
	browser = await launchChromium();
	page = await (await browser.newContext()).newPage();
	page.setDefaultTimeout(15000);
});

after(async () => {
	await browser?.close();
	db(`DELETE FROM events WHERE subject_type = 'referral' AND subject_id = ${referralId}`);
	db(`DELETE FROM referrals WHERE sending_org_id = ${ids.sender}`);
	db(`DELETE FROM referral_groups WHERE sending_org_id = ${ids.sender}`);
	db(`DELETE FROM consents WHERE organisation_id = ${ids.sender}`);
	db(`UPDATE organisations SET active = 0, accepting = 0 WHERE id = ${ids.sender}`);
	resetThrottle();
});

describe('a receiver works a referral in the browser', () => {
	it('signs in as tina of the food bank', async () => {
		await page.goto(BASE_URL + '/signin');
		await page.getByLabel('Username', { exact: true }).fill('tina');
		await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
		const select = page.getByLabel('Organisation', { exact: true });
		if ((await select.count()) > 0 && (await select.evaluate((s) => s.options[s.selectedIndex].text)) !== RECEIVER) {
			await select.selectOption({ label: RECEIVER });
			await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Switch organisation' }).click()]);
		}
	});

	it('opens the referral: the client, the status New and the actions a receiver has', async () => {
		await page.goto(`${BASE_URL}/referrals/${referralId}`);
		await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Browsing Receiver' }).waitFor();
		assert.equal(await page.locator('#referral-status .govuk-tag').first().textContent(), 'New');
		assert.equal(await page.getByRole('button', { name: 'Acknowledge' }).count(), 1);
		assert.equal(await page.getByRole('button', { name: 'Refuse' }).count(), 1);
		assert.equal(await page.getByRole('button', { name: 'Withdraw referral' }).count(), 0);
		await checks('the referral, New');
	});

	it('acknowledges it', async () => {
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Acknowledge' }).click()]);
		await page.getByText(`Referral ${referralId} acknowledged.`).waitFor();
		assert.equal(await page.locator('#referral-status .govuk-tag').first().textContent(), 'Acknowledged');
		assert.equal(await page.getByRole('button', { name: 'Acknowledge' }).count(), 0);
		assert.match(await page.locator('#timeline').textContent(), /Acknowledged[\s\S]*Tina Tester/);
		await checks('the referral, Acknowledged');
	});

	it('asks for a closure reason when none is chosen', async () => {
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Close referral' }).click()]);
		await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
		await checks('the referral, closing without a reason');
	});

	it('closes it with a reason', async () => {
		await page.getByLabel('Closure reason', { exact: true }).selectOption({ label: reasonName });
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Close referral' }).click()]);
		await page.getByText(`Referral ${referralId} closed.`).waitFor();
		assert.equal(await page.locator('#referral-status .govuk-tag').first().textContent(), 'Closed');
		assert.match(await page.locator('#referral-details').textContent(), new RegExp(`Closure reason\\s*${reasonName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
		assert.equal(one(`SELECT status FROM referrals WHERE id = ${referralId}`), 'closed');
		await checks('the referral, Closed');
	});
});
