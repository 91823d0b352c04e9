// Administering organisations in a real browser: the administrator finds the organisations
// from the administration page, searches the list, adds an organisation (with an error on the
// way), then edits and deactivates it. Every page is checked with axe-core (no serious or
// critical violations) and for Content-Security-Policy violations in the console.
//
// Runs against the test stack (tests/stack-suite.sh starts it).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, PASSWORD, db, dbRows, sqlString, resetThrottle, organisationId } from '../http/lib.mjs';
import { launchChromium, assertAccessible as axeCheck } from './lib.mjs';


const ISSUE = 'Orgbrowser Welfare rights';
const LA = ['Orgbrowser Deltaham', 'E09990011'];
const NAME = 'Orgbrowser Welfare Rights Service';

let browser;
let page;
const consoleErrors = [];

function cleanUp() {
	const ids = dbRows(`SELECT id FROM organisations WHERE name LIKE 'Orgbrowser%'`).map((r) => r[0]);
	if (ids.length) {
		db(`DELETE FROM staff_orgs WHERE organisation_id IN (${ids.join(',')})`);
		db(`DELETE FROM directory_groups WHERE organisation_id IN (${ids.join(',')})`);
		db(`DELETE FROM organisations WHERE id IN (${ids.join(',')})`);
	}
	db(`DELETE FROM organisation_issues WHERE issue_id IN (SELECT id FROM issues WHERE name LIKE 'Orgbrowser%')`);
	db(`DELETE FROM issues WHERE name LIKE 'Orgbrowser%'`);
	db(`DELETE FROM organisation_local_authorities WHERE local_authority_id IN (SELECT id FROM local_authorities WHERE name LIKE 'Orgbrowser%')`);
	db(`DELETE FROM local_authorities WHERE name LIKE 'Orgbrowser%'`);
}

before(async () => {
	cleanUp();
	db(`INSERT INTO issues (name, position, active) VALUES (${sqlString(ISSUE)}, 990, 1)`);
	db(`INSERT INTO local_authorities (name, code) VALUES (${sqlString(LA[0])}, '${LA[1]}')`);
	browser = await launchChromium();
	page = await (await browser.newContext()).newPage();
	page.setDefaultTimeout(15000);
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(`${message.text()} (on ${page.url()})`);
	});
	page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
});

after(async () => {
	await browser?.close();
	cleanUp();
	resetThrottle();
});

// axe-core evaluated through the DevTools protocol (the page's CSP refuses inline scripts).
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

function heading(name) {
	return page.getByRole('heading', { level: 1, name, exact: true });
}

async function click(role, name) {
	await Promise.all([page.waitForNavigation(), page.getByRole(role, { name, exact: true }).click()]);
}

