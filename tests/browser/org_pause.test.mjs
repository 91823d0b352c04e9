// Issue 13, in a real browser: the organisation's lead pauses referrals from its profile with a
// reason and a date to resume, and a sender then sees it among the organisations not offered,
// "Paused until <date>: <reason>", in the referral's receivers step; the profile and directory
// are checked with axe-core. The lead's permission is org_role_allows: until the roles feature
// is merged it allows administrators only, so the administrator pauses here (a lead's own
// test comes with that merge).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, PASSWORD, db, dbRows, sqlString, organisationId, resetThrottle } from '../http/lib.mjs';
import { launchChromium, assertAccessible } from './lib.mjs';

const PREFIX = 'Opbrowser';
const ISSUE = `${PREFIX} Housing`;
const ORG = `${PREFIX} Paused Project`;
const OTHER = `${PREFIX} Open Door`;
const YEAR = new Date().getUTCFullYear() + 1;

let browser;
const drafts = [];
const one = (sql) => dbRows(sql)[0][0];

function removeFixtures() {
	const issues = `(SELECT id FROM issues WHERE name LIKE '${PREFIX}%')`;
	db(`DELETE FROM drafts WHERE id IN (${drafts.join(',') || 0})`);
	db(`DELETE FROM organisation_issues WHERE issue_id IN ${issues}`);
	db(`DELETE FROM organisations WHERE name LIKE '${PREFIX}%'`);
	db(`DELETE FROM issues WHERE name LIKE '${PREFIX}%'`);
}

before(async () => {
	removeFixtures();
	db(`INSERT INTO issues (name, description, position) VALUES (${sqlString(ISSUE)}, 'Somewhere safe to live', 960)`);
	const issue = one(`SELECT id FROM issues WHERE name = ${sqlString(ISSUE)}`);
	for (const name of [ORG, OTHER]) {
		db(`INSERT INTO organisations (name, all_local_authorities, description) VALUES (${sqlString(name)}, 1, 'A test service')`);
		db(`INSERT INTO organisation_issues (organisation_id, issue_id) VALUES (${organisationId(name)}, ${issue})`);
	}
	browser = await launchChromium();
});

after(async () => {
	await browser?.close();
	removeFixtures();
	resetThrottle();
});

async function signedInPage(username) {
	const page = await (await browser.newContext()).newPage();
	page.setDefaultTimeout(15000);
	await page.goto(BASE_URL + '/signin');
	await page.getByLabel('Username', { exact: true }).fill(username);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
	return page;
}

async function click(page, locator) {
	await Promise.all([page.waitForNavigation(), locator.click()]);
}

describe('pausing an organisation, seen by a sender', () => {
	it('the lead (an administrator until roles merge) finds it in the directory and pauses it', async () => {
		const page = await signedInPage('admin');
		await click(page, page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Directory', exact: true }));
		await page.getByLabel('Name', { exact: true }).fill(PREFIX);
		await click(page, page.getByRole('button', { name: 'Search', exact: true }));
		await assertAccessible(page, 'the directory');
		await click(page, page.getByRole('link', { name: ORG, exact: true }));
		await page.getByRole('heading', { level: 1, name: ORG }).waitFor();
		await assertAccessible(page, 'the profile');

		// a missing reason: refused, the date kept
		await page.getByLabel('Day', { exact: true }).fill('3');
		await page.getByLabel('Month', { exact: true }).fill('3');
		await page.getByLabel('Year', { exact: true }).fill(String(YEAR));
		await click(page, page.getByRole('button', { name: 'Pause referrals', exact: true }));
		await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
		assert.equal(await page.getByLabel('Year', { exact: true }).inputValue(), String(YEAR));
		await assertAccessible(page, 'the profile with an error');

		await page.getByLabel('Reason', { exact: true }).fill('staff shortage');
		await click(page, page.getByRole('button', { name: 'Pause referrals', exact: true }));
		await page.getByText('Referrals paused').first().waitFor();
		assert.match(await page.locator('#status').textContent(), new RegExp(`Paused until 3 March ${YEAR}: staff shortage`));
		assert.equal(one(`SELECT paused_until FROM organisations WHERE name = ${sqlString(ORG)}`), `${YEAR}-03-03`);
	});

	it('a sender sees it listed as paused, with the reason, in the receivers step', async () => {
		const page = await signedInPage('amira');
		// a draft as the journey's find step makes one (POST /referrals/new), filled in below
		await page.goto(BASE_URL + '/referrals/new');
		const csrf = await page.locator('input[name="csrf"]').first().getAttribute('value');
		const made = await page.request.post(BASE_URL + '/referrals/new', { form: { csrf }, headers: { Origin: new URL(BASE_URL).origin }, maxRedirects: 0 });
		assert.equal(made.status(), 303);
		const draft = made.headers().location.match(/\/drafts\/(\d+)\/find/)[1];
		drafts.push(draft);
		const year = new Date().getUTCFullYear() - 30;
		const values = { first_name: 'Robin', last_name: 'Opbrowsertest', dob_day: '1', dob_month: '1', dob_year: String(year), urgent: 'no',
			sending_org: organisationId('Riverside Citizens Advice'), issue: one(`SELECT id FROM issues WHERE name = ${sqlString(ISSUE)}`) };
		for (const [name, value] of Object.entries(values))
			db(`INSERT INTO draft_values (draft_id, name, position, value) VALUES (${draft}, '${name}', 0, ${sqlString(String(value))})`);
		await page.goto(`${BASE_URL}/drafts/${draft}/receivers`);
		// the other organisation is offered; the paused one is not
		await page.getByLabel(OTHER, { exact: true }).waitFor();
		assert.equal(await page.getByLabel(ORG, { exact: true }).count(), 0);
		await page.getByText(`Organisations not offered for ${ISSUE} (1)`).click();
		const row = page.getByRole('row').filter({ hasText: ORG });
		assert.match(await row.textContent(), new RegExp(`Paused until 3 March ${YEAR}: staff shortage`));
		await assertAccessible(page, 'the receivers step with a paused organisation');
		// its name links to its profile
		await click(page, row.getByRole('link', { name: ORG, exact: true }));
		await page.getByRole('heading', { level: 1, name: ORG }).waitFor();
	});
});
