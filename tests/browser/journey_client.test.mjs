// The client details and address steps of a new referral in a real browser (Debian's Chromium
// driven by playwright-core), as a staff member fills them: by labels, with a mistake the
// server points out, the postcode lookup button filling the town and local authority, and
// Back keeping everything. axe-core runs on every page (no serious or critical violations),
// and no page breaks the Content-Security-Policy.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
// importing the HTTP helpers takes the suite lock (see signin.test.mjs)
import { BASE_URL, PASSWORD, db, dbRows, resetThrottle } from '../http/lib.mjs';
import { launchChromium, assertAccessible as axeCheck } from './lib.mjs';


let browser;
let page;
let draftId;
const consoleErrors = [];

before(async () => {
	browser = await launchChromium();
	const context = await browser.newContext();
	page = await context.newPage();
	page.setDefaultTimeout(15000);
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(`${message.text()} (on ${page.url()})`);
	});
	page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
	await page.goto(BASE_URL + '/signin');
	await page.getByLabel('Username', { exact: true }).fill('amira');
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
});

after(async () => {
	await browser?.close();
	if (draftId) db(`DELETE FROM drafts WHERE id = ${Number(draftId)} AND sent_at IS NULL`);
	resetThrottle();
});

// axe-core in the page, evaluated through the DevTools protocol (the CSP refuses inline script).
async function assertAccessible(what) {
	return axeCheck(page, what);
}

function assertNoScriptErrors(what) {
	const errors = consoleErrors.splice(0);
	const csp = errors.filter((e) => /Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(e));
	assert.deepEqual(csp, [], `no CSP violations on ${what}`);
	assert.deepEqual(errors.filter((e) => e.startsWith('uncaught:')), [], `no uncaught script errors on ${what}`);
}

async function assertPageChecks(what) {
	await page.waitForLoadState('load');
	await page.locator('body.govuk-frontend-supported').waitFor();
	assertNoScriptErrors(what);
	await assertAccessible(what);
}

function heading(name) {
	return page.getByRole('heading', { level: 1, name, exact: true });
}

async function click(locator) {
	await Promise.all([page.waitForNavigation(), locator.click()]);
}

function laId(name) {
	return dbRows(`SELECT id FROM local_authorities WHERE name = '${name}'`)[0][0];
}

function ageOn(year, month, day) {
	const now = new Date();
	let age = now.getFullYear() - year;
	if (now.getMonth() + 1 < month || (now.getMonth() + 1 === month && now.getDate() < day)) age--;
	return age;
}

