// The referral journey's details, receiving organisations and questionnaire in a real browser
// (Debian's Chromium driven by playwright-core), as a staff member would use them: by labels
// and roles, through a validation error on each step, the Back link, and an issue nobody can
// receive. Every page is checked with axe-core (no serious or critical violations) and for
// Content-Security-Policy violations. The steps before these (find, client, address, consent)
// are other files' subject: their values are written into the draft directly.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, PASSWORD, db, dbRows, sqlString, organisationId, resetThrottle } from '../http/lib.mjs';
import { launchChromium, assertAccessible as axeCheck } from './lib.mjs';


const PREFIX = 'Jrbrowser';
const HOUSING = `${PREFIX} Housing`;
const ORPHAN = `${PREFIX} Orphan`;
const ORGS = [`${PREFIX} Open Door Trust`, `${PREFIX} Adult Advice`, `${PREFIX} Youth Hub`];

let browser;
let page;
let draft;
const consoleErrors = [];

const one = (sql) => dbRows(sql)[0][0];

function createFixtures() {
	db(`INSERT INTO issues (name, description, position) VALUES (${sqlString(HOUSING)}, 'Somewhere safe to live', 950), (${sqlString(ORPHAN)}, 'Nobody handles this', 951)`);
	const housing = one(`SELECT id FROM issues WHERE name = ${sqlString(HOUSING)}`);
	const questions = [
		['text', `${PREFIX}: Name of the school`, 1],
		['long_text', `${PREFIX}: Describe the situation`, 0],
		['yes_no', `${PREFIX}: Do you have children?`, 1],
		['single_choice', `${PREFIX}: Tenure`, 1],
		['multiple_choice', `${PREFIX}: Needs`, 0],
		['date', `${PREFIX}: Date of notice`, 1],
	];
	questions.forEach(([kind, text, required], i) =>
		db(`INSERT INTO questions (issue_id, position, kind, text, required) VALUES (${housing}, ${i + 1}, '${kind}', ${sqlString(text)}, ${required})`));
	const options = { [`${PREFIX}: Tenure`]: ['Renting', 'Owner'], [`${PREFIX}: Needs`]: ['Food', 'Fuel'] };
	for (const [question, labels] of Object.entries(options)) {
		const id = one(`SELECT id FROM questions WHERE text = ${sqlString(question)}`);
		labels.forEach((label, i) => db(`INSERT INTO question_options (question_id, position, label) VALUES (${id}, ${i + 1}, ${sqlString(label)})`));
	}
	// two organisations that can take a 30-year-old, one that cannot
	const rows = [
		[ORGS[0], 'NULL', 'NULL'],
		[ORGS[1], 18, 'NULL'],
		[ORGS[2], 'NULL', 25],
	];
	for (const [name, minAge, maxAge] of rows) {
		db(`INSERT INTO organisations (name, min_age, max_age, all_local_authorities) VALUES (${sqlString(name)}, ${minAge}, ${maxAge}, 1)`);
		db(`INSERT INTO organisation_issues (organisation_id, issue_id) VALUES (${organisationId(name)}, ${housing})`);
	}
}

function removeFixtures() {
	const issues = `(SELECT id FROM issues WHERE name LIKE '${PREFIX}%')`;
	if (draft) db(`DELETE FROM drafts WHERE id = ${draft}`);
	db(`DELETE FROM gaps_in_service WHERE issue_id IN ${issues}`);
	db(`DELETE FROM inbox_messages WHERE subject LIKE 'Gap in service: ${PREFIX}%'`);
	db(`DELETE FROM questions WHERE issue_id IN ${issues}`);
	db(`DELETE FROM organisation_issues WHERE issue_id IN ${issues}`);
	db(`DELETE FROM organisations WHERE name LIKE '${PREFIX}%'`);
	db(`DELETE FROM issues WHERE name LIKE '${PREFIX}%'`);
}

