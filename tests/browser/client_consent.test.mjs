// In a real browser: a staff member edits a client's details from the profile (a mistake first,
// shown beside the field, then saved), sees the change in the profile's Changes; then, on a
// referral whose consent has expired (aged in SQL after the edit: while it has expired the
// client's details cannot be edited), sees the warning, follows Renew consent,
// records consent given by someone else and sees the details again. axe-core on every page.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
// importing the HTTP helpers takes the suite lock (see signin.test.mjs)
import { BASE_URL, PASSWORD, Browser, db, dbRows, sqlString, resetThrottle } from '../http/lib.mjs';
import { launchChromium, assertAccessible } from './lib.mjs';

const TAG = 'BC' + Date.now().toString(36).slice(-5);
const ORG = `${TAG} Browser Sending Advice`;
const RECEIVER = `${TAG} Browser Receiving Housing`;
let browser, context, page, orgId, receiverId, amira, client, referral, group;
const consoleErrors = [];

function one(sql) {
	return dbRows(sql)[0][0];
}

function cleanUp() {
	const orgIds = `SELECT id FROM organisations WHERE name LIKE '${TAG}%'`;
	db(`DELETE FROM events WHERE subject_type = 'client' AND subject_id IN (SELECT client_id FROM referral_groups WHERE sending_org_id IN (${orgIds}))`);
	db(`DELETE FROM events WHERE subject_type = 'referral' AND subject_id IN (SELECT id FROM (SELECT id FROM referrals WHERE sending_org_id IN (${orgIds})) x)`);
	db(`DELETE FROM referrals WHERE sending_org_id IN (${orgIds})`);
	db(`DELETE FROM referral_groups WHERE sending_org_id IN (${orgIds})`);
	db(`DELETE FROM consents WHERE organisation_id IN (${orgIds})`);
	db(`DELETE FROM staff_orgs WHERE organisation_id IN (${orgIds}) AND source = 'manual'`);
	db(`UPDATE organisations SET active = 0, accepting = 0 WHERE name LIKE '${TAG}%'`);
	resetThrottle();
}

before(async () => {
	resetThrottle();
	for (const name of [ORG, RECEIVER]) db(`INSERT INTO organisations (name, active, accepting, all_genders, all_local_authorities) VALUES (${sqlString(name)}, 1, 1, 1, 1)`);
	orgId = one(`SELECT id FROM organisations WHERE name = ${sqlString(ORG)}`);
	receiverId = one(`SELECT id FROM organisations WHERE name = ${sqlString(RECEIVER)}`);
	amira = one(`SELECT id FROM staff WHERE username = 'amira'`);
	db(`INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source) VALUES (${amira}, ${orgId}, 'manual')`);
	const gender = one(`SELECT id FROM reference_values WHERE list = 'gender' AND retired = 0 AND name NOT LIKE '%self-describe%' AND name <> 'Prefer not to say' ORDER BY position, id LIMIT 1`);
	const la = one(`SELECT id FROM local_authorities WHERE active = 1 ORDER BY name LIMIT 1`);
	const res = await new Browser().post(
		'/_test/clients',
		[['first_name', 'Brenda'], ['last_name', 'Browser' + TAG.replace(/[0-9]/g, (d) => 'abcdefghij'[d]).toLowerCase()], ['date_of_birth', '1970-01-15'],
			['email', `brenda@${TAG.toLowerCase()}.example`], ['phone', '07700900111'], ['gender_id', gender], ['address_line1', '3 Browser Road'],
			['postcode', 'LS1 1UR'], ['local_authority_id', la], ['created_by', amira], ['org', orgId], ['org', receiverId]],
		{ origin: null },
	);
	assert.equal(res.status, 200, res.body);
	client = String(JSON.parse(res.body).id);
	const issue = one(`SELECT id FROM issues WHERE active = 1 ORDER BY position, id LIMIT 1`);
	group = db(
		`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${client}, ${orgId}, ${amira});` +
			`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id) VALUES (${client}, ${issue}, ${orgId}, ${amira}, LAST_INSERT_ID());` +
			`SET @g = LAST_INSERT_ID();` +
			`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due) VALUES (@g, ${client}, ${issue}, ${orgId}, ${receiverId}, ${amira}, 'new', CURDATE() + INTERVAL 5 DAY, CURDATE() + INTERVAL 20 DAY);` +
			`SELECT @g;`,
	).trim();
	referral = one(`SELECT id FROM referrals WHERE group_id = ${group}`);
	browser = await launchChromium();
	context = await browser.newContext();
	page = await context.newPage();
	page.setDefaultTimeout(15000);
	page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`${m.text()} (on ${page.url()})`));
	page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
	await page.goto(BASE_URL + '/signin');
	await page.getByLabel('Username', { exact: true }).fill('amira');
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
	// the test organisation, active
	await page.locator('#account-organisation').selectOption(String(orgId));
	const switchButton = page.locator('form:has(#account-organisation) button');
	await Promise.all([page.waitForNavigation(), switchButton.click()]);
});

