// The whole referral journey in a real browser (Debian's Chromium driven by playwright-core), as
// a staff member would do it, by labels and roles: find the client (none found: a new one),
// client details, address, consent (given by someone else), referral details, receiving
// organisations, questionnaire, the summary with a Back link and a Change link that comes back
// to it, the inbox opt-in, and Send: the client's Referrals tab, with one referral per
// organisation × issue in the database. Then a second referral for the same client, found by
// the find step. Every page is checked with axe-core (no serious or critical violations) and
// for Content-Security-Policy violations.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, BASE_PATH, PASSWORD, db, dbRows, sqlString, resetThrottle } from '../http/lib.mjs';
import { launchChromium, assertAccessible as axeCheck } from './lib.mjs';


const PREFIX = 'Jsbrowser';
const HOUSING = `${PREFIX} Housing`;
const DEBT = `${PREFIX} Debt`;
const ORGS = [`${PREFIX} Harbour Trust`, `${PREFIX} Money Hub`];
const LAST_NAME = `Sendtest-${PREFIX}`;

let browser;
let page;
const consoleErrors = [];
let clientId;

const one = (sql) => dbRows(sql)[0][0];
const count = (sql) => Number(one(sql));

function createFixtures() {
	db(`INSERT INTO issues (name, description, position) VALUES (${sqlString(HOUSING)}, 'Somewhere to live', 960), (${sqlString(DEBT)}, 'Money worries', 961)`);
	const housing = one(`SELECT id FROM issues WHERE name = ${sqlString(HOUSING)}`);
	const debt = one(`SELECT id FROM issues WHERE name = ${sqlString(DEBT)}`);
	db(`INSERT INTO questions (issue_id, position, kind, text, required) VALUES (${housing}, 1, 'text', ${sqlString(`${PREFIX}: Where are they staying?`)}, 1), (${housing}, 2, 'yes_no', ${sqlString(`${PREFIX}: Any children?`)}, 1), (${debt}, 1, 'long_text', ${sqlString(`${PREFIX}: Which debts?`)}, 0)`);
	for (const name of ORGS) db(`INSERT INTO organisations (name, all_local_authorities) VALUES (${sqlString(name)}, 1)`);
	const [harbour, money] = ORGS.map((n) => one(`SELECT id FROM organisations WHERE name = ${sqlString(n)}`));
	db(`INSERT INTO organisation_issues (organisation_id, issue_id) VALUES (${harbour}, ${housing}), (${money}, ${housing}), (${money}, ${debt})`);
}

function retireFixtures() {
	// the referrals made stay (they are records); the fixtures stop being offered
	db(`UPDATE issues SET active = 0 WHERE name LIKE '${PREFIX}%'`);
	db(`UPDATE organisations SET active = 0 WHERE name LIKE '${PREFIX}%'`);
}

before(async () => {
	createFixtures();
	browser = await launchChromium();
	const context = await browser.newContext();
	page = await context.newPage();
	page.setDefaultTimeout(15000);
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(`${message.text()} (on ${page.url()})`);
	});
	page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
});

after(async () => {
	await browser?.close();
	retireFixtures();
	resetThrottle();
});

// axe-core evaluated through the DevTools protocol: the page's CSP refuses inline scripts.
async function assertAccessible(what) {
	return axeCheck(page, what);
}

async function assertPageChecks(what) {
	await page.waitForLoadState('load');
	await page.locator('body.govuk-frontend-supported').waitFor();
	const errors = consoleErrors.splice(0);
	assert.deepEqual(errors.filter((e) => /Content Security Policy|Refused to/i.test(e)), [], `no CSP violations on ${what}`);
	assert.deepEqual(errors.filter((e) => e.startsWith('uncaught:')), [], `no script errors on ${what}`);
	await assertAccessible(what);
}

const heading = (name) => page.getByRole('heading', { level: 1, name, exact: true });

async function submit(name = 'Continue') {
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
}

async function follow(link) {
	await Promise.all([page.waitForNavigation(), link.click()]);
}

async function onStep(title) {
	await heading(title).waitFor();
	await assertPageChecks(title);
}

// The value of a row of a summary list, by its key.
async function rowValue(key) {
	const row = page.locator('.govuk-summary-list__row').filter({ has: page.locator('dt', { hasText: new RegExp(`^\\s*${key}\\s*$`) }) }).first();
	return (await row.locator('.govuk-summary-list__value').innerText()).trim();
}

async function fillDate(group, day, month, year) {
	await group.getByLabel('Day', { exact: true }).fill(day);
	await group.getByLabel('Month', { exact: true }).fill(month);
	await group.getByLabel('Year', { exact: true }).fill(year);
}

