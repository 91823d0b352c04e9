// A manager adds a member of staff who then works (issue 13 point 7): mo, the Organisation
// manager of Riverside Citizens Advice (from his directory group), adds nina, who is in the
// directory but has never signed in and is in no group; she is listed as waiting; she signs
// in, is Riverside's staff at once, and sends a referral. axe-core on the staff pages.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, BASE_PATH, PASSWORD, db, dbRows, sqlString, resetThrottle } from '../http/lib.mjs';
import { launchChromium, assertAccessible } from './lib.mjs';

const STAMP = Date.now().toString(36).replace(/[0-9]/g, (d) => 'abcdefghij'[d]);
const PREFIX = `Orgstaffbrowser${STAMP}`;
const ISSUE = `${PREFIX} Welfare`;
const RECEIVER = `${PREFIX} Harbour Trust`;
const RIVERSIDE = 'Riverside Citizens Advice';
const LAST_NAME = `Staffadded-${PREFIX}`;

let browser;
const consoleErrors = [];
const one = (sql) => dbRows(sql)[0][0];

function cleanUp() {
	db(`DELETE FROM staff_pending WHERE username = 'nina'`);
	db(`DELETE so FROM staff_orgs so JOIN staff s ON s.id = so.staff_id WHERE s.username = 'nina'`);
	// nina has never signed in, as far as the application knows: a staff row left by an earlier
	// run (kept by the referrals she sent) is renamed out of her way
	db(`UPDATE staff SET username = CONCAT('nina-earlier-', id), directory_dn = NULL, active = 0 WHERE username = 'nina'`);
	db(`UPDATE issues SET active = 0 WHERE name LIKE 'Orgstaffbrowser%'`);
	db(`UPDATE organisations SET active = 0 WHERE name LIKE 'Orgstaffbrowser%'`);
	resetThrottle();
}

before(async () => {
	cleanUp();
	db(`INSERT INTO issues (name, description, position) VALUES (${sqlString(ISSUE)}, 'Help with benefits', 970)`);
	const issue = one(`SELECT id FROM issues WHERE name = ${sqlString(ISSUE)} ORDER BY id DESC LIMIT 1`);
	db(`INSERT INTO organisations (name, all_local_authorities) VALUES (${sqlString(RECEIVER)}, 1)`);
	const receiver = one(`SELECT id FROM organisations WHERE name = ${sqlString(RECEIVER)} ORDER BY id DESC LIMIT 1`);
	db(`INSERT INTO organisation_issues (organisation_id, issue_id) VALUES (${receiver}, ${issue})`);
	browser = await launchChromium();
});

after(async () => {
	await browser?.close();
	cleanUp();
});

async function newPage() {
	const page = await (await browser.newContext()).newPage();
	page.setDefaultTimeout(15000);
	page.on('console', (m) => {
		if (m.type() === 'error') consoleErrors.push(m.text());
	});
	page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
	return page;
}

async function checks(page, what) {
	await page.waitForLoadState('load');
	await page.locator('body.govuk-frontend-supported').waitFor();
	const errors = consoleErrors.splice(0);
	assert.deepEqual(errors.filter((e) => /Content Security Policy|Refused to|uncaught/.test(e)), [], `no CSP or script errors on ${what}`);
	await assertAccessible(page, what);
}

async function submit(page, name = 'Continue') {
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
}

async function signIn(page, username) {
	await page.goto(BASE_URL + '/signin');
	await page.getByLabel('Username', { exact: true }).fill(username);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await submit(page, 'Sign in');
}