describe('an administrator manages organisations in a browser', () => {
	it('signs in and finds the organisations from the administration page', async () => {
		await page.goto(BASE_URL + '/signin');
		await page.getByLabel('Username', { exact: true }).fill('admin');
		await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
		await click('button', 'Sign in');
		await page.goto(BASE_URL + '/admin');
		await click('link', 'Organisations');
		await heading('Organisations').waitFor();
		await assertPageChecks('the list of organisations');
		const table = page.getByRole('table');
		assert.ok((await table.getByRole('row').count()) > 1, 'organisations are listed');
	});

	it('searches the list by name', async () => {
		await page.getByLabel('Search by name', { exact: true }).fill('food bank');
		await click('button', 'Search');
		await page.getByRole('link', { name: 'Southgate Food Bank', exact: true }).waitFor();
		assert.equal(await page.getByRole('link', { name: 'Riverside Citizens Advice', exact: true }).count(), 0);
		await assertPageChecks('a search of the organisations');
	});

	// issue 13: an administrator reaches any organisation's staff page from its row
	it('opens an organisation\'s staff page from its row, and comes back', async () => {
		await click('link', 'Staff and roles of Southgate Food Bank');
		await heading('Staff').waitFor();
		assert.match(page.url(), new RegExp(`/organisations/${organisationId('Southgate Food Bank')}/staff$`));
		assert.equal((await page.locator('main .govuk-caption-l').first().textContent()).trim(), 'Southgate Food Bank');
		await assertPageChecks('an organisation\'s staff page, from the list');
		await page.goBack();
		await page.getByRole('link', { name: 'Southgate Food Bank', exact: true }).waitFor();
	});

	it('adds an organisation, after correcting an upside-down age range', async () => {
		await click('button', 'Add an organisation');
		await heading('Add an organisation').waitFor();
		await assertPageChecks('the form to add an organisation');

		await page.getByLabel('Name', { exact: true }).fill(NAME);
		await page.getByLabel('Description (optional)', { exact: true }).fill('Help with benefit claims and appeals.');
		await page.getByLabel('Email address (optional)', { exact: true }).fill('advice@welfare.example.org');
		await page.getByLabel('Phone number (optional)', { exact: true }).fill('01632 960 555');
		await page.getByLabel('Address (optional)', { exact: true }).fill('5 Bridge Street\nRiverside');
		await page.getByLabel('Website (optional)', { exact: true }).fill('https://welfare.example.org');
		await page.getByLabel('Capacity (optional)', { exact: true }).fill('10');
		await page.getByLabel(ISSUE, { exact: true }).check();
		await page.getByLabel('Minimum age (optional)', { exact: true }).fill('65');
		await page.getByLabel('Maximum age (optional)', { exact: true }).fill('18');
		await page.getByLabel('Only the genders chosen below', { exact: true }).check();
		await page.getByLabel('Female', { exact: true }).check();
		await page.getByLabel('Only the local authorities chosen below', { exact: true }).check();
		await page.getByLabel(LA[0], { exact: true }).check();
		await page.getByLabel('Directory groups (optional)', { exact: true }).fill('cn=welfare-rights,ou=groups,dc=example,dc=org');
		await click('button', 'Add organisation');

		const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
		await summary.waitFor();
		assert.match(await summary.textContent(), /Minimum age must be the same as or less than the maximum age \(18\)/);
		assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), NAME, 'what was typed is kept');
		assert.ok(await page.getByLabel(ISSUE, { exact: true }).isChecked(), 'the ticked issue stays ticked');
		assert.ok(await page.getByLabel(LA[0], { exact: true }).isChecked(), 'the ticked local authority stays ticked');
		await assertPageChecks('the form to add an organisation, with an error');
		await summary.getByRole('link').first().click();
		assert.equal(await page.evaluate(() => document.activeElement?.id), 'min_age', 'the summary link focuses the field');

		await page.getByLabel('Minimum age (optional)', { exact: true }).fill('18');
		await page.getByLabel('Maximum age (optional)', { exact: true }).fill('65');
		await click('button', 'Add organisation');
		await page.getByText('Organisation added').waitFor();
		await heading(NAME).waitFor();
		await assertPageChecks('the organisation just added');
		assert.match(await page.locator('main').textContent(), /0 open referrals/);
		const [row] = dbRows(`SELECT contact_phone, min_age, max_age, capacity, all_genders FROM organisations WHERE name = ${sqlString(NAME)}`);
		assert.deepEqual(row, ['01632960555', '18', '65', '10', '0']);
	});

	it('deactivates it, and the list says so', async () => {
		await page.getByLabel('Inactive', { exact: true }).check();
		await click('button', 'Save changes');
		await page.getByText('Changes saved').waitFor();
		assert.ok(await page.getByLabel('Inactive', { exact: true }).isChecked());
		await assertPageChecks('the organisation after saving');
		await click('link', 'Back');
		await page.getByLabel('Search by name', { exact: true }).fill('Orgbrowser');
		await click('button', 'Search');
		const row = page.getByRole('row').filter({ hasText: NAME });
		assert.match((await row.textContent()).replace(/\s+/g, ' '), /Inactive/);
		await assertPageChecks('the list with an inactive organisation');
	});
});
