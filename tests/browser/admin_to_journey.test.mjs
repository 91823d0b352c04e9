// Configuration reaches the referral journey at once: an administrator creates an issue with
// two questions and an organisation that handles it, in the browser; a member of staff, in
// another browser, then sees the issue, the organisation and both questions in a referral.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, PASSWORD, db, sqlString, resetThrottle } from '../http/lib.mjs';
import { launchChromium, assertAccessible as axeCheck } from './lib.mjs';


const STAMP = Date.now().toString(36);
// names take letters only: the stamp spelled with letters
const LETTERS = STAMP.replace(/[0-9]/g, (d) => 'abcdefghij'[d]);
const ISSUE = `Pension credit ${STAMP}`;
const ORG = `Silver Years Advice ${STAMP}`;
const Q1 = 'Does the client receive a state pension?';
const Q2 = 'Which benefits do they already claim?';

let browser;
const consoleErrors = [];

before(async () => {
	browser = await launchChromium();
});

after(async () => {
	await browser?.close();
	// records stay; the fixtures stop being offered to later tests
	db(`UPDATE issues SET active = 0 WHERE name = ${sqlString(ISSUE)}`);
	db(`UPDATE organisations SET active = 0 WHERE name = ${sqlString(ORG)}`);
	resetThrottle();
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
	await axeCheck(page, what);
}

async function submit(page, name) {
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
}

async function signIn(page, username) {
	await page.goto(BASE_URL + '/signin');
	await page.getByLabel('Username', { exact: true }).fill(username);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await submit(page, 'Sign in');
}

describe('an administrator configures a service; staff see it in the journey', () => {
	it('the administrator adds an issue with two questions', async () => {
		const page = await newPage();
		await signIn(page, 'admin');
		await page.goto(BASE_URL + '/admin/issues');
		await page.getByLabel('Name', { exact: true }).fill(ISSUE);
		await page.getByLabel('Description (optional)').fill('Claiming pension credit and related help.');
		await submit(page, 'Add issue');
		await page.getByRole('heading', { level: 1, name: ISSUE }).waitFor();
		await checks(page, 'the new issue');
		for (const [text, kind] of [[Q1, 'Yes or no'], [Q2, 'Multiple choice']]) {
			await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Add a question' }).click()]);
			await page.getByLabel('Question', { exact: true }).fill(text);
			await page.getByLabel(kind, { exact: true }).check();
			if (kind === 'Multiple choice') await page.getByLabel('Options (for single and multiple choice)').fill('Attendance Allowance\nHousing Benefit\nCouncil Tax Reduction');
			await page.getByLabel('Referrers must answer this question').check();
			await submit(page, 'Add question');
			await page.getByRole('heading', { level: 1, name: ISSUE }).waitFor();
		}
		await page.getByText(Q1).first().waitFor();
		await page.getByText(Q2).first().waitFor();
		await checks(page, 'the issue with its questionnaire');
	});

	it('the administrator adds an organisation that handles it', async () => {
		const page = await newPage();
		await signIn(page, 'admin');
		await page.goto(BASE_URL + '/admin/organisations/new');
		await page.getByLabel('Name', { exact: true }).fill(ORG);
		await page.getByLabel(ISSUE, { exact: true }).check();
		await page.getByLabel('All genders', { exact: true }).check();
		await page.getByLabel('All local authorities', { exact: true }).check();
		await checks(page, 'the organisation form');
		await submit(page, 'Add organisation');
		await page.getByText('Organisation added').waitFor();
	});

	it('a member of staff is offered the issue, the organisation and both questions', async () => {
		const page = await newPage();
		await signIn(page, 'amira');
		await page.goto(BASE_URL + '/referrals/new'); // the find step itself (issue 12)
		await page.getByLabel('First name', { exact: true }).fill('Edith');
		await page.getByLabel('Last name', { exact: true }).fill(`Pension${LETTERS}`);
		const dob = page.getByRole('group', { name: /Date of birth/ });
		await dob.getByLabel('Day', { exact: true }).fill('12');
		await dob.getByLabel('Month', { exact: true }).fill('2');
		await dob.getByLabel('Year', { exact: true }).fill('1948');
		await submit(page, 'Search');
		await submit(page, 'Continue as a new client');
		await page.getByLabel('Gender', { exact: true }).selectOption({ label: 'Female' });
		await page.getByLabel('Phone number', { exact: true }).fill('01429 266 000');
		await submit(page, 'Continue');
		await page.getByLabel('Address line 1', { exact: true }).fill('3 Church Street');
		await page.getByLabel('Postcode', { exact: true }).fill('TS24 7DJ');
		await page.getByLabel('Residing local authority').selectOption({ label: 'Hartlepool' });
		await submit(page, 'Continue');
		await page.getByLabel('The client has consented to this referral and to their information being shared with the receiving organisations').check();
		await page.getByLabel('The client', { exact: true }).check();
		await submit(page, 'Continue');

		// the issue is offered
		await page.getByRole('heading', { level: 1, name: 'Referral details' }).waitFor();
		await page.getByRole('checkbox', { name: ISSUE, exact: true }).check();
		await page.getByRole('radio', { name: 'No', exact: true }).check();
		await checks(page, 'referral details with the new issue');
		await submit(page, 'Continue');

		// the organisation is offered for it
		await page.getByRole('heading', { level: 1, name: 'Receiving organisations' }).waitFor();
		const group = page.getByRole('group', { name: `Organisations to refer to for ${ISSUE}` });
		await group.getByRole('checkbox', { name: ORG, exact: true }).check();
		await checks(page, 'receivers with the new organisation');
		await submit(page, 'Continue');

		// both questions are asked, and required
		await page.getByRole('heading', { level: 1, name: 'Questionnaire' }).waitFor();
		await page.getByRole('group', { name: Q1 }).waitFor();
		await page.getByRole('group', { name: Q2 }).waitFor();
		await checks(page, 'the questionnaire with the new questions');
		await submit(page, 'Continue');
		await page.getByRole('link', { name: `Answer ‘${Q1}’` }).waitFor();
		await page.getByRole('group', { name: Q1 }).getByLabel('Yes', { exact: true }).check();
		await page.getByRole('group', { name: Q2 }).getByLabel('Housing Benefit', { exact: true }).check();
		await submit(page, 'Continue');
		await page.getByRole('heading', { level: 1, name: 'Check your answers before sending' }).waitFor();
		await page.getByText(ORG).first().waitFor();
	});
});
