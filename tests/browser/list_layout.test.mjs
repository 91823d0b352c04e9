// The lists on any screen (issue 12, points 1 and 10), in Debian's Chromium: Sent, Received,
// Clients and the administration's lists at 1280 px and 390 px have no sideways scroll, no
// word broken inside a table cell and the table as wide as the page's content at 1280 px,
// their rows stacked as labelled cards at 390 px, and no serious or critical axe violation;
// the filters fold into a panel (a <details> whose summary is the Show / Hide button) that
// works without JavaScript, every chosen filter is a tag that removes it; urgent, overdue and
// expired consent are words, not symbols; and at 390 px the header with the organisation
// switcher takes at most a third of the first screen.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
// importing the HTTP helpers takes the suite lock (see signin.test.mjs)
import { BASE_URL, PASSWORD, dbRows, resetThrottle } from '../http/lib.mjs';
import { launchChromium, assertAccessible, brokenWords } from './lib.mjs';

const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const STAFF_LISTS = ['/referrals/sent', '/referrals/received', '/clients'];
const ADMIN_LISTS = [
	'/admin/staff', '/admin/organisations', '/admin/audit', '/admin/issues', '/admin/closure-reasons',
	'/admin/local-authorities', '/admin/postcodes', '/admin/lists/gender', '/admin/bank-holidays',
];

let browser;
const contexts = [];

async function signIn(username, { viewport = WIDE, javaScript = true } = {}) {
	const context = await browser.newContext({ viewport, javaScriptEnabled: javaScript });
	contexts.push(context);
	const page = await context.newPage();
	page.setDefaultTimeout(15000);
	await page.goto(BASE_URL + '/signin');
	await page.getByLabel('Username', { exact: true }).fill(username);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
	return page;
}

async function go(page, path) {
	const res = await page.goto(BASE_URL + path);
	assert.equal(res.status(), 200, path);
}

const overflow = (page) => page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth }));

async function assertNoSidewaysScroll(page, what) {
	const { scrollWidth, innerWidth } = await overflow(page);
	assert.ok(scrollWidth <= innerWidth, `${what}: no horizontal overflow (${scrollWidth} > ${innerWidth})`);
}

// At phone width each list row is a card: rows are blocks, the header row is hidden, and every
// cell with a label shows it before its value.
function cardProblems(page) {
	return page.evaluate(() => {
		const problems = [];
		for (const table of document.querySelectorAll('main table.app-list')) {
			const head = table.querySelector('thead');
			if (head && head.getBoundingClientRect().height > 1) problems.push('the header row is shown');
			for (const row of table.querySelectorAll('tbody tr')) {
				if (getComputedStyle(row).display !== 'block') problems.push('a row is not a card');
				for (const cell of row.querySelectorAll('td[data-label]')) {
					const label = cell.getAttribute('data-label');
					if (!label) continue;
					const before = getComputedStyle(cell, '::before').content;
					if (!before.includes(label)) problems.push(`cell ${label} shows ${before}`);
				}
			}
		}
		return problems;
	});
}

// Each list's table as wide as the page's content (not a two-thirds column): the widths of
// those narrower than the main content, [] when none.
function narrowTables(page) {
	return page.evaluate(() => {
		const main = document.querySelector('main');
		const style = getComputedStyle(main);
		const content = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
		return [...main.querySelectorAll('table.app-list')].map((t) => t.getBoundingClientRect().width)
			.filter((w) => w < content - 1).map((w) => `${w} of ${content}`);
	});
}

async function checkList(page, path, viewport) {
	await go(page, path);
	const what = `${path} at ${viewport.width} px`;
	await assertNoSidewaysScroll(page, what);
	if (viewport === WIDE) {
		assert.deepEqual(await brokenWords(page), [], `${what}: no word broken inside a table cell`);
		assert.deepEqual(await narrowTables(page), [], `${what}: the table takes the page's width`);
	} else assert.deepEqual(await cardProblems(page), [], `${what}: rows stacked as cards`);
	assert.ok((await page.locator('main table.app-list').count()) > 0, `${what}: the list's table`);
	await assertAccessible(page, what);
}

// The chosen filters' tags: each link leads to the list without that one filter, the others
// kept, and the tag is gone.
async function checkTags(page, path, params) {
	const url = `${path}?${new URLSearchParams(params)}`;
	for (const name of Object.keys(params)) {
		await go(page, url);
		const tags = page.locator('#filter-tags a.app-filter-tag');
		assert.equal(await tags.count(), Object.keys(params).length, `${url}: a tag for each filter`);
		const tag = tags.nth(Object.keys(params).indexOf(name));
		await Promise.all([page.waitForNavigation(), tag.click()]);
		const left = Object.fromEntries(new URL(page.url()).searchParams);
		const want = { ...params };
		delete want[name];
		assert.deepEqual(left, want, `${url}: the ${name} tag removes only ${name}`);
		assert.equal(await page.locator('#filter-tags a.app-filter-tag').count(), Object.keys(want).length);
	}
}

before(async () => {
	resetThrottle();
	browser = await launchChromium();
});

after(async () => {
	for (const c of contexts) await c.close();
	await browser?.close();
});