describe('a manager adds a member of staff, who signs in and sends a referral', () => {
	it('mo opens the staff page from the header and adds nina by username', async () => {
		const page = await newPage();
		await signIn(page, 'mo');
		await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Organisation staff', exact: true }).click()]);
		await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
		await page.getByText(RIVERSIDE).first().waitFor();
		await checks(page, 'the organisation staff page');
		// someone the directory does not know: the form says so and keeps what was typed
		await page.getByLabel('Username or email address').fill('nobody-by-that-name');
		await submit(page, 'Add member of staff');
		await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
		assert.equal(await page.getByLabel('Username or email address').inputValue(), 'nobody-by-that-name');
		await checks(page, 'the staff page with an error');
		await page.getByLabel('Username or email address').fill('nina');
		await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Staff' });
		await submit(page, 'Add member of staff');
		await page.getByText('They join the organisation when they first sign in.').waitFor();
		const waiting = page.locator('#pending');
		await waiting.locator('td').filter({ hasText: 'Nina Newman' }).first().waitFor();
		await checks(page, 'the staff page with someone waiting');
	});

	it('nina signs in, is Riverside staff, and sends a referral', async () => {
		const page = await newPage();
		await signIn(page, 'nina');
		await page.getByText(RIVERSIDE).first().waitFor();
		await page.goto(BASE_URL + '/referrals/new');
		await page.getByLabel('First name', { exact: true }).fill('Ada');
		await page.getByLabel('Last name', { exact: true }).fill(LAST_NAME);
		const dob = page.getByRole('group', { name: /Date of birth/ });
		await dob.getByLabel('Day', { exact: true }).fill('3');
		await dob.getByLabel('Month', { exact: true }).fill('4');
		await dob.getByLabel('Year', { exact: true }).fill('1980');
		await submit(page, 'Search');
		await submit(page, 'Continue as a new client');
		await page.getByLabel('Gender', { exact: true }).selectOption({ label: 'Female' });
		await page.getByLabel('Phone number', { exact: true }).fill('01429 266 001');
		await submit(page);
		await page.getByLabel('Address line 1', { exact: true }).fill('4 Church Street');
		await page.getByLabel('Postcode', { exact: true }).fill('TS24 7DJ');
		await page.getByLabel('Residing local authority').selectOption({ label: 'Hartlepool' });
		await submit(page);
		await page.getByLabel('The client has consented to this referral and to their information being shared with the receiving organisations').check();
		await page.getByLabel('The client', { exact: true }).check();
		await submit(page);
		await page.getByRole('heading', { level: 1, name: 'Referral details' }).waitFor();
		await page.getByRole('checkbox', { name: ISSUE, exact: true }).check();
		await page.getByRole('radio', { name: 'No', exact: true }).check();
		await submit(page);
		await page.getByRole('heading', { level: 1, name: 'Receiving organisations' }).waitFor();
		await page.getByRole('group', { name: `Organisations to refer to for ${ISSUE}` }).getByRole('checkbox', { name: RECEIVER, exact: true }).check();
		await submit(page);
		// no questions for this issue: straight to the summary, or through an empty questionnaire
		if (await page.getByRole('heading', { level: 1, name: 'Questionnaire' }).count()) await submit(page);
		await page.getByRole('heading', { level: 1, name: 'Check your answers before sending' }).waitFor();
		await submit(page, 'Send referral');
		assert.match(page.url(), new RegExp(`${BASE_PATH}/clients/\\d+/referrals\\?sent=1$`));
		const rows = dbRows(
			`SELECT s.username, so.name, ro.name FROM referrals r JOIN staff s ON s.id = r.created_by
			 JOIN organisations so ON so.id = r.sending_org_id JOIN organisations ro ON ro.id = r.receiving_org_id
			 JOIN clients c ON c.id = r.client_id WHERE c.last_name = ${sqlString(LAST_NAME)}`,
		);
		assert.deepEqual(rows, [['nina', RIVERSIDE, RECEIVER]]);
	});

	it('mo sees nina among the staff, with her last sign-in', async () => {
		const page = await newPage();
		await signIn(page, 'mo');
		await page.goto(`${BASE_URL}/organisations/${one(`SELECT id FROM organisations WHERE name = ${sqlString(RIVERSIDE)}`)}/staff`);
		const row = page.locator('tr[data-staff="nina"]');
		await row.waitFor();
		assert.match(await row.innerText(), /Nina Newman[\s\S]*Staff, set here by Mo Patel/);
		assert.doesNotMatch(await row.innerText(), /Never/);
		assert.equal(await page.locator('#pending').count(), 0);
	});
});