before(async () => {
	removeFixtures();
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
	removeFixtures();
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

// A new client aged 30, as the client and address steps would have saved them.
function clientValues(id) {
	const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric' }).format(new Date())) - 30;
	const values = { first_name: 'Robin', last_name: 'Browsertest', dob_day: '1', dob_month: '1', dob_year: String(year) };
	for (const [name, value] of Object.entries(values))
		db(`REPLACE INTO draft_values (draft_id, name, position, value) VALUES (${id}, '${name}', 0, ${sqlString(value)})`);
}

describe('referral details, receivers and questionnaire in a browser', () => {
	it('signs in and starts a referral', async () => {
		await page.goto(BASE_URL + '/signin');
		await page.getByLabel('Username', { exact: true }).fill('amira');
		await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
		await submit('Sign in');
		// New referral opens the search; choosing a new client makes the draft (issue 12)
		await page.goto(BASE_URL + '/referrals/new');
		await page.getByLabel('First name', { exact: true }).fill('Robin');
		await page.getByLabel('Last name', { exact: true }).fill('Browsertest');
		const dob = page.getByRole('group', { name: /Date of birth/ });
		await dob.getByLabel('Day', { exact: true }).fill('1');
		await dob.getByLabel('Month', { exact: true }).fill('1');
		await dob.getByLabel('Year', { exact: true }).fill(String(Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric' }).format(new Date())) - 30));
		await submit('Search');
		await submit('Continue as a new client');
		const m = page.url().match(/\/drafts\/(\d+)\//);
		assert.ok(m, `a draft was started: ${page.url()}`);
		draft = m[1];
		clientValues(draft);
	});

	it('chooses the issues and urgency on the referral details', async () => {
		await page.goto(`${BASE_URL}/drafts/${draft}/details`);
		await heading('Referral details').waitFor();
		await assertPageChecks('the referral details');
		const main = page.locator('main');
		assert.match(await main.textContent(), /Riverside Citizens Advice/, 'the sending organisation is the active one');
		assert.ok(await page.getByRole('radio', { name: 'No', exact: true }).isChecked(), 'not urgent by default');
		assert.match((await page.locator('#timeframes').textContent()).replace(/\s+/g, ' '), /Update within 5 working days \(by \w+day \d+ \w+ \d{4}\)/);

		await submit();
		await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
		assert.match(await main.textContent(), /Select at least one issue/);
		await assertPageChecks('the referral details with an error');

		await page.getByRole('checkbox', { name: HOUSING, exact: true }).check();
		await page.getByRole('checkbox', { name: ORPHAN, exact: true }).check();
		await page.getByRole('radio', { name: 'Yes', exact: true }).check();
		await submit();
		assert.match(page.url(), /\/receivers$/);
	});

	it('says nobody can receive one issue; back to the details to untick it', async () => {
		await heading('Receiving organisations').waitFor();
		const main = page.locator('main');
		assert.match((await main.textContent()).replace(/\s+/g, ' '), new RegExp(`No organisation can receive a referral for ${ORPHAN} for this client: no organisation handles ${ORPHAN}`));
		await assertPageChecks('the receiving organisations with a gap in service');
		assert.equal(Number(one(`SELECT COUNT(*) FROM gaps_in_service WHERE draft_id = ${draft}`)), 1, 'the gap is recorded');
		await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Back', exact: true }).click()]);
		await heading('Referral details').waitFor();
		assert.ok(await page.getByRole('radio', { name: 'Yes', exact: true }).isChecked(), 'urgency kept');
		assert.match((await page.locator('#timeframes').textContent()).replace(/\s+/g, ' '), /Update within 1 working day \(by /, 'urgent timeframes');
		await page.getByRole('checkbox', { name: ORPHAN, exact: true }).uncheck();
		await submit();
		await heading('Receiving organisations').waitFor();
	});

	it('offers only the eligible organisations and takes several', async () => {
		const group = page.getByRole('group', { name: `Organisations to refer to for ${HOUSING}` });
		assert.equal(await group.getByRole('checkbox').count(), 2, 'two organisations can take a 30-year-old');
		await page.getByText(`Organisations not offered for ${HOUSING} (1)`).click();
		assert.match((await page.locator('main').textContent()).replace(/\s+/g, ' '), /Jrbrowser Youth Hub Only accepts ages up to 25/);
		await assertPageChecks('the receiving organisations');
		await submit();
		await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
		assert.match(await page.locator('main').textContent(), new RegExp(`Select at least one organisation for ${HOUSING}`));
		await assertPageChecks('the receiving organisations with an error');
		await group.getByRole('checkbox', { name: ORGS[0], exact: true }).check();
		await group.getByRole('checkbox', { name: ORGS[1], exact: true }).check();
		await submit();
		assert.match(page.url(), /\/questions$/);
	});

	it('answers the questionnaire, required answers enforced and kept on error', async () => {
		await heading('Questionnaire').waitFor();
		await page.getByRole('heading', { level: 2, name: HOUSING }).waitFor();
		await assertPageChecks('the questionnaire');
		await page.getByLabel(`${PREFIX}: Describe the situation (optional)`).fill('Kept after an error');
		await submit();
		await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
		const main = page.locator('main');
		for (const q of ['Name of the school', 'Do you have children?', 'Tenure', 'Date of notice'])
			assert.ok((await main.textContent()).includes(`Answer ‘${PREFIX}: ${q}’`), `${q} required`);
		assert.equal(await page.getByLabel(`${PREFIX}: Describe the situation (optional)`).inputValue(), 'Kept after an error');
		await assertPageChecks('the questionnaire with errors');

		await page.getByLabel(`${PREFIX}: Name of the school`).fill('Riverside Primary');
		await page.getByRole('group', { name: `${PREFIX}: Do you have children?` }).getByLabel('Yes', { exact: true }).check();
		await page.getByRole('group', { name: `${PREFIX}: Tenure` }).getByLabel('Owner', { exact: true }).check();
		await page.getByRole('group', { name: `${PREFIX}: Needs (optional)` }).getByLabel('Fuel', { exact: true }).check();
		const date = page.getByRole('group', { name: new RegExp(`${PREFIX}: Date of notice`) });
		await date.getByLabel('Day', { exact: true }).fill('3');
		await date.getByLabel('Month', { exact: true }).fill('4');
		await date.getByLabel('Year', { exact: true }).fill('2027');
		await submit();
		assert.match(page.url(), /\/summary$/);
		const answers = dbRows(`SELECT name, value FROM draft_values WHERE draft_id = ${draft} AND name LIKE 'answer_%' ORDER BY name, position`);
		assert.ok(answers.some(([, v]) => v === 'Riverside Primary'));
		assert.ok(answers.some(([, v]) => v === 'Fuel'));
		assert.equal(dbRows(`SELECT value FROM draft_values WHERE draft_id = ${draft} AND name LIKE 'receiver_%'`).length, 2);
	});

	it('goes back to the questionnaire with the answers kept', async () => {
		await page.goto(`${BASE_URL}/drafts/${draft}/questions`);
		assert.equal(await page.getByLabel(`${PREFIX}: Name of the school`).inputValue(), 'Riverside Primary');
		assert.ok(await page.getByRole('group', { name: `${PREFIX}: Tenure` }).getByLabel('Owner', { exact: true }).isChecked());
		await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Back', exact: true }).click()]);
		await heading('Receiving organisations').waitFor();
		assert.ok(await page.getByRole('checkbox', { name: ORGS[1], exact: true }).isChecked(), 'the organisations chosen are kept');
	});
});
