// An administrator in a real browser changes the urgency and automation settings (an error
// first, then a save), then adds, removes and imports bank holidays. Every page is checked with
// axe-core (no serious or critical violations) and for Content-Security-Policy violations.
//
// Runs against the test stack (tests/stack-suite.sh starts it); by hand:
//   scripts/stack start test && BASE_URL=http://127.0.0.1:18080/referrals node --test tests/browser/admin_settings.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
// Importing the HTTP helpers takes the suite lock (see tests/browser/signin.test.mjs).
import { BASE_URL, PASSWORD, db, dbRows, resetThrottle } from '../http/lib.mjs';
import { launchChromium, assertAccessible as axeCheck } from './lib.mjs';


let browser;
let context;
let page;
let savedSettings;
const consoleErrors = [];

before(async () => {
	savedSettings = dbRows(`SELECT name, value FROM settings`);
	db(`DELETE FROM bank_holidays WHERE YEAR(holiday_date) = 2099`);
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
	for (const [name, value] of savedSettings || []) {
		db(`UPDATE settings SET value = '${value.replace(/'/g, "''")}' WHERE name = '${name}'`);
	}
	db(`DELETE FROM bank_holidays WHERE YEAR(holiday_date) = 2099`);
	resetThrottle();
});

// axe-core evaluated through the DevTools protocol, which the page's CSP does not govern.
async function assertAccessible(what) {
	return axeCheck(page, what);
}

function assertNoCspErrors(what) {
	const errors = consoleErrors.splice(0);
	const csp = errors.filter((e) => /Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(e));
	assert.deepEqual(csp, [], `no CSP violations on ${what}`);
	assert.deepEqual(errors.filter((e) => e.startsWith('uncaught:')), [], `no uncaught script errors on ${what}`);
}

async function assertPageChecks(what) {
	await page.waitForLoadState('load');
	await page.locator('body.govuk-frontend-supported').waitFor();
	assertNoCspErrors(what);
	await assertAccessible(what);
}

function heading(name) {
	return page.getByRole('heading', { level: 1, name, exact: true });
}

async function submit(name) {
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
}

function setting(name) {
	return dbRows(`SELECT value FROM settings WHERE name = '${name}'`)[0][0];
}

