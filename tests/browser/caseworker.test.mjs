// A caseworker's day in a real browser (issue 12 points 2 to 8), at desktop (1280 px) and phone
// (390 px) width: the referral page, the dashboard, the inbox and each journey step fit the
// screen (no sideways scroll), break no word inside a table cell, and axe finds nothing
// serious or critical; every referral row (group siblings, the client's Referrals tab, inbox
// and dashboard messages) opens its own referral; ticking Urgent changes the timeframes at once; No fixed abode hides the address;
// and without JavaScript the urgency chosen shows its timeframes on the next page.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, PASSWORD, Browser, db, dbRows, resetThrottle } from '../http/lib.mjs';
import { launchChromium, assertAccessible, brokenWords } from './lib.mjs';

const TAG = 'CW' + Date.now().toString(36).slice(-5);
const WIDTHS = [1280, 390];
let browser;
const ids = {};
const one = (sql) => dbRows(sql)[0][0];

async function signIn(page, username) {
	await page.goto(BASE_URL + '/signin');
	await page.getByLabel('Username', { exact: true }).fill(username);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
}

// No sideways scroll, no word broken inside a table cell (at either width), and nothing
// serious or critical for axe.
async function fits(page, what) {
	await page.waitForLoadState('load');
	const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
	assert.ok(scroll <= inner, `${what}: no horizontal overflow (${scroll} > ${inner})`);
	assert.deepEqual(await brokenWords(page), [], `${what}: no word broken inside a table cell`);
	await assertAccessible(page, what);
}

async function open(page, path, what) {
	const res = await page.goto(BASE_URL + path);
	assert.equal(res.status(), 200, `${what}: ${path}`);
	await page.locator('body.govuk-frontend-supported').waitFor();
	await fits(page, what);
}

// Follows a link and checks it opened referral id.
async function opensReferral(page, link, id, what) {
	await Promise.all([page.waitForNavigation(), link.click()]);
	assert.match(page.url(), new RegExp(`/referrals/${id}(\\?|$)`), `${what} opens referral ${id}`);
	assert.equal((await page.locator('.govuk-caption-l').first().textContent()).trim(), `Referral ${id}`, what);
}

// New referral opens the search; choosing a new client makes the draft: its id.
async function newDraft(page) {
	await page.goto(BASE_URL + '/referrals/new');
	await page.getByLabel('First name', { exact: true }).fill('Journey');
	await page.getByLabel('Last name', { exact: true }).fill('Walker' + TAG.toLowerCase().replace(/[0-9]/g, ''));
	const dob = page.getByRole('group', { name: /Date of birth/ });
	await dob.getByLabel('Day', { exact: true }).fill('5');
	await dob.getByLabel('Month', { exact: true }).fill('6');
	await dob.getByLabel('Year', { exact: true }).fill('1991');
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Search', exact: true }).click()]);
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Continue as a new client', exact: true }).click()]);
	return page.url().match(/\/drafts\/(\d+)\/client/)[1];
}