describe('a referral from start to send, in a browser', () => {
	it('signs in and starts a referral', async () => {
		await page.goto(BASE_URL + '/signin');
		await page.getByLabel('Username', { exact: true }).fill('amira');
		await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
		await submit('Sign in');
		await page.goto(BASE_URL + '/referrals/new'); // the find step itself (issue 12)
	});

	it('finds no client and continues with a new one', async () => {
		await onStep('Find the client');
		await page.getByLabel('First name', { exact: true }).fill('Morwenna');
		await page.getByLabel('Last name', { exact: true }).fill(LAST_NAME);
		await fillDate(page.getByRole('group', { name: /Date of birth/ }), '9', '10', '1979');
		await submit('Search');
		await page.getByText('No client matches these details').waitFor();
		await assertPageChecks('the search results');
		await submit('Continue as a new client');
	});

	it('takes the client details and address', async () => {
		await onStep('Client details');
		assert.equal(await page.getByLabel('Last name', { exact: true }).inputValue(), LAST_NAME, 'the search carried over');
		await page.getByLabel('Title (optional)').selectOption({ label: 'Mrs' });
		await page.getByLabel('Gender', { exact: true }).selectOption({ label: 'Female' });
		await page.getByLabel('Email address (optional)').fill('morwenna@example.org');
		await page.getByLabel('Phone number', { exact: true }).fill('07700 900456');
		await page.getByRole('group', { name: /How the client agrees to be contacted/ }).getByLabel('Email', { exact: true }).check();
		await page.getByLabel('NHS number (optional)').fill('943 476 5919');
		await submit();
		await onStep('Address and local authority');
		await page.getByLabel('Address line 1', { exact: true }).fill('7 Quay Street');
		await page.getByLabel('Postcode', { exact: true }).fill('TS24 8AY');
		await page.getByLabel('Residing local authority').selectOption({ label: 'Hartlepool' });
		await submit();
	});

	it('records consent given by someone else, name and relationship required', async () => {
		await onStep('Consent');
		await page.getByLabel('The client has consented to this referral and to their information being shared with the receiving organisations').check();
		await page.getByLabel("Someone else on the client's behalf").check();
		const name = page.getByLabel('Full name of the person who gave consent');
		await name.waitFor({ state: 'visible' }); // revealed under the choice
		await submit();
		await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
		await assertPageChecks('consent with errors');
		assert.ok(await page.getByLabel("Someone else on the client's behalf").isChecked(), 'the choice is kept');
		await page.getByLabel('Full name of the person who gave consent').fill('Kerensa Pascoe');
		await page.getByLabel('Their relationship to the client').fill('Sister');
		await submit();
	});

	it('takes the referral details, receivers and answers', async () => {
		await onStep('Referral details');
		await page.getByRole('checkbox', { name: HOUSING, exact: true }).check();
		await page.getByRole('checkbox', { name: DEBT, exact: true }).check();
		await page.getByRole('radio', { name: 'No', exact: true }).check();
		await submit();
		await onStep('Receiving organisations');
		const housing = page.getByRole('group', { name: `Organisations to refer to for ${HOUSING}` });
		await housing.getByRole('checkbox', { name: ORGS[0], exact: true }).check();
		await housing.getByRole('checkbox', { name: ORGS[1], exact: true }).check();
		await page.getByRole('group', { name: `Organisations to refer to for ${DEBT}` }).getByRole('checkbox', { name: ORGS[1], exact: true }).check();
		await submit();
		await onStep('Questionnaire');
		await page.getByLabel(`${PREFIX}: Where are they staying?`).fill('With a friend');
		await page.getByRole('group', { name: `${PREFIX}: Any children?` }).getByLabel('No', { exact: true }).check();
		await submit();
	});

	it('shows everything on the summary, with Back and Change links', async () => {
		await onStep('Check your answers before sending');
		assert.equal(await rowValue('Name'), `Mrs Morwenna ${LAST_NAME}`);
		assert.match(await rowValue('Date of birth'), /^9 October 1979 \(age \d+\)$/);
		assert.equal(await rowValue('Gender'), 'Female');
		assert.equal(await rowValue('Local authority'), 'Hartlepool');
		assert.equal(await rowValue('Sending organisation'), 'Riverside Citizens Advice');
		assert.equal(await rowValue('Urgent'), 'No');
		assert.match(await rowValue('Update within'), /^\d+ working days, by \d{1,2} [A-Z][a-z]+ \d{4}$/);
		await page.getByText('3 referrals will be sent').waitFor();
		assert.equal(await rowValue('Relationship to the client'), 'Sister');

		// Back goes to the questionnaire, with the answers kept
		await follow(page.getByRole('link', { name: 'Back', exact: true }));
		await onStep('Questionnaire');
		assert.equal(await page.getByLabel(`${PREFIX}: Where are they staying?`).inputValue(), 'With a friend');
		await submit();
		await onStep('Check your answers before sending');

		// Change the urgency: the details page, then straight back here
		await follow(page.getByRole('link', { name: 'Change Urgent', exact: true }));
		await onStep('Referral details');
		assert.match(page.url(), /\/details\?change=1$/);
		await page.getByRole('radio', { name: 'Yes', exact: true }).check();
		await submit();
		await onStep('Check your answers before sending');
		assert.equal(await rowValue('Urgent'), 'Yes');
	});

	it('sends, and shows the client’s Referrals tab', async () => {
		await page.getByLabel('A note is added to a referral').check();
		await submit('Send referral');
		const m = page.url().match(new RegExp(`${BASE_PATH}/clients/(\\d+)/referrals\\?sent=1$`));
		assert.ok(m, `on the client's Referrals tab: ${page.url()}`);
		clientId = m[1];
		assert.equal(count(`SELECT COUNT(*) FROM clients WHERE id = ${clientId} AND last_name = ${sqlString(LAST_NAME)}`), 1);
		const referrals = dbRows(
			`SELECT i.name, o.name, r.urgent FROM referrals r JOIN issues i ON i.id = r.issue_id JOIN organisations o ON o.id = r.receiving_org_id WHERE r.client_id = ${clientId} ORDER BY i.name, o.name`,
		);
		assert.deepEqual(referrals, [
			[DEBT, ORGS[1], '1'],
			[HOUSING, ORGS[0], '1'],
			[HOUSING, ORGS[1], '1'],
		]);
		assert.equal(count(`SELECT COUNT(*) FROM referral_groups WHERE client_id = ${clientId}`), 2);
		assert.deepEqual(dbRows(`SELECT given_by_client, consentor_name, consentor_relationship FROM consents WHERE client_id = ${clientId}`), [['0', 'Kerensa Pascoe', 'Sister']]);
		assert.equal(count(`SELECT COUNT(*) FROM referral_subscriptions s JOIN referral_groups g ON g.id = s.group_id WHERE g.client_id = ${clientId} AND s.note_added = 1 AND s.acknowledged = 0`), 2);
		// the page shows what was sent
		await assertPageChecks('the client’s Referrals tab');
		for (const org of ORGS) await page.getByText(org).first().waitFor();
		// Back in the browser, and Send again if the page offers it: nothing more is created
		await page.goBack();
		await page.waitForLoadState('load');
		if (await page.getByRole('button', { name: 'Send referral', exact: true }).count()) await submit('Send referral');
		assert.equal(count(`SELECT COUNT(*) FROM referrals WHERE client_id = ${clientId}`), 3);
		// the confirmation lists each new referral, and each link opens that referral (issue 12 point 2)
		const confirmation = `${BASE_URL}/clients/${clientId}/referrals?sent=1`;
		const sentIds = dbRows(`SELECT id FROM referrals WHERE client_id = ${clientId} ORDER BY id`).map((r) => r[0]);
		for (const id of sentIds) {
			await page.goto(confirmation);
			assert.deepEqual((await page.locator('#sent-referrals li').evaluateAll((items) => items.map((li) => li.dataset.referral))).sort(), [...sentIds].sort());
			await Promise.all([page.waitForNavigation(), page.locator(`#sent-referrals li[data-referral="${id}"] a`).click()]);
			assert.match(page.url(), new RegExp(`/referrals/${id}$`), `the confirmation's link to referral ${id}`);
			assert.equal((await page.locator('.govuk-caption-l').first().textContent()).trim(), `Referral ${id}`);
		}
	});

	it('refers the same client again, found by the search', async () => {
		await page.goto(BASE_URL + '/referrals/new');
		await onStep('Find the client');
		await page.getByLabel('First name', { exact: true }).fill('morwenna');
		await page.getByLabel('Last name', { exact: true }).fill(LAST_NAME.toUpperCase());
		await fillDate(page.getByRole('group', { name: /Date of birth/ }), '9', '10', '1979');
		await submit('Search');
		await assertPageChecks('the search results');
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /^Use this client/ }).first().click()]);
		// the client's details are theirs already: on to consent
		await onStep('Consent');
		await page.getByLabel('The client has consented to this referral and to their information being shared with the receiving organisations').check();
		await page.getByLabel('The client', { exact: true }).check();
		await submit();
		await onStep('Referral details');
		await page.getByRole('checkbox', { name: DEBT, exact: true }).check();
		await page.getByRole('radio', { name: 'No', exact: true }).check();
		await submit();
		await onStep('Receiving organisations');
		await page.getByRole('group', { name: `Organisations to refer to for ${DEBT}` }).getByRole('checkbox', { name: ORGS[1], exact: true }).check();
		await submit();
		await onStep('Questionnaire');
		await submit();
		await onStep('Check your answers before sending');
		assert.equal(await rowValue('Name'), `Mrs Morwenna ${LAST_NAME}`);
		assert.equal(await page.getByRole('link', { name: 'Change Name' }).count(), 0, 'a registered client is changed on their profile');
		await submit('Send referral');
		assert.ok(page.url().includes(`${BASE_PATH}/clients/${clientId}/referrals?sent=1`), page.url());
		assert.equal(count(`SELECT COUNT(*) FROM clients WHERE last_name = ${sqlString(LAST_NAME)}`), 1, 'still one client');
		assert.equal(count(`SELECT COUNT(*) FROM referrals WHERE client_id = ${clientId}`), 4);
	});
});