after(async () => {
	await context?.close();
	await browser?.close();
	cleanUp();
});

describe('editing a client and renewing consent', () => {
	it('edits the details from the profile, shows a mistake beside its field, then records the change', async () => {
		await page.goto(`${BASE_URL}/clients/${client}`);
		await assertAccessible(page, 'the client profile');
		await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: /Edit details/ }).click()]);
		await assertAccessible(page, 'the edit form');
		await page.getByLabel('Phone number', { exact: true }).fill('12');
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save changes' }).click()]);
		assert.ok(await page.locator('.govuk-error-summary').isVisible());
		await assertAccessible(page, 'the edit form with an error');
		await page.getByLabel('Phone number', { exact: true }).fill('07700 900 222');
		await page.getByLabel('Town or city (optional)').fill('Leeds');
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save changes' }).click()]);
		assert.match(page.url(), new RegExp(`/clients/${client}\\?saved=2$`));
		const changes = await page.locator('#changes').innerText();
		assert.match(changes, /Phone/);
		assert.match(changes, /07700900111/);
		assert.match(changes, /07700900222/);
		await assertAccessible(page, 'the profile after an edit');
	});

	it('shows the expired consent on the referral, and renews it', async () => {
		db(`UPDATE consents k JOIN referral_groups g ON g.consent_id = k.id SET k.recorded_at = UTC_TIMESTAMP() - INTERVAL 7300 DAY WHERE g.id = ${group}`);
		await page.goto(`${BASE_URL}/referrals/${referral}`);
		assert.match(await page.locator('#consent-expired').innerText(), /Consent expired on/);
		assert.doesNotMatch(await page.content(), /07700 ?900222/, 'the phone number is hidden');
		await assertAccessible(page, 'the referral with consent expired');
		await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Renew consent' }).click()]);
		await assertAccessible(page, 'the renew consent form');
		await page.getByLabel('Someone else on the client\'s behalf').check();
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Record consent' }).click()]);
		assert.ok(await page.locator('.govuk-error-summary').isVisible(), 'the confirmation and the consentor are required');
		await assertAccessible(page, 'the renew consent form with errors');
		await page.getByLabel(/The client has consented/).check();
		await page.getByLabel('Full name of the person who gave consent').fill('Mary Browser');
		await page.getByLabel('Their relationship to the client').fill('Daughter');
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Record consent' }).click()]);
		assert.match(page.url(), new RegExp(`/referrals/${referral}\\?done=consent$`));
		assert.equal(await page.locator('#consent-expired').count(), 0);
		assert.match(await page.locator('#client-details').innerText(), /07700 900222/, 'the phone number again, in its usual groups');
		await assertAccessible(page, 'the referral after renewing consent');
		// the two forms answered 400 on purpose (the mistakes); nothing else went wrong
		assert.deepEqual(consoleErrors.filter((e) => !/status of 400 \(Bad Request\)/.test(e)), []);
	});
});