describe('lists at desktop and phone width', () => {
	for (const viewport of [WIDE, PHONE]) {
		it(`a caseworker's lists at ${viewport.width} px`, async () => {
			const page = await signIn('amira', { viewport });
			for (const path of STAFF_LISTS) await checkList(page, path, viewport);
			await checkList(page, '/referrals/sent?state=open&urgent=1', viewport);
		});

		it(`an administrator's lists at ${viewport.width} px`, async () => {
			const page = await signIn('admin', { viewport });
			for (const path of [...STAFF_LISTS, ...ADMIN_LISTS]) await checkList(page, path, viewport);
		});
	}

	it('takes at most a third of a phone’s first screen for the header and organisation switcher', async () => {
		for (const who of ['ben', 'admin', 'amira']) {
			for (const javaScript of [true, false]) {
				const page = await signIn(who, { viewport: PHONE, javaScript });
				for (const path of ['/', '/referrals/received', '/clients']) {
					await go(page, path);
					const { header, height } = await page.evaluate(() => ({ header: document.querySelector('header.app-header').getBoundingClientRect().bottom, height: innerHeight }));
					assert.ok(header <= height / 3, `${who} on ${path}${javaScript ? '' : ' without JavaScript'}: header ${header} px of ${height}`);
					await assertNoSidewaysScroll(page, `${who} on ${path} at 390 px`);
				}
				if (who === 'ben') assert.ok(await page.getByLabel('Organisation', { exact: true }).isVisible(), 'the switcher is there');
			}
		}
	});

	it('shows urgent, overdue and expired consent as words', async () => {
		const page = await signIn('admin');
		await go(page, '/referrals/sent?urgent=1');
		const urgent = page.locator('[data-attention="urgent"]').first();
		assert.equal((await urgent.innerText()).trim(), 'Urgent');
		assert.ok(await urgent.isVisible());
		assert.match(await urgent.getAttribute('class'), /govuk-tag--red/, 'colour as a second cue');
		for (const [kind, words] of [['overdue', 'Overdue'], ['consent', 'Consent expired']]) {
			for (const text of await page.locator(`main [data-attention="${kind}"]`).allInnerTexts()) assert.equal(text.trim(), words);
		}
	});
});

describe('the filter panel and its tags', () => {
	it('removes each chosen filter with its tag', async () => {
		const page = await signIn('admin');
		const issue = String(dbRows('SELECT id FROM issues ORDER BY id LIMIT 1')[0][0]);
		await checkTags(page, '/referrals/sent', { q: 'smith', state: 'open', issue, urgent: '1' });
		const la = String(dbRows('SELECT id FROM local_authorities WHERE active = 1 ORDER BY id LIMIT 1')[0][0]);
		await checkTags(page, '/clients', { q: 'smith', postcode: 'TS24', age_from: '18', local_authority: la });
		await checkTags(page, '/admin/audit', { action: 'signin', who: 'admin' });
	});

	it('filters without JavaScript: the panel is open, its button folds it, tags remove filters', async () => {
		const page = await signIn('amira', { javaScript: false });
		await go(page, '/referrals/received');
		const panel = page.locator('details.app-filter');
		assert.equal(await panel.evaluate((d) => d.open), true, 'open when the page arrives');
		await page.locator('summary.app-filter__toggle').click();
		assert.equal(await panel.evaluate((d) => d.open), false, '"Hide filters" folds it');
		assert.ok(await page.getByText('Show filters').isVisible());
		await page.locator('summary.app-filter__toggle').click();
		await page.getByLabel('Open or closed').selectOption('open');
		await page.getByLabel('Urgent').check();
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Apply filters' }).click()]);
		const url = new URL(page.url());
		assert.equal(url.searchParams.get('state'), 'open');
		assert.equal(url.searchParams.get('urgent'), '1');
		const tags = await page.locator('#filter-tags a.app-filter-tag').allInnerTexts();
		assert.deepEqual(tags.map((t) => t.replace(/\s+/g, ' ').trim()), ['Remove this filter: Open', 'Remove this filter: Urgent']);
		await Promise.all([page.waitForNavigation(), page.locator('#filter-tags a.app-filter-tag', { hasText: 'Urgent' }).click()]);
		assert.equal(new URL(page.url()).searchParams.get('urgent'), null);
		assert.equal(new URL(page.url()).searchParams.get('state'), 'open');

		await go(page, '/clients');
		await page.getByLabel('Postcode').fill('ts24');
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Apply filters' }).click()]);
		assert.equal(new URL(page.url()).searchParams.get('postcode'), 'ts24');
		const shown = await page.locator('#clients tbody td[data-label="Address"]').allInnerTexts();
		for (const address of shown) assert.match(address, /TS24 /, 'only clients of that postcode');
		await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Clear filters' }).click()]);
		assert.equal(new URL(page.url()).search, '');
	});

	it('folds the panel on a phone with JavaScript, and opens it with Show filters', async () => {
		const page = await signIn('amira', { viewport: PHONE });
		await go(page, '/referrals/received');
		const panel = page.locator('details.app-filter');
		await page.waitForFunction(() => !document.querySelector('details.app-filter').open);
		assert.equal(await page.getByLabel('Client name or email').isVisible(), false);
		await page.locator('summary', { hasText: 'Show filters' }).click();
		assert.equal(await panel.evaluate((d) => d.open), true);
		assert.ok(await page.getByLabel('Client name or email').isVisible());
		// a filter that needs correcting keeps it open
		assert.equal((await page.goto(BASE_URL + '/referrals/received?age_from=old')).status(), 400);
		await page.waitForLoadState('load');
		assert.equal(await panel.evaluate((d) => d.open), true);
	});
});
