// Clients in a real browser (Debian's Chromium driven by playwright-core): a staff member finds
// a client in the list by searching, opens the profile, moves between the Details and Referrals
// tabs (plain links: no script needed), sees the banner after a send, and pages through a long
// list; an administrator sees every client; the JSON search answers a script on the page under
// the Content-Security-Policy. axe-core runs on every page (no serious or critical violations).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
// importing the HTTP helpers takes the suite lock (see signin.test.mjs)
import { BASE_URL, PASSWORD, Browser, db, dbRows, sqlString, organisationId, resetThrottle } from '../http/lib.mjs';
import { launchChromium, assertAccessible as axeCheck } from './lib.mjs';

const DOMAIN = 'clients-browser.example';

let browser;
let context;
let page;
const consoleErrors = [];
let rita;
let hidden;

function cleanUp() {
	const ids = `SELECT id FROM clients WHERE email LIKE '%@${DOMAIN}'`;
	db(`DELETE r FROM referrals r JOIN (${ids}) c ON c.id = r.client_id`);
	db(`DELETE g FROM referral_groups g JOIN (${ids}) c ON c.id = g.client_id`);
	db(`DELETE x FROM consents x JOIN (${ids}) c ON c.id = x.client_id`);
	db(`DELETE co FROM client_orgs co JOIN (${ids}) c ON c.id = co.client_id`);
	db(`DELETE FROM clients WHERE email LIKE '%@${DOMAIN}'`);
	resetThrottle();
}

function one(sql) {
	const rows = dbRows(sql);
	assert.equal(rows.length, 1, sql);
	return rows[0][0];
}

let counter = 0;
async function createClient(fields, orgIds, createdBy) {
	const pairs = Object.entries({ email: `c${++counter}@${DOMAIN}`, created_by: createdBy, ...fields });
	for (const id of orgIds) pairs.push(['org', id]);
	const res = await new Browser().post('/_test/clients', pairs, { origin: null });
	assert.equal(res.status, 200, res.body);
	return String(JSON.parse(res.body).id);
}

async function signIn(username) {
	await context?.close();
	context = await browser.newContext();
	page = await context.newPage();
	page.setDefaultTimeout(15000);
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(`${message.text()} (on ${page.url()})`);
	});
	page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
	await page.goto(BASE_URL + '/signin');
	await page.getByLabel('Username', { exact: true }).fill(username);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
}

before(async () => {
	cleanUp();
	// staff rows exist once people have signed in
	await new Browser().signIn('amira');
	await new Browser().signIn('tina');
	const amira = one(`SELECT id FROM staff WHERE username = 'amira'`);
	const tina = one(`SELECT id FROM staff WHERE username = 'tina'`);
	const riverside = organisationId('Riverside Citizens Advice');
	const housing = organisationId('Northfield Council Housing Options');
	const foodbank = organisationId('Southgate Food Bank');
	const hartlepool = one(`SELECT id FROM local_authorities WHERE code = 'E06000001'`);
	rita = await createClient(
		{
			first_name: 'Rita',
			last_name: 'Browsertest',
			date_of_birth: '1975-05-05',
			phone: '07700900321',
			contact_phone: '1',
			address_line1: '9 Harbour Walk',
			town: 'Hartlepool',
			postcode: 'TS24 8AY',
			local_authority_id: hartlepool,
		},
		[riverside, housing],
		amira,
	);
	hidden = await createClient({ first_name: 'Hidden', last_name: 'Browsertest', date_of_birth: '1960-06-06' }, [foodbank], tina);
	for (let i = 0; i < 27; i++) {
		await createClient({ first_name: 'Pager', last_name: `Browsertest${'abcdefghijklmnopqrstuvwxyz'[i % 26]}${i >= 26 ? 'z' : ''}`, date_of_birth: '1990-01-01' }, [riverside], amira);
	}
	// amira sent Rita a housing referral
	const issue = one(`SELECT id FROM issues WHERE name = 'Housing'`);
	db(`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${rita}, ${riverside}, ${amira})`);
	const consent = one(`SELECT MAX(id) FROM consents`);
	db(`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id) VALUES (${rita}, ${issue}, ${riverside}, ${amira}, ${consent})`);
	const group = one(`SELECT MAX(id) FROM referral_groups`);
	db(`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, update_due, close_due)
	    VALUES (${group}, ${rita}, ${issue}, ${riverside}, ${housing}, ${amira}, CURDATE() + INTERVAL 5 DAY, CURDATE() + INTERVAL 20 DAY)`);
	browser = await launchChromium();
	await signIn('amira');
});

