// Issues and questionnaires in a real browser (Debian's Chromium driven by playwright-core):
// an administrator opens the issues from the administration page, adds an issue (after a
// refused duplicate), adds two questions (after a refused choice with one option), changes,
// reorders, retires and restores a question, renames the issue, deactivates and reactivates
// it and moves it in the list. Every page is checked with axe-core (no serious or critical
// violations) and for Content-Security-Policy violations.
//
// Runs against the test stack (tests/stack-suite.sh starts it); by hand:
//   scripts/stack start test && BASE_URL=http://127.0.0.1:18080/referrals node --test tests/browser/admin_issues.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
// Importing the HTTP helpers takes the suite lock, so this file never runs while another one
// restarts the directory or the database.
import { BASE_URL, PASSWORD, db, dbRows, resetThrottle } from '../http/lib.mjs';
import { launchChromium, assertAccessible as axeCheck } from './lib.mjs';


const ISSUE = 'Browser test: Immigration advice';
const RENAMED = 'Browser test: Immigration and asylum advice';
const Q1 = 'What is the client’s immigration status?';
const Q2 = 'Does the client have a Home Office deadline?';

let browser;
let page;
const consoleErrors = [];

before(async () => {
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
	const ids = dbRows(`SELECT id FROM issues WHERE name LIKE 'Browser test:%'`).map(([id]) => id);
	if (ids.length) {
		db(`DELETE FROM questions WHERE issue_id IN (${ids.join(',')})`);
		db(`DELETE FROM issues WHERE id IN (${ids.join(',')})`);
	}
	resetThrottle();
});

// axe-core evaluated through the DevTools protocol (the page's CSP refuses inline scripts).
async function assertAccessible(what) {
	return axeCheck(page, what);
}

