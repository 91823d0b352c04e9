// Staff administration and the audit log in a real browser (Debian's Chromium driven by
// playwright-core), as the administrator, with staff members signed in beside in their own
// browser contexts: a manual membership reaches amira's open session at once, and deactivating
// ben ends his session and keeps him out until he is reactivated. axe-core runs on every page
// (no serious or critical violations), and no page breaks the Content-Security-Policy.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
// importing the HTTP helpers takes the suite lock (see signin.test.mjs)
import { BASE_URL, PASSWORD, db, resetThrottle } from '../http/lib.mjs';
import { launchChromium, assertAccessible as axeCheck } from './lib.mjs';


const SOUTHGATE = 'Southgate Food Bank';
const RIVERSIDE = 'Riverside Citizens Advice';

let browser;
const consoleErrors = [];

function cleanUp() {
	db(`DELETE so FROM staff_orgs so JOIN staff s ON s.id = so.staff_id WHERE s.username IN ('amira', 'ben') AND so.source = 'manual'`);
	db(`UPDATE staff SET active = 1 WHERE username IN ('amira', 'ben', 'admin')`);
	resetThrottle();
}

// A signed-in browser context of its own (its own cookies) for one person.
async function personPage(username) {
	const context = await browser.newContext();
	const page = await context.newPage();
	page.setDefaultTimeout(15000);
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(`${message.text()} (on ${page.url()})`);
	});
	page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
	await page.goto(BASE_URL + '/signin');
	await signIn(page, username);
	return page;
}

async function signIn(page, username) {
	await page.getByLabel('Username', { exact: true }).fill(username);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
}

let admin;

before(async () => {
	cleanUp();
	browser = await launchChromium();
	admin = await personPage('admin');
	// amira's directory memberships come with her first sign-in: make sure it has happened,
	// whichever test files ran before this one
	await (await personPage('amira')).close();
});

after(async () => {
	await browser?.close();
	cleanUp();
});

async function assertAccessible(page, what) {
	return axeCheck(page, what);
}

function assertNoScriptErrors(what) {
	const errors = consoleErrors.splice(0);
	const csp = errors.filter((e) => /Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(e));
	assert.deepEqual(csp, [], `no CSP violations on ${what}`);
	assert.deepEqual(errors.filter((e) => e.startsWith('uncaught:')), [], `no uncaught script errors on ${what}`);
}

async function checkPage(page, what) {
	await page.waitForLoadState('load');
	await page.locator('body.govuk-frontend-supported').waitFor();
	assertNoScriptErrors(what);
	await assertAccessible(page, what);
}

function heading(page, name) {
	return page.getByRole('heading', { level: 1, name, exact: true });
}

async function click(page, locator) {
	await Promise.all([page.waitForNavigation(), locator.click()]);
}

async function openStaff(name, search) {
	await admin.goto(BASE_URL + '/admin');
	await click(admin, admin.getByRole('link', { name: 'Staff', exact: true }));
	await heading(admin, 'Staff').waitFor();
	await admin.getByLabel('Search by name or username').fill(search);
	await click(admin, admin.getByRole('button', { name: 'Search' }));
	await click(admin, admin.getByRole('link', { name, exact: true }));
	await heading(admin, name).waitFor();
}

// The organisations in a person's account-bar switcher (none when there is no switcher).
async function switcherOptions(page) {
	const select = page.getByRole('banner').getByLabel('Organisation', { exact: true });
	if ((await select.count()) === 0) return [];
	return (await select.locator('option').allTextContents()).map((s) => s.trim()).sort();
}