before(async () => {
	resetThrottle();
	ids.riverside = one(`SELECT id FROM organisations WHERE name = 'Riverside Citizens Advice'`);
	ids.foodbank = one(`SELECT id FROM organisations WHERE name = 'Southgate Food Bank'`);
	ids.housing = one(`SELECT id FROM organisations WHERE name = 'Northfield Council Housing Options'`);
	await new Browser().get('/'); // the stack is up
	const amira = (await import('../http/lib.mjs')).signedIn;
	await amira('amira');
	ids.amira = one(`SELECT id FROM staff WHERE username = 'amira'`);
	ids.issue = one(`SELECT id FROM issues WHERE active = 1 ORDER BY position, id LIMIT 1`);
	const res = await new Browser().post(
		'/_test/clients',
		[['first_name', 'Dayin'], ['last_name', 'Thelife' + TAG.toLowerCase().replace(/[0-9]/g, '')], ['date_of_birth', '1985-03-27'], ['phone', '07700900123'], ['contact_phone', '1'], ['contact_sms', '1'],
			['email', `day@${TAG.toLowerCase()}.example`], ['address_line1', '1 Long Road'], ['town', 'Leeds'], ['postcode', 'LS1 1UR'],
			['created_by', ids.amira], ['org', ids.riverside], ['org', ids.foodbank], ['org', ids.housing]],
		{ origin: null },
	);
	assert.equal(res.status, 200, res.body);
	ids.client = JSON.parse(res.body).id;
	const group = db(
		`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${ids.client}, ${ids.riverside}, ${ids.amira});` +
			`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id) VALUES (${ids.client}, ${ids.issue}, ${ids.riverside}, ${ids.amira}, LAST_INSERT_ID());` +
			`SET @g = LAST_INSERT_ID();` +
			`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, update_due, close_due) VALUES (@g, ${ids.client}, ${ids.issue}, ${ids.riverside}, ${ids.foodbank}, ${ids.amira}, CURDATE() + INTERVAL 3 DAY, CURDATE() + INTERVAL 15 DAY);` +
			`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, update_due, close_due) VALUES (@g, ${ids.client}, ${ids.issue}, ${ids.riverside}, ${ids.housing}, ${ids.amira}, CURDATE() + INTERVAL 3 DAY, CURDATE() + INTERVAL 15 DAY);` +
			`INSERT INTO events (staff_id, organisation_id, action, subject_type, subject_id, new_value, detail) VALUES (${ids.amira}, ${ids.riverside}, 'referral.sent', 'referral', LAST_INSERT_ID(), 'new', 'Sent');` +
			`SELECT @g;`,
	).trim();
	[ids.a, ids.b] = dbRows(`SELECT id FROM referrals WHERE group_id = ${group} ORDER BY id`).map((r) => r[0]);
	ids.group = group;
	db(`INSERT INTO inbox_messages (staff_id, kind, subject, body, link) VALUES (${ids.amira}, 'referral_acknowledged', 'Referral ${ids.b} acknowledged: ${TAG}', '', '/referrals/${ids.b}')`);
	browser = await launchChromium();
});

after(async () => {
	await browser?.close();
	db(`DELETE FROM inbox_messages WHERE subject LIKE '%${TAG}%'`);
	db(`DELETE FROM events WHERE subject_type = 'referral' AND subject_id IN (${ids.a}, ${ids.b})`);
	db(`DELETE FROM referrals WHERE group_id = ${ids.group}`);
	db(`DELETE FROM referral_groups WHERE id = ${ids.group}`);
	db(`DELETE FROM drafts WHERE staff_id = ${ids.amira}`);
	resetThrottle();
});