describe('an administrator configures timeframes and bank holidays in a browser', () => {
	it('signs in and finds the settings from the administration page', async () => {
		await page.goto(BASE_URL + '/admin');
		await page.getByLabel('Username', { exact: true }).fill('admin');
		await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
		await submit('Sign in');
		await heading('Administration').waitFor();
		await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Urgency and automation settings' }).click()]);
		await heading('Urgency and automation settings').waitFor();
		await assertPageChecks('the settings page');
	});

	it('shows an error linked to the field when urgent is longer than normal, keeping what was typed', async () => {
		await page.getByLabel('Update within (working days)', { exact: true }).fill('3');
		await page.getByLabel('Update within for urgent referrals (working days)', { exact: true }).fill('4');
		await submit('Save settings');
		const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
		await summary.waitFor();
		const message = 'Update within for urgent referrals (4 working days) must not be longer than for normal referrals (3 working days)';
		assert.ok((await summary.textContent()).includes(message), 'the summary names both values');
		assert.equal(await page.getByLabel('Update within (working days)', { exact: true }).inputValue(), '3', 'kept');
		assert.equal(await page.getByLabel('Update within for urgent referrals (working days)', { exact: true }).inputValue(), '4', 'kept');
		assert.match(await page.title(), /^Error: /);
		await assertPageChecks('the settings page with an error');
		await summary.getByRole('link').first().click();
		assert.equal(await page.evaluate(() => document.activeElement?.id), 'urgent_update_within_days', 'the summary link focuses the field');
		assert.equal(setting('update_within_days'), savedSettings.find(([n]) => n === 'update_within_days')[1], 'nothing saved');
	});

	it('saves the corrected settings, with a reason and the gender option chosen', async () => {
		await page.getByLabel('Update within for urgent referrals (working days)', { exact: true }).fill('2');
		await page.getByLabel('Session timeout (minutes)', { exact: true }).fill('45');
		await page.getByLabel('Closure reason for referrals closed automatically', { exact: true }).selectOption({ label: 'Unable to contact client' });
		await page.getByRole('radio', { name: 'No', exact: true }).check();
		await submit('Save settings');
		await page.getByRole('alert').filter({ hasText: 'Settings saved' }).waitFor();
		assert.equal(setting('update_within_days'), '3');
		assert.equal(setting('urgent_update_within_days'), '2');
		assert.equal(setting('session_timeout_minutes'), '45');
		assert.equal(setting('gender_prefer_not_to_say'), '0');
		assert.equal(setting('auto_close_reason_id'), dbRows(`SELECT id FROM closure_reasons WHERE name = 'Unable to contact client'`)[0][0]);
		assert.equal(await page.getByLabel('Session timeout (minutes)', { exact: true }).inputValue(), '45');
		await assertPageChecks('the settings page after saving');
	});

	it('lists the bank holidays by year and adds one', async () => {
		await page.goto(BASE_URL + '/admin');
		await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Bank holidays' }).click()]);
		await heading('Bank holidays').waitFor();
		const year = new Date().getFullYear();
		await page.getByRole('table', { name: `Bank holidays in ${year}` }).waitFor();
		await page.getByRole('table', { name: `Bank holidays in ${year + 1}` }).waitFor();
		await assertPageChecks('the bank holidays page');

		await page.getByLabel('Day', { exact: true }).fill('31');
		await page.getByLabel('Month', { exact: true }).fill('12');
		await page.getByLabel('Year', { exact: true }).fill('2099');
		await page.getByLabel('Name', { exact: true }).fill('Browser test holiday');
		await submit('Add bank holiday');
		await page.getByRole('alert').filter({ hasText: 'Bank holiday added' }).waitFor();
		const table = page.getByRole('table', { name: 'Bank holidays in 2099' });
		assert.match((await table.textContent()).replace(/\s+/g, ' '), /Thursday 31 December 2099 Browser test holiday/);
		await assertPageChecks('the bank holidays of 2099');
	});

	it('refuses the same date again, saying why', async () => {
		await page.getByLabel('Day', { exact: true }).fill('31');
		await page.getByLabel('Month', { exact: true }).fill('12');
		await page.getByLabel('Year', { exact: true }).fill('2099');
		await page.getByLabel('Name', { exact: true }).fill('Again');
		await submit('Add bank holiday');
		const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
		await summary.waitFor();
		assert.match(await summary.textContent(), /There is already a bank holiday on 2099-12-31: Browser test holiday/);
		assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Again');
		await assertPageChecks('the bank holidays page with an error');
	});

	it('removes it', async () => {
		await submit('Remove Browser test holiday, Thursday 31 December 2099');
		await page.getByRole('alert').filter({ hasText: 'Bank holiday removed' }).waitFor();
		assert.match(await page.locator('main').textContent(), /No bank holidays have been added for 2099/);
		assert.deepEqual(dbRows(`SELECT COUNT(*) FROM bank_holidays WHERE YEAR(holiday_date) = 2099`), [['0']]);
		await assertPageChecks('the bank holidays page after removing');
	});

	it('imports a list, showing the refused lines and keeping the text', async () => {
		await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'import a list of bank holidays' }).click()]);
		await heading('Import bank holidays').waitFor();
		await assertPageChecks('the import page');
		const typed = '2099-12-30,Imported in a browser\n2099-12-32,Not a date';
		await page.getByLabel('Bank holidays, one on each line', { exact: true }).fill(typed);
		await submit('Import');
		await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
		const refused = page.getByRole('table', { name: 'Lines not imported' });
		assert.match((await refused.textContent()).replace(/\s+/g, ' '), /2 2099-12-32,Not a date 2099-12-32 is not a real date/);
		assert.match(await page.locator('#import-report').textContent(), /1\s*bank holiday was added/);
		assert.equal(await page.getByLabel('Bank holidays, one on each line', { exact: true }).inputValue(), typed, 'the text is kept');
		await assertPageChecks('the import page with refused lines');

		await page.getByLabel('Bank holidays, one on each line', { exact: true }).fill('2099-12-30,Imported in a browser\n2099-12-29 Another import');
		await submit('Import');
		await page.getByRole('alert').filter({ hasText: 'Import finished: 1 added, 1 already existed' }).waitFor();
		await heading('Bank holidays').waitFor();
		await assertPageChecks('the bank holidays page after an import');
		assert.deepEqual(dbRows(`SELECT DATE_FORMAT(holiday_date, '%Y-%m-%d'), name FROM bank_holidays WHERE YEAR(holiday_date) = 2099 ORDER BY 1`), [
			['2099-12-29', 'Another import'],
			['2099-12-30', 'Imported in a browser'],
		]);
	});
});