describe('staff administration in a browser', () => {
	it('lists and searches staff', async () => {
		await admin.goto(BASE_URL + '/admin');
		await click(admin, admin.getByRole('link', { name: 'Staff', exact: true }));
		await heading(admin, 'Staff').waitFor();
		const table = admin.getByRole('table', { name: /Staff/ });
		await table.getByRole('link', { name: 'Amira Khan' }).waitFor();
		await checkPage(admin, 'the staff list');
		await admin.getByLabel('Search by name or username').fill('okafor');
		await click(admin, admin.getByRole('button', { name: 'Search' }));
		await table.getByRole('link', { name: 'Ben Okafor' }).waitFor();
		assert.equal(await table.getByRole('link', { name: 'Amira Khan' }).count(), 0, 'the search leaves amira out');
		await checkPage(admin, 'the staff list, searched');
	});

	it('shows one person, with where each membership comes from', async () => {
		await openStaff('Amira Khan', 'amira');
		const memberships = admin.getByRole('table', { name: /Their organisations/ });
		await memberships.getByRole('cell', { name: RIVERSIDE }).waitFor();
		assert.match(await memberships.textContent(), /cn=riverside-advice,ou=groups,dc=example,dc=org/);
		await checkPage(admin, 'a staff member’s page');
	});

	it('explains a missing choice beside the field', async () => {
		await click(admin, admin.getByRole('button', { name: 'Add manual membership' }));
		const summary = admin.getByRole('alert').filter({ hasText: 'There is a problem' });
		await summary.waitFor();
		assert.match(await admin.title(), /^Error: /);
		await checkPage(admin, 'a staff member’s page with an error');
		await summary.getByRole('link').first().click();
		assert.equal(await admin.evaluate(() => document.activeElement?.id), 'organisation_id', 'the summary link focuses the select');
	});

	it('adds amira to Southgate Food Bank: her open page gets both organisations, then removes it', async () => {
		const amira = await personPage('amira');
		assert.deepEqual(await switcherOptions(amira), [], 'one organisation: no switcher');

		await admin.getByRole('main').getByLabel('Organisation', { exact: true }).selectOption({ label: SOUTHGATE });
		await click(admin, admin.getByRole('button', { name: 'Add manual membership' }));
		await admin.getByRole('alert').filter({ hasText: 'Manual membership added' }).waitFor();
		await checkPage(admin, 'a staff member’s page after adding a membership');

		await amira.reload();
		assert.deepEqual(await switcherOptions(amira), [RIVERSIDE, SOUTHGATE], 'both organisations, without signing in again');

		await click(admin, admin.getByRole('button', { name: `Remove manual membership of ${SOUTHGATE}` }));
		await admin.getByRole('alert').filter({ hasText: 'Manual membership removed' }).waitFor();
		await checkPage(admin, 'a staff member’s page after removing a membership');
		await amira.reload();
		assert.deepEqual(await switcherOptions(amira), [], 'back to one organisation');
		await amira.context().close();
	});

	it('deactivates ben: his open session ends and he cannot sign in until reactivated', async () => {
		const ben = await personPage('ben');
		await heading(ben, 'Home').waitFor();

		await openStaff('Ben Okafor', 'ben');
		await click(admin, admin.getByRole('button', { name: 'Deactivate Ben Okafor' }));
		await admin.getByRole('alert').filter({ hasText: 'Deactivated' }).waitFor();
		await checkPage(admin, 'a deactivated staff member’s page');

		await ben.goto(BASE_URL + '/');
		await heading(ben, 'Sign in').waitFor();
		assert.match(new URL(ben.url()).pathname, /\/signin$/, 'his next request goes to sign-in');
		await signIn(ben, 'ben');
		await ben.getByRole('alert').filter({ hasText: 'Your account has been deactivated' }).waitFor();
		await heading(ben, 'Sign in').waitFor();

		await click(admin, admin.getByRole('button', { name: 'Reactivate Ben Okafor' }));
		await admin.getByRole('alert').filter({ hasText: 'Reactivated' }).waitFor();
		await checkPage(admin, 'a reactivated staff member’s page');
		await signIn(ben, 'ben');
		await heading(ben, 'Home').waitFor();
		await ben.context().close();
	});

	it('does not offer administrators a way to deactivate themselves', async () => {
		await openStaff('Sam Admin', 'admin');
		assert.equal(await admin.getByRole('button', { name: /Deactivate/ }).count(), 0);
		await admin.getByText('You cannot deactivate it yourself', { exact: false }).waitFor();
		await checkPage(admin, 'the administrator’s own page');
	});
});

describe('the audit log in a browser', () => {
	it('shows the changes just made, filtered by area, with the filters in the address', async () => {
		await admin.goto(BASE_URL + '/admin');
		await click(admin, admin.getByRole('link', { name: 'Audit log' }));
		await heading(admin, 'Audit log').waitFor();
		await checkPage(admin, 'the audit log');

		await admin.getByLabel('Action', { exact: true }).selectOption({ label: 'Administration: Staff' });
		await click(admin, admin.getByRole('button', { name: 'Apply filters' }));
		assert.equal(new URL(admin.url()).searchParams.get('action'), 'admin.staff.', 'the filter is in the address');
		const events = admin.getByRole('table', { name: /Events/ });
		for (const label of ['Staff: deactivated', 'Staff: reactivated', 'Staff: manual membership added', 'Staff: manual membership removed']) {
			await events.getByRole('cell', { name: label, exact: true }).first().waitFor();
		}
		assert.equal(await events.getByRole('cell', { name: 'Signed in', exact: true }).count(), 0, 'sign-ins are filtered out');
		await checkPage(admin, 'the audit log filtered by area');

		// a bookmark brings the same view back
		const bookmark = admin.url();
		await admin.goto(bookmark);
		assert.equal(await admin.getByLabel('Action', { exact: true }).evaluate((s) => s.options[s.selectedIndex].text), 'Administration: Staff');
	});

	it('explains a date that is not real, keeping it', async () => {
		const from = admin.getByRole('group', { name: 'From date' });
		await from.getByLabel('Day').fill('31');
		await from.getByLabel('Month').fill('2');
		await from.getByLabel('Year').fill('2026');
		await click(admin, admin.getByRole('button', { name: 'Apply filters' }));
		const summary = admin.getByRole('alert').filter({ hasText: 'There is a problem' });
		await summary.getByText('From date must be a real date').waitFor();
		assert.equal(await from.getByLabel('Day').inputValue(), '31');
		await checkPage(admin, 'the audit log with a date error');
	});
});