for (const width of WIDTHS) {
	describe(`at ${width} px`, () => {
		let page;
		before(async () => {
			page = await (await browser.newContext({ viewport: { width, height: 800 } })).newPage();
			page.setDefaultTimeout(15000);
			await signIn(page, 'amira');
		});

		it('the referral page fits, passes axe, and links the other referral of its group', async () => {
			await open(page, `/referrals/${ids.a}`, `the referral page at ${width}`);
			assert.match(await page.locator('#contact-ways').textContent(), /Contact by: phone, SMS — not email, not post, no voicemail/);
			assert.match(await page.locator('#client-details').textContent(), /07700 900123/);
			await opensReferral(page, page.locator(`#group tr[data-referral="${ids.b}"] a`), ids.b, 'the group sibling');
		});

		it('every row of the client’s Referrals tab opens its own referral', async () => {
			for (const id of [ids.a, ids.b]) {
				await open(page, `/clients/${ids.client}/referrals`, `the Referrals tab at ${width}`);
				await opensReferral(page, page.locator(`#referrals a[href$="/referrals/${id}"]`), id, 'a Referrals tab row');
			}
		});

		it('the inbox fits, names the client and its message opens the referral', async () => {
			await open(page, '/inbox', `the inbox at ${width}`);
			const row = page.locator('#inbox-messages tr').filter({ hasText: TAG });
			assert.match(await row.textContent(), /Client: Dayin/);
			await opensReferral(page, row.getByRole('link', { name: new RegExp(TAG) }), ids.b, 'an inbox message');
		});

		it('the dashboard fits, its charts’ labels are not clipped, and its latest message opens the referral', async () => {
			await open(page, '/', `the dashboard at ${width}`);
			assert.equal(await page.locator('#count-sent-new').count(), 1, 'the sent figures');
			// the charts' labels, today's last among them, are drawn inside the chart (not clipped)
			const clipped = await page.evaluate(() => [...document.querySelectorAll('svg.app-chart')].flatMap((svg) => {
				const box = svg.getBoundingClientRect();
				return [...svg.querySelectorAll('text')].map((t) => [t.textContent, t.getBoundingClientRect()])
					.filter(([, r]) => r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
					.map(([label]) => label);
			}));
			assert.ok((await page.locator('svg.app-chart text').count()) >= 4, 'the charts have labels');
			assert.deepEqual(clipped, [], 'no chart label is clipped');
			await opensReferral(page, page.locator('.app-dashboard-inbox a').filter({ hasText: TAG }), ids.b, 'a dashboard message');
		});

		it('each journey step fits and passes axe', async () => {
			await open(page, '/referrals/new', `New referral (the find step) at ${width}`);
			const draft = await newDraft(page);
			for (const step of ['find', 'client', 'address', 'consent', 'details', 'receivers', 'questions', 'summary']) {
				await open(page, `/drafts/${draft}/${step}`, `the ${step} step at ${width}`);
			}
		});

		it('ticking Urgent changes the timeframes at once; No fixed abode hides the address', async () => {
			const draft = await newDraft(page);
			await open(page, `/drafts/${draft}/details`, 'details');
			const update = page.locator('#timeframe-update');
			const normal = await update.textContent();
			await page.locator('input[name="urgent"][value="yes"]').check();
			assert.equal(await update.textContent(), await page.locator('#timeframes').getAttribute('data-urgent-update'));
			assert.notEqual(await update.textContent(), normal);
			assert.equal((await page.locator('#timeframes-heading').textContent()).trim(), 'Timeframes for an urgent referral');
			await page.locator('input[name="urgent"][value="no"]').check();
			assert.equal(await update.textContent(), normal);
			await open(page, `/drafts/${draft}/address`, 'address');
			assert.ok(await page.locator('#postcode').isVisible());
			await page.locator('#no_fixed_abode').check();
			assert.equal(await page.locator('#postcode').isVisible(), false, 'the address hidden');
			assert.ok(await page.locator('#local_authority').isVisible(), 'the local authority still asked');
			await fits(page, 'address, no fixed abode');
			await page.locator('#no_fixed_abode').uncheck();
			assert.ok(await page.locator('#address_line1').isVisible());
		});
	});
}

describe('without JavaScript', () => {
	it('shows the urgency chosen on the details page with its timeframes on the next page', async () => {
		const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
		page.setDefaultTimeout(15000);
		await signIn(page, 'amira');
		const draft = await newDraft(page); // the search and the choice work without JavaScript
		await page.goto(`${BASE_URL}/drafts/${draft}/details`);
		await page.locator('input[name="issue"]').first().check();
		await page.locator('input[name="urgent"][value="yes"]').check();
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Continue' }).click()]);
		assert.match(page.url(), /\/receivers$/);
		assert.match(await page.locator('#chosen-timeframes').textContent(), /^This is an urgent referral: the receiving organisation must update it within 1 working day \(/);
		await page.goto(`${BASE_URL}/drafts/${draft}/address`);
		assert.ok(await page.locator('#address_line1').isVisible(), 'without JavaScript the address stays');
		await page.context().close();
	});
});
