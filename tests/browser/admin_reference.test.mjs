// Reference data in a real browser (Debian's Chromium driven by playwright-core), as the
// administrator: local authorities (search, add with a mistake corrected, rename, deactivate,
// delete), postcodes (look one up, import a file and read the counts) and the title, gender and
// pronoun lists (add, reorder, retire, restore). axe-core runs on every page (no serious or
// critical violations), and no page breaks the Content-Security-Policy.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// importing the HTTP helpers takes the suite lock (see signin.test.mjs)
import { BASE_URL, PASSWORD, db, resetThrottle } from '../http/lib.mjs';
import { launchChromium, assertAccessible as axeCheck } from './lib.mjs';

const SAMPLE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'http', 'data', 'onspd_sample.csv');
const SAMPLE_POSTCODES = ['LS15DL', 'LS27HY', 'LS61AN', 'M12WD', 'M33EB', 'CF102HQ', 'BS16QA', 'B24QA', 'G28AD', 'BT16DP'];

let browser;
let page;
const consoleErrors = [];
let originalValues;

function cleanUp() {
	db(`DELETE FROM postcodes WHERE postcode IN (${SAMPLE_POSTCODES.map((p) => `'${p}'`).join(',')})`);
	db(`DELETE FROM local_authorities WHERE code LIKE 'E0798%'`);
	db(`DELETE FROM reference_values WHERE name IN ('Revd', 'Browser test gender')`);
	resetThrottle();
}

before(async () => {
	cleanUp();
	originalValues = db('SELECT id, position, retired FROM reference_values ORDER BY id')
		.split('\n')
		.filter(Boolean)
		.map((l) => l.split('\t'));
	browser = await launchChromium();
	const context = await browser.newContext();
	page = await context.newPage();
	page.setDefaultTimeout(15000);
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(`${message.text()} (on ${page.url()})`);
	});
	page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
	await page.goto(BASE_URL + '/signin');
	await page.getByLabel('Username', { exact: true }).fill('admin');
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
});

