// The dashboard and the Sent and Received lists in a real browser (Debian's Chromium driven by
// playwright-core): a staff member sees the dashboard with its counts and charts, follows the
// New count to the Received list, filters it with the form (the filters land in the URL, so
// reloading the URL gives the same list), sees a wrong filter answered with a message beside
// the field, and sorts; an administrator sees every organisation. axe-core on every page.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
// importing the HTTP helpers takes the suite lock (see signin.test.mjs)
import { BASE_URL, PASSWORD, Browser, db, dbRows, organisationId, resetThrottle } from '../http/lib.mjs';
import { launchChromium, assertAccessible } from './lib.mjs';

const DOMAIN = 'lists-browser.example';
let browser, context, page;
const consoleErrors = [];
const ref = {};

function cleanUp() {
	const ids = `SELECT id FROM clients WHERE email LIKE '%@${DOMAIN}'`;
	db(`DELETE r FROM referrals r JOIN (${ids}) c ON c.id = r.client_id`);
	db(`DELETE g FROM referral_groups g JOIN (${ids}) c ON c.id = g.client_id`);
	db(`DELETE x FROM consents x JOIN (${ids}) c ON c.id = x.client_id`);
	db(`DELETE FROM clients WHERE email LIKE '%@${DOMAIN}'`);
	resetThrottle();
}

const one = (sql) => dbRows(sql)[0][0];

let counter = 0;
async function referral(first, last, { from, to, by, status = 'new', urgent = 0, updateDue = 5 }) {
	const res = await new Browser().post('/_test/clients', { first_name: first, last_name: last, date_of_birth: '1985-03-03', email: `c${++counter}@${DOMAIN}`, created_by: by }, { origin: null });
	assert.equal(res.status, 200, res.body);
	const client = JSON.parse(res.body).id;
	const issue = one('SELECT id FROM issues ORDER BY id LIMIT 1');
	db(`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${client}, ${from}, ${by})`);
	const consent = one('SELECT MAX(id) FROM consents');
	db(`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id, urgent) VALUES (${client}, ${issue}, ${from}, ${by}, ${consent}, ${urgent})`);
	const group = one('SELECT MAX(id) FROM referral_groups');
	db(`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, urgent, status, update_due, close_due)
	    VALUES (${group}, ${client}, ${issue}, ${from}, ${to}, ${by}, ${urgent}, '${status}', CURDATE() + INTERVAL ${updateDue} DAY, CURDATE() + INTERVAL 20 DAY)`);
	return one('SELECT MAX(id) FROM referrals');
}

async function signIn(username) {
	await context?.close();
	context = await browser.newContext();
	page = await context.newPage();
	page.setDefaultTimeout(15000);
	page.on('console', (m) => {
		if (m.type() === 'error') consoleErrors.push(`${m.text()} (on ${page.url()})`);
	});
	page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
	await page.goto(BASE_URL + '/signin');
	await page.getByLabel('Username', { exact: true }).fill(username);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
}

async function checks(what) {
	await assertAccessible(page, what);
	const errors = consoleErrors.splice(0);
	assert.deepEqual(errors.filter((e) => /Content Security Policy|Refused to|uncaught:/i.test(e)), [], `no CSP or script errors on ${what}`);
}

const rowIds = () => page.locator('tr[data-referral-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-referral-id')));

before(async () => {
	cleanUp();
	await new Browser().signIn('amira');
	await new Browser().signIn('tina');
	const amira = one(`SELECT id FROM staff WHERE username = 'amira'`);
	const riverside = organisationId('Riverside Citizens Advice');
	const foodbank = organisationId('Southgate Food Bank');
	const therapies = organisationId('Eastbrook NHS Talking Therapies');
	ref.urgent = await referral('Ursula', 'Listbrowser', { from: riverside, to: foodbank, by: amira, urgent: 1, updateDue: -1 });
	ref.plain = await referral('Peter', 'Listbrowser', { from: riverside, to: foodbank, by: amira });
	ref.acknowledged = await referral('Alma', 'Listbrowser', { from: riverside, to: foodbank, by: amira, status: 'acknowledged' });
	ref.other = await referral('Otto', 'Listbrowser', { from: riverside, to: therapies, by: amira });
	browser = await launchChromium();
});