function assertNoScriptErrors(what) {
	const errors = consoleErrors.splice(0);
	assert.deepEqual(errors.filter((e) => /Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(e)), [], `no CSP violations on ${what}`);
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

async function submit(name) {
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
}

async function follow(name, role = 'link') {
	await Promise.all([page.waitForNavigation(), page.getByRole(role, { name, exact: true }).click()]);
}

async function success(text) {
	const banner = page.getByRole('alert').filter({ hasText: 'Success' });
	await banner.waitFor();
	assert.match((await banner.textContent()).replace(/\s+/g, ' '), text);
}

async function errorSummary(text) {
	const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	await summary.waitFor();
	assert.match((await summary.textContent()).replace(/\s+/g, ' '), text);
	assert.match(await page.title(), /^Error: /);
}

// The questions on the issue page, in order, as their text cells show them.
async function questionTexts() {
	const rows = page.locator('#questions tbody tr');
	const texts = [];
	for (let i = 0; i < (await rows.count()); i++) texts.push((await rows.nth(i).locator('td').first().textContent()).replace(/\s+/g, ' ').trim());
	return texts;
}

describe('an administrator configures an issue and its questionnaire', () => {
	it('signs in and opens the issues from the administration page', async () => {
		await page.goto(BASE_URL + '/signin');
		await page.getByLabel('Username', { exact: true }).fill('admin');
		await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
		await submit('Sign in');
		await page.goto(BASE_URL + '/admin');
		await heading('Administration').waitFor();
		await follow('Issues and questionnaires');
		await heading('Issues and questionnaires').waitFor();
		const table = page.getByRole('table', { name: /Issues, in the order referrers see them/ });
		await table.getByRole('link', { name: 'Housing', exact: true }).waitFor();
		await assertPageChecks('the issues list');
	});

	it('is told when a name is taken, and adds the issue', async () => {
		await page.getByLabel('Name', { exact: true }).fill('HOUSING');
		await page.getByLabel('Description (optional)').fill('Immigration status, visas and asylum claims.');
		await submit('Add issue');
		await errorSummary(/There is already an issue called ‘Housing’/);
		assert.equal(await page.getByLabel('Description (optional)').inputValue(), 'Immigration status, visas and asylum claims.', 'the description is kept');
		await assertPageChecks('the issues list with an error');
		await page.getByLabel('Name', { exact: true }).fill(ISSUE);
		await submit('Add issue');
		await heading(ISSUE).waitFor();
		await success(/Issue added/);
		await assertPageChecks('a new issue');
	});

	it('adds two questions, after a choice with one option is refused', async () => {
		await follow('Add a question', 'button'); // a link styled, and announced, as a button
		await heading('Add a question').waitFor();
		await assertPageChecks('the add question form');
		await page.getByLabel('Question', { exact: true }).fill(Q1);
		await page.getByLabel('Hint (optional)').fill('As the client describes it');
		await page.getByLabel('Single choice', { exact: true }).check();
		await page.getByLabel('Options (for single and multiple choice)').fill('British or Irish citizen\n');
		await page.getByLabel('Referrers must answer this question').check();
		await submit('Add question');
		await errorSummary(/Enter at least 2 options/);
		assert.equal(await page.getByLabel('Question', { exact: true }).inputValue(), Q1, 'the question is kept');
		assert.ok(await page.getByLabel('Single choice', { exact: true }).isChecked(), 'the kind is kept');
		assert.ok(await page.getByLabel('Referrers must answer this question').isChecked(), 'required is kept');
		await assertPageChecks('the add question form with an error');
		await page.getByLabel('Options (for single and multiple choice)').fill('British or Irish citizen\n\nSettled or pre-settled status\nVisa holder\nAsylum seeker or refugee\nNot known');
		await submit('Add question');
		await success(/Question added/);

		await follow('Add a question', 'button'); // a link styled, and announced, as a button
		await page.getByLabel('Question', { exact: true }).fill(Q2);
		await page.getByLabel('Yes or no', { exact: true }).check();
		await submit('Add question');
		await success(/Question added/);
		const texts = await questionTexts();
		assert.equal(texts.length, 2);
		assert.ok(texts[0].startsWith(Q1) && texts[0].includes('Visa holder'), texts[0]);
		assert.ok(texts[1].startsWith(Q2), texts[1]);
		await assertPageChecks('the issue with its questionnaire');
	});

	it('changes a question, reorders, retires and restores it', async () => {
		await follow(`Change question: ${Q2}`);
		await heading('Change question').waitFor();
		assert.ok(await page.getByLabel('Yes or no', { exact: true }).isChecked());
		await assertPageChecks('the change question form');
		await page.getByLabel('Hint (optional)').fill('For example, a date to leave the UK or to reply to a letter');
		await page.getByLabel('Referrers must answer this question').check();
		await submit('Save question');
		await success(/Question saved/);
		assert.match((await questionTexts())[1], /Hint: For example, a date to leave the UK/);

		await submit(`Move up question: ${Q2}`);
		await success(/Order changed/);
		assert.ok((await questionTexts())[0].startsWith(Q2), 'moved to the top');

		await submit(`Retire question: ${Q1}`);
		await success(/Question retired/);
		const retiredRow = page.locator('#questions tbody tr').filter({ hasText: Q1 });
		await retiredRow.getByText('Retired', { exact: true }).waitFor();
		await assertPageChecks('the issue with a retired question');
		await submit(`Restore question: ${Q1}`);
		await success(/Question restored/);
		const texts = await questionTexts();
		assert.ok(texts[0].startsWith(Q2) && texts[1].startsWith(Q1), 'restored last');
	});

	it('renames the issue, deactivates and reactivates it', async () => {
		await follow('Change Name');
		await heading('Change issue').waitFor();
		await assertPageChecks('the change issue form');
		await page.getByLabel('Name', { exact: true }).fill('');
		await submit('Save');
		await errorSummary(/Enter a name for the issue/);
		await assertPageChecks('the change issue form with an error');
		await page.getByLabel('Name', { exact: true }).fill(RENAMED);
		await submit('Save');
		await heading(RENAMED).waitFor();
		await success(/Issue saved/);

		await submit('Deactivate issue');
		await success(/Issue deactivated/);
		await page.getByText('Not offered for new referrals').waitFor();
		await assertPageChecks('a deactivated issue');
		await submit('Reactivate issue');
		await success(/Issue reactivated/);
		await page.getByText('Offered to referrers').waitFor();
	});

	it('moves the issue up the list', async () => {
		await page.getByRole('link', { name: 'Back', exact: true }).click();
		await heading('Issues and questionnaires').waitFor();
		const names = async () => (await page.locator('#issues tbody tr td:first-child a').allTextContents()).map((t) => t.trim());
		const before = await names();
		const at = before.indexOf(RENAMED);
		assert.ok(at > 0, 'listed, not first');
		await submit(`Move up ${RENAMED}`);
		await success(/Order changed/);
		const after = await names();
		assert.equal(after.indexOf(RENAMED), at - 1, 'one place higher');
		await assertPageChecks('the issues list after a move');
	});
});
