// The sign-in journey in a real browser (Debian's Chromium driven by playwright-core):
// signed out → sign-in page → Home → switch organisation → sign out → signed out again.
// Every page is checked with axe-core (no serious or critical violations) and for
// Content-Security-Policy violations in the console.
//
// Runs against the test stack (tests/stack-suite.sh starts it); by hand:
//   scripts/stack start test && BASE_URL=http://127.0.0.1:18080/referrals node --test tests/browser/
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
// The HTTP tests' helpers: importing them takes the suite lock, so this file never runs
// while another one restarts the directory or the database.
import { BASE_URL, PASSWORD, resetThrottle } from '../http/lib.mjs';
import { launchChromium, assertAccessible as axeCheck } from './lib.mjs';


const USER = { username: 'ben', name: 'Ben Okafor' };
const ORGS = ['Northfield Council Housing Options', 'Eastbrook NHS Talking Therapies'];

let browser;
let context;
let page;
const consoleErrors = [];

before(async () => {
	browser = await launchChromium();
	context = await browser.newContext();
	page = await context.newPage();
	page.setDefaultTimeout(15000);
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(`${message.text()} (on ${page.url()})`);
	});
	page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
});

after(async () => {
	await browser?.close();
	// A wrong password below counts against the test address; leave nothing for the next file.
	resetThrottle();
});

// axe-core in the page. The CSP (script-src 'self') refuses the inline <script> that
// page.addScriptTag({ path }) would add, so the library is evaluated through the DevTools
// protocol instead, which the page's CSP does not govern; the page's own scripts still are.
async function assertAccessible(what) {
	return axeCheck(page, what);
}

// No console error from a CSP violation since the last check (and none at all from our scripts).
function assertNoCspErrors(what) {
	const errors = consoleErrors.splice(0);
	const csp = errors.filter((e) => /Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(e));
	assert.deepEqual(csp, [], `no CSP violations on ${what}`);
	const uncaught = errors.filter((e) => e.startsWith('uncaught:'));
	assert.deepEqual(uncaught, [], `no uncaught script errors on ${what}`);
}

async function assertPageChecks(what) {
	await page.waitForLoadState('load');
	// app.js (a module, so deferred) marks the page once govuk-frontend has started.
	await page.locator('body.govuk-frontend-supported').waitFor();
	assertNoCspErrors(what);
	await assertAccessible(what);
}

function heading(name) {
	return page.getByRole('heading', { level: 1, name, exact: true });
}

async function assertOnSignIn(what) {
	assert.match(new URL(page.url()).pathname, /\/signin$/, `${what}: on the sign-in page (${page.url()})`);
	await heading('Sign in').waitFor();
	assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0, `${what}: nobody is signed in`);
}

async function signIn(password) {
	await page.getByLabel('Username', { exact: true }).fill(USER.username);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
}

async function activeOrganisation() {
	return (await page.locator('header').getByText(/^Signed in as/).textContent()).replace(/\s+/g, ' ').trim();
}

describe('signing in and out in a browser', () => {
	it('sends a signed-out visitor to the sign-in page', async () => {
		await page.goto(BASE_URL + '/');
		await assertOnSignIn('opening the home page signed out');
		await assertPageChecks('the sign-in page');
	});

	it('shows an error summary for a wrong password, linked to the field', async () => {
		await signIn('not-the-password');
		await assertOnSignIn('after a wrong password');
		const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
		await summary.waitFor();
		assert.equal(await page.getByLabel('Username', { exact: true }).inputValue(), USER.username, 'the username is kept');
		assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '', 'the password is not echoed');
		assert.match(await page.title(), /^Error: /, 'the title says there is an error');
		await assertPageChecks('the sign-in page with an error');
		// govuk-frontend moves focus to the field when its summary link is followed.
		await summary.getByRole('link').first().click();
		const focused = await page.evaluate(() => document.activeElement?.id);
		assert.ok(['username', 'password'].includes(focused), `a summary link focuses its field (focused: ${focused})`);
		resetThrottle();
	});

	it('signs ben in to Home, showing his name and active organisation', async () => {
		await signIn(PASSWORD);
		await heading('Home').waitFor();
		assert.ok(!/\/signin$/.test(new URL(page.url()).pathname), `left the sign-in page (${page.url()})`);
		const main = (await page.locator('main').textContent()).replace(/\s+/g, ' ');
		assert.ok(main.includes(USER.name), `Home greets ${USER.name}: ${main}`);
		const who = await activeOrganisation();
		assert.ok(who.includes(USER.name), `the header names the user: ${who}`);
		assert.ok(ORGS.some((org) => who.includes(org)), `the header names an active organisation: ${who}`);
		await assertPageChecks('Home');
	});

	it('switches the active organisation with the organisation select', async () => {
		const before = await activeOrganisation();
		const current = ORGS.find((org) => before.includes(org));
		const other = ORGS.find((org) => org !== current);
		const select = page.getByLabel('Organisation', { exact: true });
		assert.equal(await select.locator('option').count(), 2, 'ben can choose between his two organisations');
		await select.selectOption({ label: other });
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Switch organisation' }).click()]);
		await heading('Home').waitFor();
		const after = await activeOrganisation();
		assert.ok(after.includes(other), `now working for ${other}: ${after}`);
		assert.ok(!after.includes(current), `no longer working for ${current}: ${after}`);
		const selected = await page.getByLabel('Organisation', { exact: true }).evaluate((s) => s.options[s.selectedIndex].text);
		assert.equal(selected, other, 'the select shows the new active organisation');
		await assertPageChecks('Home after switching organisation');
	});

	it('signs out back to the sign-in page, and stays signed out', async () => {
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign out' }).click()]);
		await assertOnSignIn('after signing out');
		await assertPageChecks('the sign-in page after signing out');
		await page.goto(BASE_URL + '/');
		await assertOnSignIn('opening the home page after signing out');
		assertNoCspErrors('the sign-in page after signing out');
	});
});