after(async () => {
	await browser?.close();
	cleanUp();
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

// A tab of the profile (the service name in the header is a "Referrals" link too).
function tab(name) {
	return page.locator('main').getByRole('link', { name, exact: true });
}

async function mainText() {
	return (await page.locator('main').textContent()).replace(/\s+/g, ' ');
}

describe('clients in a browser', () => {
	it('finds a client by searching the list and opens the profile', async () => {
		await page.goto(BASE_URL + '/clients');
		await heading('Clients').waitFor();
		const newReferral = page.getByRole('button', { name: 'New referral', exact: true });
		assert.match(await newReferral.getAttribute('href'), /\/referrals\/new$/);
		await assertPageChecks('the client list');
		await page.getByLabel('Search by name or email').fill('rita browsertest');
		await click(page.getByRole('button', { name: 'Search', exact: true }));
		const table = page.getByRole('table');
		assert.match(await table.textContent(), /Rita Browsertest/);
		assert.doesNotMatch(await table.textContent(), /Hidden Browsertest/);
		await assertPageChecks('a search of the clients');
		await click(table.getByRole('link', { name: 'Rita Browsertest' }));
		await heading('Rita Browsertest').waitFor();
		const details = await mainText();
		assert.match(details, /Born 5 May 1975 \(age \d+\)/);
		assert.match(details, /Address 9 Harbour Walk Hartlepool TS24 8AY/);
		assert.match(details, /Local authority Hartlepool \(E06000001\)/);
		assert.match(details, /Can be contacted by Phone call/);
		assert.equal(await tab('Details').getAttribute('aria-current'), 'page');
		assert.match(await page.getByRole('button', { name: 'New referral for this client' }).getAttribute('href'), new RegExp(`/referrals/new\\?client=${rita}$`));
		await assertPageChecks('a client’s details');
	});

	it('moves between the Details and Referrals tabs', async () => {
		await click(tab('Referrals'));
		await heading('Rita Browsertest').waitFor();
		assert.equal(await tab('Referrals').getAttribute('aria-current'), 'page');
		const table = page.getByRole('table', { name: /Referrals for Rita Browsertest/ });
		assert.match((await table.textContent()).replace(/\s+/g, ' '), /Housing Riverside Citizens Advice Northfield Council Housing Options \d+ \w+ \d{4} New Update due/);
		await assertPageChecks('a client’s referrals');
		await click(tab('Details'));
		await page.getByRole('heading', { level: 2, name: 'Personal details' }).waitFor();
		await click(page.getByRole('link', { name: 'Back', exact: true }));
		await heading('Clients').waitFor();
	});

	it('shows what was just sent after a send', async () => {
		await page.goto(`${BASE_URL}/clients/${rita}/referrals?sent=1`);
		const banner = page.getByRole('alert');
		assert.match((await banner.textContent()).replace(/\s+/g, ' '), /Referrals sent 1 referral sent for Rita Browsertest: Referral \d+: Housing to Northfield Council Housing Options/);
		await assertPageChecks('the Referrals tab after a send');
	});

	it('pages through a long list', async () => {
		await page.goto(BASE_URL + '/clients?q=browsertest');
		assert.match(await mainText(), /28 matching ‘browsertest’ \(page 1 of 2\)/);
		const pagination = page.getByRole('navigation', { name: 'Pagination' });
		await assertPageChecks('the client list with pages');
		await click(pagination.getByRole('link', { name: 'Next page' }));
		assert.match(await mainText(), /page 2 of 2/);
		assert.equal(await page.getByRole('table').getByRole('row').count(), 1 + 3);
		await assertPageChecks('the second page of the client list');
	});

	it('does not show another organisation’s client', async () => {
		const res = await page.goto(`${BASE_URL}/clients/${hidden}`);
		assert.equal(res.status(), 404);
		await heading('Page not found').waitFor();
		assert.doesNotMatch(await mainText(), /Hidden/);
		await assertPageChecks('a client of another organisation');
	});

	it('answers the JSON search from a script on the page', async () => {
		await page.goto(BASE_URL + '/clients');
		const found = await page.evaluate(async (base) => {
			const q = new URLSearchParams({ first_name: 'Hidden', last_name: 'BROWSERTEST', dob_day: '6', dob_month: '6', dob_year: '1960' });
			const res = await fetch(`${base}/api/clients/search?${q}`, { headers: { Accept: 'application/json' } });
			return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
		}, new URL(BASE_URL).pathname.replace(/\/$/, ''));
		assert.equal(found.status, 200);
		assert.match(found.type, /^application\/json/);
		assert.deepEqual(found.body.exact.map((m) => [m.id, m.first_name, m.visible]), [[Number(hidden), 'Hidden', false]]);
		assert.deepEqual(found.body.close, []);
		assertNoScriptErrors('the JSON search');
	});

	it('shows an administrator every client', async () => {
		await signIn('admin');
		await page.goto(BASE_URL + '/clients?q=hidden+browsertest');
		assert.match(await mainText(), /you see every client/);
		await click(page.getByRole('table').getByRole('link', { name: 'Hidden Browsertest' }));
		await heading('Hidden Browsertest').waitFor();
		await assertPageChecks('another organisation’s client, as an administrator');
	});
});