after(async () => {
	await browser?.close();
	cleanUp();
	for (const [id, position, retired] of originalValues || []) {
		db(`UPDATE reference_values SET position = ${position}, retired = ${retired} WHERE id = ${id}`);
	}
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

async function mainText() {
	return (await page.locator('main').textContent()).replace(/\s+/g, ' ');
}

describe('reference data in a browser', () => {
	it('reaches the local authorities from the administration page and searches them', async () => {
		await page.goto(BASE_URL + '/admin');
		await click(page.getByRole('link', { name: 'Local authorities', exact: true }));
		await heading('Local authorities').waitFor();
		await assertPageChecks('the local authorities');
		await page.getByLabel('Search by name or code').fill('cardiff');
		await click(page.getByRole('button', { name: 'Search', exact: true }));
		const table = page.getByRole('table');
		assert.match((await table.textContent()).replace(/\s+/g, ' '), /Cardiff W06000015/);
		assert.doesNotMatch(await table.textContent(), /Leeds/);
		await assertPageChecks('a search of the local authorities');
	});

	it('adds one, correcting a badly formed code shown in the error summary', async () => {
		await page.goto(BASE_URL + '/admin/local-authorities');
		await page.getByLabel('Name', { exact: true }).fill('Test Browser Borough');
		await page.getByLabel('ONS code').fill('Z123');
		await click(page.getByRole('button', { name: 'Add local authority' }));
		const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
		await summary.waitFor();
		assert.match(await summary.textContent(), /correct format, like E06000001/);
		assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Test Browser Borough', 'the name is kept');
		assert.match(await page.title(), /^Error: /);
		await assertPageChecks('the local authorities with an error');
		await summary.getByRole('link').first().click();
		assert.equal(await page.evaluate(() => document.activeElement?.id), 'code', 'the summary link focuses the field');
		await page.getByLabel('ONS code').fill('e07980001');
		await click(page.getByRole('button', { name: 'Add local authority' }));
		await page.getByText('Local authority added').waitFor();
		assert.match((await page.getByRole('table').textContent()).replace(/\s+/g, ' '), /Test Browser Borough E07980001/);
		await assertPageChecks('the local authorities after adding one');
	});

	it('renames it, deactivates it and deletes it from its own page', async () => {
		await click(page.getByRole('link', { name: 'Change Test Browser Borough' }));
		await heading('Test Browser Borough').waitFor();
		await assertPageChecks('a local authority');
		await page.getByLabel('Name', { exact: true }).fill('Test Browser Borough Renamed');
		await click(page.getByRole('button', { name: 'Save changes' }));
		await page.getByText('Local authority saved').waitFor();
		await heading('Test Browser Borough Renamed').waitFor();
		await click(page.getByRole('button', { name: 'Deactivate Test Browser Borough Renamed' }));
		await page.getByText('Local authority deactivated').waitFor();
		assert.match(await mainText(), /Inactive: no longer offered/);
		await assertPageChecks('a deactivated local authority');
		await click(page.getByRole('button', { name: 'Delete Test Browser Borough Renamed' }));
		await page.getByText('Local authority deleted').waitFor();
		await heading('Local authorities').waitFor();
		assert.doesNotMatch(await mainText(), /Test Browser Borough/);
	});

	it('refuses to delete one that postcodes use, and says why', async () => {
		await page.goto(BASE_URL + '/admin/local-authorities?q=Leeds');
		await click(page.getByRole('link', { name: 'Change Leeds' }));
		assert.match(await mainText(), /It cannot be deleted while organisations or postcodes use it/);
		assert.equal(await page.getByRole('button', { name: /^Delete/ }).count(), 0, 'no delete button');
		await assertPageChecks('a local authority in use');
	});

	it('looks up a postcode', async () => {
		await page.goto(BASE_URL + '/admin');
		await click(page.getByRole('link', { name: 'Postcodes', exact: true }));
		await heading('Postcodes').waitFor();
		await assertPageChecks('the postcodes');
		await page.getByLabel('Postcode', { exact: true }).fill('cf10 1ep');
		await click(page.getByRole('button', { name: 'Look up' }));
		const result = page.locator('#lookup-result');
		assert.match((await result.textContent()).replace(/\s+/g, ' '), /CF10 1EP Local authority Cardiff \(W06000015\) Town Cardiff/);
		await assertPageChecks('a postcode looked up');
		await page.getByLabel('Postcode', { exact: true }).fill('not one');
		await click(page.getByRole('button', { name: 'Look up' }));
		await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
		await assertPageChecks('a postcode lookup with an error');
	});

	it('imports a file of postcodes and shows what happened to its rows', async () => {
		await page.goto(BASE_URL + '/admin/postcodes');
		await click(page.getByRole('button', { name: 'Import postcodes' }));
		await heading('Import postcodes').waitFor();
		await assertPageChecks('the postcode import');
		await click(page.getByRole('button', { name: 'Import', exact: true }));
		await page.getByRole('alert').filter({ hasText: 'Select a CSV file of postcodes' }).waitFor();
		await assertPageChecks('the postcode import without a file');
		await page.getByLabel('CSV file').setInputFiles(SAMPLE);
		await click(page.getByRole('button', { name: 'Import', exact: true }));
		await heading('Postcodes imported').waitFor();
		const counts = (await page.locator('#import-counts').textContent()).replace(/\s+/g, ' ');
		assert.match(counts, /Rows read 13/);
		assert.match(counts, /New postcodes 10/);
		assert.match(counts, /Refused 2/);
		assert.match((await page.locator('#refused-lines').textContent()).replace(/\s+/g, ' '), /13 Unknown local authority code/);
		await assertPageChecks('the import result');
		await click(page.getByRole('link', { name: 'See the postcodes by local authority' }));
		await page.getByLabel('Postcode', { exact: true }).fill('BS1 6QA');
		await click(page.getByRole('button', { name: 'Look up' }));
		assert.match(await page.locator('#lookup-result').textContent(), /Bristol, City of/);
	});

	it('adds to the title list, reorders, retires and restores', async () => {
		await page.goto(BASE_URL + '/admin');
		await click(page.getByRole('link', { name: 'Titles, genders and pronouns' }));
		await heading('Titles, genders and pronouns').waitFor();
		await assertPageChecks('the lists');
		await click(page.getByRole('link', { name: 'Change Titles' }));
		await heading('Titles').waitFor();
		await assertPageChecks('the title list');
		await page.getByLabel('Title', { exact: true }).fill('Mr');
		await click(page.getByRole('button', { name: 'Add to the list' }));
		await page.getByRole('alert').filter({ hasText: '‘Mr’ is already in the title list' }).waitFor();
		await assertPageChecks('the title list with an error');
		await page.getByLabel('Title', { exact: true }).fill('Revd');
		await click(page.getByRole('button', { name: 'Add to the list' }));
		await page.getByText('Added to the list').waitFor();
		const rows = async () => (await page.locator('#values tbody tr td:first-child').allTextContents()).map((t) => t.trim());
		const before = await rows();
		assert.equal(before.at(-1), 'Revd');
		await click(page.getByRole('button', { name: 'Move up Revd' }));
		const moved = await rows();
		assert.equal(moved.at(-2), 'Revd', 'one place up');
		await click(page.getByRole('button', { name: 'Retire Revd' }));
		await page.getByText('Retired', { exact: true }).first().waitFor();
		assert.equal((await rows()).at(-1), 'Revd', 'retired ones come last');
		await assertPageChecks('the title list with a retired value');
		await click(page.getByRole('button', { name: 'Restore Revd' }));
		await page.getByText('Restored').waitFor();
	});

	it('keeps Prefer not to say in the gender list', async () => {
		await page.goto(BASE_URL + '/admin/lists/gender');
		await heading('Genders').waitFor();
		assert.equal(await page.getByRole('button', { name: 'Retire Prefer not to say' }).count(), 0);
		assert.equal(await page.getByRole('link', { name: 'Rename Prefer not to say' }).count(), 0);
		await click(page.getByRole('link', { name: 'Rename Female' }));
		await heading('Rename ‘Female’').waitFor();
		await assertPageChecks('renaming a gender');
	});
});