after(async () => {
	await browser?.close();
	cleanUp();
});

describe('lists and dashboard in a browser', () => {
	it('shows the dashboard and follows the New count to the Received list', async () => {
		await signIn('tina');
		await assert.doesNotReject(page.getByRole('heading', { name: /Received in the last 30 days/ }).waitFor());
		await assert.doesNotReject(page.getByRole('img', { name: /Received in the last 30 days/ }).waitFor());
		await page.getByText('Received per day as a table').click();
		await assert.doesNotReject(page.getByRole('table', { name: 'Received referrals per day' }).waitFor());
		await checks('the dashboard');
		const shown = Number(await page.locator('#count-new [data-count]').textContent());
		await Promise.all([page.waitForNavigation(), page.locator('#count-new').click()]);
		assert.match(page.url(), /\/referrals\/received\?.*status=new/);
		await assert.doesNotReject(page.getByRole('heading', { name: 'Received referrals', level: 1 }).waitFor());
		const summary = await page.locator('#list-count').textContent();
		assert.match(summary, new RegExp(`^${shown} referrals? match|^No referrals match`));
		await checks('the Received list');
	});

	it('filters with the form, keeps the filters in the URL, and sorts', async () => {
		await page.goto(BASE_URL + '/referrals/received');
		await page.getByLabel('Client name or email').fill('listbrowser');
		await page.getByLabel('Status', { exact: true }).selectOption('new');
		await page.getByLabel('Sort by').selectOption('name');
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Apply filters' }).click()]);
		assert.deepEqual(await rowIds(), [ref.plain, ref.urgent], 'New ones by name: Peter, Ursula');
		const url = page.url();
		assert.match(url, /q=listbrowser/);
		assert.match(url, /status=new/);
		assert.match(url, /sort=name/);
		// the urgent one says so, also to a screen reader
		const row = page.locator(`tr[data-referral-id="${ref.urgent}"]`);
		assert.match(await row.textContent(), /Urgent/);
		assert.match(await row.textContent(), /Overdue/);
		await checks('the filtered list');
		// the bookmark gives the same list and the same form
		await page.goto(url);
		assert.deepEqual(await rowIds(), [ref.plain, ref.urgent]);
		assert.equal(await page.getByLabel('Client name or email').inputValue(), 'listbrowser');
		assert.equal(await page.getByLabel('Status', { exact: true }).inputValue(), 'new');
		await page.getByLabel('Urgent').check();
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Apply filters' }).click()]);
		assert.deepEqual(await rowIds(), [ref.urgent]);
		await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: `#${ref.urgent}` }).click()]);
		assert.match(page.url(), new RegExp(`/referrals/${ref.urgent}$`));
	});

	it('answers a wrong filter with a message beside the field', async () => {
		await page.goto(BASE_URL + '/referrals/received');
		await page.getByLabel('Client age from (years)').fill('50');
		await page.getByLabel('Client age to (years)').fill('20');
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Apply filters' }).click()]);
		await assert.doesNotReject(page.getByRole('alert').getByText('Age to must be the same as or more than age from').waitFor());
		assert.equal(await page.getByLabel(/Client age to/).inputValue(), '20');
		await checks('the list with an error');
	});

	it('shows an administrator every organisation’s referrals', async () => {
		await signIn('admin');
		await page.goto(BASE_URL + '/referrals/sent?q=listbrowser');
		await assert.doesNotReject(page.getByText(/All organisations/).waitFor());
		assert.deepEqual((await rowIds()).sort((a, b) => a - b), [ref.urgent, ref.plain, ref.acknowledged, ref.other].sort((a, b) => a - b));
		await checks('the administrator’s list');
	});
});