describe('a new client in a browser', () => {
	it('starts a referral and reaches the client details', async () => {
		// New referral opens the search; choosing a new client makes the draft (issue 12)
		await page.goto(BASE_URL + '/referrals/new');
		await page.getByLabel('First name', { exact: true }).fill('Browsing');
		await page.getByLabel('Last name', { exact: true }).fill('Newclient');
		const dob = page.getByRole('group', { name: /Date of birth/ });
		await dob.getByLabel('Day', { exact: true }).fill('2');
		await dob.getByLabel('Month', { exact: true }).fill('2');
		await dob.getByLabel('Year', { exact: true }).fill('1990');
		await click(page.getByRole('button', { name: 'Search', exact: true }));
		await click(page.getByRole('button', { name: 'Continue as a new client', exact: true }));
		draftId = page.url().match(/\/drafts\/(\d+)\//)?.[1];
		assert.ok(draftId, `a draft was started (${page.url()})`);
		// the find step is another page's business: go straight to the client's details
		await page.goto(`${BASE_URL}/drafts/${draftId}/client`);
		await heading('Client details').waitFor();
		await assertPageChecks('the client details');
	});

	it('shows what is wrong, beside each field and in the summary, keeping what was typed', async () => {
		await page.getByLabel('First name', { exact: true }).fill('Zoë');
		await page.getByLabel('Last name', { exact: true }).fill('O’Brien-Smith');
		await page.getByLabel('Day', { exact: true }).fill('31');
		await page.getByLabel('Month', { exact: true }).fill('2');
		await page.getByLabel('Year', { exact: true }).fill('1990');
		await page.getByLabel('Email', { exact: true }).check();
		await click(page.getByRole('button', { name: 'Continue' }));
		const summary = page.locator('.govuk-error-summary');
		await summary.waitFor();
		const problems = (await summary.textContent()).replace(/\s+/g, ' ');
		assert.match(problems, /Date of birth must be a real date/);
		assert.match(problems, /Select the client's gender/);
		assert.match(problems, /Enter an email address to contact the client by email/);
		assert.match(problems, /Enter a phone number/);
		assert.equal(await page.getByLabel('First name', { exact: true }).inputValue(), 'Zoë');
		assert.equal(await page.getByLabel('Last name', { exact: true }).inputValue(), 'O’Brien-Smith');
		assert.ok(await page.getByLabel('Email', { exact: true }).isChecked(), 'the permission stays ticked');
		await assertPageChecks('the client details with errors');
		// the summary's links lead to the fields
		await summary.getByRole('link', { name: 'Enter a phone number' }).click();
		assert.equal(await page.evaluate(() => document.activeElement.id), 'phone');
	});

	it('takes the corrected details and moves on to the address', async () => {
		await page.getByLabel('Title (optional)').selectOption({ label: 'Ms' });
		await page.getByLabel('Day', { exact: true }).fill('5');
		await page.getByLabel('Month', { exact: true }).fill('3');
		await page.getByLabel('Pronouns (optional)').selectOption({ label: 'she/her' });
		await page.getByLabel('Gender', { exact: true }).selectOption({ label: 'Female' });
		await page.getByLabel('Email address (optional)').fill('zoe@example.org');
		await page.getByLabel('Phone number', { exact: true }).fill('07700 900 123');
		await page.getByLabel('SMS', { exact: true }).check();
		await page.getByLabel('NHS number (optional)').fill('943 476 5919');
		await page.getByLabel('GP practice name (optional)').fill('Park Lane Surgery');
		await page.getByLabel('GP practice code (optional)').fill('a81001');
		await click(page.getByRole('button', { name: 'Continue' }));
		await heading('Address and local authority').waitFor();
		assert.match(page.url(), new RegExp(`/drafts/${draftId}/address$`));
		await assertPageChecks('the address');
	});

	it('looks up the postcode with the button, filling the town and the local authority', async () => {
		await page.getByLabel('Address line 1', { exact: true }).fill('1 Test Street');
		const status = page.getByRole('status');

		await page.getByLabel('Postcode', { exact: true }).fill('zz9 9zz');
		await page.getByRole('button', { name: 'Find address details' }).click();
		await page.getByText('Postcode ZZ9 9ZZ is not in the postcode list').waitFor();
		assert.equal(await page.getByLabel('Town or city (optional)').inputValue(), '');

		await page.getByLabel('Postcode', { exact: true }).fill('ls1 1ur');
		await page.getByRole('button', { name: 'Find address details' }).click();
		await page.getByText('Found LS1 1UR').waitFor();
		assert.match(await status.textContent(), /Found LS1 1UR: Leeds, Leeds local authority/);
		assert.equal(await page.getByLabel('Postcode', { exact: true }).inputValue(), 'LS1 1UR');
		assert.equal(await page.getByLabel('Town or city (optional)').inputValue(), 'Leeds');
		assert.equal(await page.getByLabel('Residing local authority').inputValue(), laId('Leeds'));
		await assertPageChecks('the address after a lookup');
	});

	it('goes back to the client details with everything kept, the age shown', async () => {
		await click(page.getByRole('link', { name: 'Back', exact: true }));
		await heading('Client details').waitFor();
		assert.equal(await page.getByLabel('First name', { exact: true }).inputValue(), 'Zoë');
		assert.equal(await page.getByLabel('Phone number', { exact: true }).inputValue(), '07700900123', 'stored normalised');
		assert.equal(await page.getByLabel('GP practice code (optional)').inputValue(), 'A81001');
		assert.ok(await page.getByLabel('SMS', { exact: true }).isChecked());
		assert.match(await page.locator('main').textContent(), new RegExp(`Age: ${ageOn(1990, 3, 5)}\\b`));
		await assertPageChecks('the client details again');
		await click(page.getByRole('button', { name: 'Continue' }));
		await heading('Address and local authority').waitFor();
	});

	it('saves the address and goes on to consent', async () => {
		// what the lookup filled in was not posted yet: it is the server's turn now, without it
		await page.getByLabel('Address line 1', { exact: true }).fill('1 Test Street');
		await page.getByLabel('Postcode', { exact: true }).fill('ls1 1ur');
		await click(page.getByRole('button', { name: 'Continue' }));
		assert.match(page.url(), new RegExp(`/drafts/${draftId}/consent$`));
		const values = Object.fromEntries(dbRows(`SELECT name, value FROM draft_values WHERE draft_id = ${Number(draftId)} AND position = 0`));
		assert.equal(values.postcode, 'LS1 1UR');
		assert.equal(values.local_authority, laId('Leeds'), 'filled in from the postcode on the server');
		assert.equal(values.town, 'Leeds');
		assert.equal(values.first_name, 'Zoë');
		assert.equal(values.phone, '07700900123');
	});

	it('takes a client of no fixed abode with a local authority chosen by hand', async () => {
		await page.goto(`${BASE_URL}/drafts/${draftId}/address`);
		await heading('Address and local authority').waitFor();
		await page.getByLabel('The client has no fixed abode').check();
		// the address is hidden, and not sent, while No fixed abode is ticked (issue 12)
		assert.equal(await page.getByLabel('Address line 1', { exact: true }).isVisible(), false);
		assert.equal(await page.getByLabel('Postcode', { exact: true }).isVisible(), false);
		await page.getByLabel('Residing local authority').selectOption({ label: 'Select a local authority' });
		await click(page.getByRole('button', { name: 'Continue' }));
		await page.locator('.govuk-error-summary').getByText('Select the local authority the client lives in').waitFor();
		await assertPageChecks('the address with errors');
		await page.getByLabel('Residing local authority').selectOption({ label: 'Manchester' });
		await click(page.getByRole('button', { name: 'Continue' }));
		assert.match(page.url(), new RegExp(`/drafts/${draftId}/consent$`));
		const values = Object.fromEntries(dbRows(`SELECT name, value FROM draft_values WHERE draft_id = ${Number(draftId)} AND position = 0`));
		assert.equal(values.no_fixed_abode, '1');
		assert.equal(values.local_authority, laId('Manchester'));
		assert.equal(values.address_line1, undefined, 'the hidden address was not kept');
	});
});
