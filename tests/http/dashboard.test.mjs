// The dashboard (the home page): the counts agree with the lists they link to and follow the
// data; the charts of the last 30 days show the numbers in the database, in the SVG and in the
// table beside it, by the day in the program's zone; the latest five inbox messages. The home
// page's own content stays.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Browser, signedIn, db, dbRows, text, sqlString, organisationId, resetThrottle, csrfFrom, attr, decodeEntities, BASE_PATH, STACK_DIR } from './lib.mjs';

const BIN = process.env.REFERRALS_BIN || path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fcgi', 'referrals');

const DOMAIN = 'dashboard-test.example';
const FOODBANK = 'Southgate Food Bank';
const RIVERSIDE = 'Riverside Citizens Advice';
const org = {};
let tina, tinaId, amiraId, issue;

// The charts count days as the program sees them: in Referrals.TimeZone, which the test stack
// sets to Europe/London (scripts/stack), whatever the zone of the machine running the tests.
const ZONE = 'Europe/London';
const DAY_MS = 24 * 60 * 60 * 1000;
const zoneFormat = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
function zoneClock(ms) {
	const p = Object.fromEntries(zoneFormat.formatToParts(new Date(ms)).map(({ type, value }) => [type, value]));
	return { day: `${p.year}-${p.month}-${p.day}`, ms: Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) };
}
const zoneDay = (ms) => zoneClock(ms).day;
// The instant (ms) when the zone's clocks show hh:mm on day.
function zoneInstant(day, hh, mm) {
	const [y, m, d] = day.split('-').map(Number);
	const wanted = Date.UTC(y, m - 1, d, hh, mm);
	let t = wanted;
	for (let i = 0; i < 2; i++) t += wanted - zoneClock(t).ms; // less the offset at t
	assert.equal(zoneClock(t).ms, wanted, `${day} ${hh}:${mm} exists in ${ZONE}`);
	return t;
}
const utcText = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const daysBefore = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);

function cleanUp() {
	const ids = `SELECT id FROM clients WHERE email LIKE '%@${DOMAIN}'`;
	db(`DELETE r FROM referrals r JOIN (${ids}) c ON c.id = r.client_id`);
	db(`DELETE g FROM referral_groups g JOIN (${ids}) c ON c.id = g.client_id`);
	db(`DELETE x FROM consents x JOIN (${ids}) c ON c.id = x.client_id`);
	db(`DELETE x FROM client_orgs x JOIN (${ids}) c ON c.id = x.client_id`);
	db(`DELETE FROM clients WHERE email LIKE '%@${DOMAIN}'`);
	db(`DELETE FROM inbox_messages WHERE kind = 'dashboard-test'`);
}

let counter = 0;
async function createClient() {
	const res = await new Browser().post(
		'/_test/clients',
		{ first_name: 'Dash', last_name: `Board${String.fromCharCode(97 + counter)}`, date_of_birth: '1980-05-05', email: `c${++counter}@${DOMAIN}`, created_by: tinaId },
		{ origin: null },
	);
	assert.equal(res.status, 200, res.body);
	return JSON.parse(res.body).id;
}

// createdAt: the instant (ms) it was sent.
async function createReferral({ from, to, status = 'new', urgent = 0, updateDue = 5, closeDue = 20, unresolved = 0, createdAt = Date.now() }) {
	const client = await createClient();
	db(`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${client}, ${from}, ${amiraId})`);
	const consent = dbRows('SELECT MAX(id) FROM consents')[0][0];
	db(`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id, urgent, unresolved) VALUES (${client}, ${issue}, ${from}, ${amiraId}, ${consent}, ${urgent}, ${unresolved})`);
	const group = dbRows('SELECT MAX(id) FROM referral_groups')[0][0];
	db(`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, urgent, status, update_due, close_due, created_at)
	    VALUES (${group}, ${client}, ${issue}, ${from}, ${to}, ${amiraId}, ${urgent}, '${status}', CURDATE() + INTERVAL ${updateDue} DAY, CURDATE() + INTERVAL ${closeDue} DAY, '${utcText(createdAt)}')`);
}

// [[day, count], ...] of a chart's table, as the dashboard shows them.
function chartDays(body, name) {
	const table = body.match(new RegExp(`<table[^>]*data-chart-table="${name}"[\\s\\S]*?</table>`))[0];
	return [...table.matchAll(/data-day="([\d-]+)"[\s\S]*?numeric">(\d+)</g)].map((m) => [m[1], Number(m[2])]);
}

// { new: {count, href}, ... } as the dashboard shows them.
async function counts() {
	const res = await tina.get('/');
	assert.equal(res.status, 200);
	const out = {};
	for (const name of ['new', 'acknowledged', 'overdue', 'urgent', 'unresolved']) {
		const m = res.body.match(new RegExp(`id="count-${name}" href="([^"]*)"><span[^>]*>(\\d+)</span>`));
		assert.ok(m, `the ${name} count`);
		out[name] = { href: m[1].replace(/&amp;/g, '&'), count: Number(m[2]) };
	}
	return out;
}

// How many referrals the list at href says match.
async function listTotal(href) {
	assert.ok(href.startsWith(BASE_PATH + '/referrals/'), href);
	const res = await tina.get(href.slice(BASE_PATH.length));
	assert.equal(res.status, 200, href);
	const t = text(res.body);
	if (/No referrals match/.test(t)) return 0;
	const m = t.match(/(\d+) referrals? match/);
	assert.ok(m, `a count on ${href}`);
	return Number(m[1]);
}

// What a form would send as it stands: its text inputs, checked boxes and radios, and chosen options.
function formValues(html) {
	const values = {};
	for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
		const name = attr(tag, 'name'), type = attr(tag, 'type') || 'text';
		if (!name || type === 'submit') continue;
		if ((type === 'radio' || type === 'checkbox') && !/\schecked\b/.test(tag)) continue;
		values[name] = attr(tag, 'value') ?? '';
	}
	for (const [, name, options] of html.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
		const chosen = options.match(/<option\b[^>]*value="([^"]*)"[^>]*\sselected\b/);
		values[name] = chosen ? decodeEntities(chosen[1]) : '';
	}
	for (const [, name, value] of html.matchAll(/<textarea\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) values[name] = decodeEntities(value);
	return values;
}

before(async () => {
	resetThrottle();
	org.foodbank = organisationId(FOODBANK);
	org.riverside = organisationId(RIVERSIDE);
	tina = await signedIn('tina');
	await signedIn('amira');
	tinaId = dbRows("SELECT id FROM staff WHERE username = 'tina'")[0][0];
	amiraId = dbRows("SELECT id FROM staff WHERE username = 'amira'")[0][0];
	issue = dbRows('SELECT id FROM issues ORDER BY id LIMIT 1')[0][0];
	cleanUp();
});

after(() => {
	cleanUp();
	resetThrottle();
});

describe('the dashboard', () => {
	it('keeps the home page’s greeting, organisation and actions', async () => {
		const res = await tina.get('/');
		assert.match(text(res.body), /Hello, /);
		assert.match(text(res.body), new RegExp(`You are working for ${FOODBANK}`));
		assert.ok(res.body.includes(`href="${BASE_PATH}/referrals/new"`));
	});

	it('counts what the lists it links to show', async () => {
		for (const [name, c] of Object.entries(await counts())) assert.equal(await listTotal(c.href), c.count, name);
	});

	it('follows the data: new, acknowledged, overdue, urgent and unresolved', async () => {
		const before = await counts();
		await createReferral({ from: org.riverside, to: org.foodbank, urgent: 1, updateDue: -1 }); // new, urgent, overdue
		await createReferral({ from: org.riverside, to: org.foodbank, status: 'acknowledged' });
		await createReferral({ from: org.riverside, to: org.foodbank, status: 'acknowledged', closeDue: -1 }); // overdue
		await createReferral({ from: org.riverside, to: org.foodbank, status: 'closed', urgent: 1, updateDue: -9, closeDue: -9 }); // counts nowhere
		await createReferral({ from: org.foodbank, to: org.riverside, status: 'refused', unresolved: 1 });
		await createReferral({ from: org.riverside, to: org.riverside, status: 'refused', unresolved: 1 }); // not ours
		const after = await counts();
		const diff = Object.fromEntries(Object.keys(after).map((k) => [k, after[k].count - before[k].count]));
		assert.deepEqual(diff, { new: 1, acknowledged: 2, overdue: 2, urgent: 1, unresolved: 1 });
		for (const [name, c] of Object.entries(after)) assert.equal(await listTotal(c.href), c.count, name);
	});

	it('stops counting past 1,000, as the lists it opens do', async () => {
		await createReferral({ from: org.riverside, to: org.foodbank, status: 'acknowledged', closeDue: -3 });
		const seed = dbRows(`SELECT r.group_id, r.client_id FROM referrals r JOIN clients c ON c.id = r.client_id WHERE c.email LIKE '%@${DOMAIN}' ORDER BY r.id DESC LIMIT 1`)[0];
		// 1,001 more acknowledged and overdue, in one statement
		db(`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due, created_at)
		    SELECT ${seed[0]}, ${seed[1]}, ${issue}, ${org.riverside}, ${org.foodbank}, ${amiraId}, 'acknowledged', CURDATE(), CURDATE() - INTERVAL 2 DAY, UTC_TIMESTAMP() - INTERVAL seq MINUTE FROM seq_1_to_1001`);
		const res = await tina.get('/');
		for (const name of ['acknowledged', 'overdue']) {
			assert.match(res.body, new RegExp(`id="count-${name}" href="[^"]*"><span[^>]*>1,000\\+</span>`), name);
		}
		assert.match(res.body, /id="count-new" href="[^"]*"><span[^>]*>\d+<\/span>/, 'a short count stays a number');
		const list = await tina.get(`/referrals/received?receiving_org=${org.foodbank}&status=acknowledged`);
		assert.match(text(list.body), /More than 1,000 referrals match/);
		db(`DELETE FROM referrals WHERE group_id = ${seed[0]} AND status = 'acknowledged' AND close_due = CURDATE() - INTERVAL 2 DAY`);
		for (const [name, c] of Object.entries(await counts())) assert.equal(await listTotal(c.href), c.count, name);
	});

	it('charts received and sent referrals of the last 30 days with the numbers in the database', async () => {
		const threeDaysAgo = Date.now() - 3 * DAY_MS;
		await createReferral({ from: org.riverside, to: org.foodbank, createdAt: threeDaysAgo });
		await createReferral({ from: org.riverside, to: org.foodbank, createdAt: threeDaysAgo });
		await createReferral({ from: org.riverside, to: org.foodbank, createdAt: Date.now() - 45 * DAY_MS }); // outside
		const res = await tina.get('/');
		const today = zoneDay(Date.now());
		const window = Array.from({ length: 30 }, (_, i) => daysBefore(today, 29 - i));
		for (const [name, column] of [['Received', 'receiving_org_id'], ['Sent', 'sending_org_id']]) {
			const days = chartDays(res.body, name);
			assert.deepEqual(days.map(([day]) => day), window, `${name}: the 30 days to today in ${ZONE}, oldest first`);
			const inDb = {};
			for (const [created] of dbRows(`SELECT DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ') FROM referrals WHERE ${column} = ${org.foodbank} AND created_at >= UTC_TIMESTAMP() - INTERVAL 32 DAY`)) {
				const day = zoneDay(Date.parse(created));
				inDb[day] = (inDb[day] || 0) + 1;
			}
			for (const [day, n] of days) assert.equal(n, inDb[day] || 0, `${name} on ${day}`);
			const total = days.reduce((s, [, n]) => s + n, 0);
			assert.match(text(res.body), new RegExp(`${name} in the last 30 days: ${total}`));
			const svg = res.body.match(new RegExp(`data-chart="${name}">\\s*(<svg[\\s\\S]*?</svg>)`))[1];
			const bars = [...svg.matchAll(/<rect[^>]*data-count="(\d+)"/g)].map((m) => Number(m[1]));
			assert.deepEqual(bars, days.map(([, n]) => n).filter((n) => n > 0), `${name}: one bar per day with referrals`);
			assert.match(svg, /role="img"/);
			assert.doesNotMatch(svg, /style=/, 'no inline styles (CSP)');
		}
		const n = Object.fromEntries(chartDays(res.body, 'Received'))[zoneDay(threeDaysAgo)];
		assert.ok(n >= 2, 'the two referrals of three days ago are counted');
	});

	it('charts every organisation’s referrals for an administrator who chose all organisations', async () => {
		await createReferral({ from: org.riverside, to: org.foodbank, createdAt: Date.now() - 4 * DAY_MS });
		const res = await (await signedIn('admin')).get('/?org=all');
		const inDb = {};
		for (const [created] of dbRows(`SELECT DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ') FROM referrals WHERE created_at >= UTC_TIMESTAMP() - INTERVAL 32 DAY`)) {
			const day = zoneDay(Date.parse(created));
			inDb[day] = (inDb[day] || 0) + 1;
		}
		for (const name of ['Received', 'Sent']) {
			const days = chartDays(res.body, name);
			assert.equal(days.length, 30);
			for (const [day, n] of days) assert.equal(n, inDb[day] || 0, `${name} on ${day}: every referral, each both received and sent`);
		}
		assert.ok(inDb[zoneDay(Date.now() - 4 * DAY_MS)] >= 1);
	});

	it('draws each chart to the scale of its largest day: bars, axis labels and the top of the scale', async () => {
		const fiveDaysAgo = Date.now() - 5 * DAY_MS;
		for (let i = 0; i < 3; i++) await createReferral({ from: org.foodbank, to: org.riverside, createdAt: fiveDaysAgo });
		await createReferral({ from: org.foodbank, to: org.riverside, createdAt: Date.now() - 12 * DAY_MS });
		const res = await tina.get('/');
		for (const name of ['Received', 'Sent']) {
			const days = chartDays(res.body, name);
			const svg = res.body.match(new RegExp(`data-chart="${name}">\\s*(<svg[\\s\\S]*?</svg>)`))[1];
			const max = Math.max(1, ...days.map(([, n]) => n));
			assert.match(svg, new RegExp(`aria-labelledby="chart-${name}-title"`));
			assert.ok(res.body.includes(`id="chart-${name}-title"`), `${name}: the heading the chart is labelled by`);
			assert.match(svg, new RegExp(`<text x="28" y="26"[^>]*>${max}</text>`), `${name}: the top of the scale is the largest day`);
			// 640 x 160: the axis at y 136 from x 32, a day every 20 px, a bar count * 120 / max high
			const bars = [...svg.matchAll(/<rect class="app-chart__bar" x="(\d+)" y="(\d+)" width="18" height="(\d+)"[^>]*data-count="(\d+)"/g)].map((m) => m.slice(1).map(Number));
			const expected = days.map(([, n], i) => [n, i]).filter(([n]) => n > 0).map(([n, i]) => {
				const height = Math.floor((n * 120) / max);
				return [33 + 20 * i, 136 - height, height, n];
			});
			assert.deepEqual(bars, expected, `${name}: where each bar stands and how high`);
			// labels under today and every seventh day before it, as the table names the days
			const labels = [...svg.matchAll(/<text x="(\d+)" y="152"[^>]*>([^<]+)</g)].map((m) => [Number(m[1]), m[2]]);
			const dateOf = (i) => res.body.match(new RegExp(`data-chart-table="${name}"[\\s\\S]*?data-day="${days[i][0]}"><th[^>]*>([^<]+)<`))[1];
			assert.deepEqual(labels, [1, 8, 15, 22, 29].map((i) => [33 + 20 * i, dateOf(i)]), `${name}: day labels`);
		}
		const sent = Object.fromEntries(chartDays(res.body, 'Sent'));
		assert.ok(sent[zoneDay(fiveDaysAgo)] >= 3, 'three sent five days ago');
	});

	it('counts each referral on the day its sender’s clock showed, either side of midnight', async () => {
		// the helpers themselves, on a summer night: 00:30 BST is 23:30 UTC the day before
		assert.equal(utcText(zoneInstant('2026-07-02', 0, 30)), '2026-07-01 23:30:00');
		assert.equal(zoneDay(Date.parse('2026-07-01T23:30:00Z')), '2026-07-02');
		const today = zoneDay(Date.now());
		const [late, early] = [daysBefore(today, 4), daysBefore(today, 3)];
		const before = Object.fromEntries(chartDays((await tina.get('/')).body, 'Received'));
		// in summer time both are on the same UTC date (22:30 and 23:30): only the zone tells them apart
		await createReferral({ from: org.riverside, to: org.foodbank, createdAt: zoneInstant(late, 23, 30) });
		await createReferral({ from: org.riverside, to: org.foodbank, createdAt: zoneInstant(early, 0, 30) });
		const after = Object.fromEntries(chartDays((await tina.get('/')).body, 'Received'));
		const changed = Object.fromEntries(Object.keys(after).filter((d) => after[d] !== before[d]).map((d) => [d, after[d] - before[d]]));
		assert.deepEqual(changed, { [late]: 1, [early]: 1 }, `23:30 on ${late} and 00:30 on ${early}, ${ZONE} time`);
	});

	// sql/075_referral_hour_counts.sql: the charts read hourly counts kept by triggers.
	it('keeps each organisation’s hourly counts as referrals are written, deleted and moved', async () => {
		// both sides from the same whole hour, 39 days back: inside the kept window
		const since = `DATE_FORMAT(UTC_TIMESTAMP() - INTERVAL 39 DAY, '%Y-%m-%d %H:00:00')`;
		const kept = (orgId) =>
			dbRows(`SELECT side, DATE_FORMAT(hour_at, '%Y-%m-%d %H'), referrals FROM referral_hour_counts
			        WHERE organisation_id = ${orgId} AND hour_at >= ${since} AND referrals <> 0 ORDER BY 1, 2`);
		const counted = (orgId) =>
			dbRows(`SELECT side, h, COUNT(*) FROM (
			          SELECT 0 side, DATE_FORMAT(created_at, '%Y-%m-%d %H') h FROM referrals WHERE receiving_org_id = ${orgId} AND created_at >= ${since}
			          UNION ALL SELECT 1, DATE_FORMAT(created_at, '%Y-%m-%d %H') FROM referrals WHERE sending_org_id = ${orgId} AND created_at >= ${since}) x
			        GROUP BY side, h ORDER BY 1, 2`);
		// organisation 0: every organisation's, the received side only
		const countedAll = () =>
			dbRows(`SELECT 0, DATE_FORMAT(created_at, '%Y-%m-%d %H') h, COUNT(*) FROM referrals WHERE created_at >= ${since} GROUP BY h ORDER BY 2`);
		const hour = Date.now() - 6 * DAY_MS;
		await createReferral({ from: org.riverside, to: org.foodbank, createdAt: hour });
		await createReferral({ from: org.riverside, to: org.foodbank, createdAt: hour });
		await createReferral({ from: org.foodbank, to: org.riverside, createdAt: hour });
		const hourText = utcText(hour).slice(0, 13);
		const at = (orgId, side) => Number(dbRows(`SELECT COALESCE(SUM(referrals), 0) FROM referral_hour_counts WHERE organisation_id = ${orgId} AND side = ${side} AND DATE_FORMAT(hour_at, '%Y-%m-%d %H') = '${hourText}'`)[0][0]);
		assert.ok(at(org.foodbank, 0) >= 2 && at(org.riverside, 1) >= 2 && at(org.foodbank, 1) >= 1, 'written: both sides of each');
		for (const o of [org.foodbank, org.riverside]) assert.deepEqual(kept(o), counted(o), `organisation ${o} after the writes`);
		assert.deepEqual(kept(0), countedAll(), 'every organisation after the writes');
		// moved by hand to another organisation and another hour, then one deleted
		const [moved, gone] = dbRows(`SELECT r.id FROM referrals r JOIN clients c ON c.id = r.client_id
		                              WHERE c.email LIKE '%@${DOMAIN}' AND r.receiving_org_id = ${org.foodbank} ORDER BY r.id DESC LIMIT 2`).map((r) => r[0]);
		const receivedBefore = at(org.foodbank, 0);
		db(`UPDATE referrals SET receiving_org_id = ${org.riverside}, created_at = created_at - INTERVAL 2 HOUR WHERE id = ${moved}`);
		db(`DELETE FROM referrals WHERE id = ${gone}`);
		assert.equal(at(org.foodbank, 0), receivedBefore - 2, 'the moved one and the deleted one left the food bank’s hour');
		for (const o of [org.foodbank, org.riverside]) assert.deepEqual(kept(o), counted(o), `organisation ${o} after the move and the delete`);
		assert.deepEqual(kept(0), countedAll(), 'every organisation after the move and the delete');
		// an old referral (a bulk load of history) is not counted: its hour is never charted
		await createReferral({ from: org.riverside, to: org.foodbank, createdAt: Date.now() - 45 * DAY_MS });
		assert.equal(Number(dbRows(`SELECT COUNT(*) FROM referral_hour_counts WHERE hour_at < UTC_TIMESTAMP() - INTERVAL 41 DAY`)[0][0]), 0);
	});

	it('draws the charts from the kept counts, not by counting the referrals', async () => {
		const day = daysBefore(zoneDay(Date.now()), 8);
		const noon = utcText(zoneInstant(day, 12, 0));
		const shown = async () => Object.fromEntries(chartDays((await tina.get('/')).body, 'Received'))[day];
		const before = await shown();
		// the counts alone, as no referral write makes them, so the food bank's number is moved
		// by hand too (sql/080): the workers' copies of its dashboard are then out of date
		db(`INSERT INTO referral_hour_counts (organisation_id, side, hour_at, referrals) VALUES (${org.foodbank}, 0, '${noon}', 7)
		    ON DUPLICATE KEY UPDATE referrals = referrals + 7;
		    CALL referral_generations_move(${org.foodbank}, ${org.foodbank})`);
		try {
			assert.equal(await shown(), before + 7);
		} finally {
			db(`UPDATE referral_hour_counts SET referrals = referrals - 7 WHERE organisation_id = ${org.foodbank} AND side = 0 AND hour_at = '${noon}';
			    CALL referral_generations_move(${org.foodbank}, ${org.foodbank})`);
		}
		assert.equal(await shown(), before);
	});

	it('the scheduled job deletes the hourly counts older than 40 days, and only those', () => {
		db(`INSERT INTO referral_hour_counts (organisation_id, side, hour_at, referrals) VALUES
		    (${org.foodbank}, 1, '2024-11-20 10:00:00', 3), (${org.foodbank}, 1, '2024-11-22 11:00:00', 4)`);
		// the job's clock is early 2025, before any demo or test referral (as in jobs.test.mjs)
		const run = spawnSync(BIN, ['-c', path.join(STACK_DIR, 'referrals.hdf'), 'run-jobs', '--now', '2025-01-01 10:30:00'], { encoding: 'utf8', timeout: 120000 });
		assert.equal(run.status, 0, run.stderr);
		assert.match(run.stdout, /chart hours pruned: [1-9]/);
		const left = dbRows(`SELECT DATE_FORMAT(hour_at, '%Y-%m-%d %H') FROM referral_hour_counts WHERE organisation_id = ${org.foodbank} AND hour_at < '2025-01-01'`).map((r) => r[0]);
		assert.deepEqual(left, ['2024-11-22 11'], 'the hour 42 days before is gone; the one 39 days and 23½ hours before stays');
		db(`DELETE FROM referral_hour_counts WHERE organisation_id = ${org.foodbank} AND hour_at < '2025-01-01'`);
	});

	it('shows the latest five inbox messages of the user, newest first', async () => {
		for (let i = 1; i <= 6; i++) {
			db(`INSERT INTO inbox_messages (staff_id, kind, subject, link, created_at) VALUES (${tinaId}, 'dashboard-test', ${sqlString(`Dashboard message ${i} <b>`)}, '/referrals/received', UTC_TIMESTAMP() + INTERVAL ${i} MINUTE)`);
		}
		const res = await tina.get('/');
		const shown = [...text(res.body).matchAll(/Dashboard message (\d)/g)].map((m) => Number(m[1]));
		assert.deepEqual(shown, [6, 5, 4, 3, 2]);
		assert.ok(!res.body.includes('<b>'), 'subjects are escaped');
		assert.ok(res.body.includes(`href="${BASE_PATH}/referrals/received"`));
		const other = await signedIn('tom');
		assert.doesNotMatch(text((await other.get('/')).body), /Dashboard message/, 'not another user’s');
	});
});

// Issue 9: each worker keeps a copy of an organisation's figures and charts while the
// organisation's number in referral_generations stays (sql/080_referral_generations.sql).
describe('the workers’ copies of an organisation’s dashboard', () => {
	const generation = (orgId) => Number(dbRows(`SELECT COALESCE(MAX(generation), 0) FROM referral_generations WHERE organisation_id = ${orgId}`)[0][0]);
	const newCount = async () => (await counts()).new.count;
	// every worker the stack runs (3) has served the food bank's home page, most likely
	// more than once: enough requests that some come to each
	const WARM = 12;
	// the distinct answers of WARM requests
	async function answersOfAll(read) {
		const shown = new Set();
		for (let i = 0; i < WARM; i++) shown.add(await read());
		return [...shown];
	}
	const shownByAll = () => answersOfAll(newCount);
	// the newest referral of this file's clients: [id, group, client, client's last name]
	const newestReferral = () =>
		dbRows(`SELECT r.id, r.group_id, r.client_id, c.last_name FROM referrals r JOIN clients c ON c.id = r.client_id
		        WHERE c.email LIKE '%@${DOMAIN}' ORDER BY r.id DESC LIMIT 1`)[0];
	// a change made with both organisations' numbers put back as they were: the workers cannot know
	function changeBehindTheNumbers(change) {
		const kept = dbRows(`SELECT organisation_id, generation FROM referral_generations WHERE organisation_id IN (${org.foodbank}, ${org.riverside})`);
		db(change);
		for (const [id, number] of kept) db(`UPDATE referral_generations SET generation = ${number} WHERE organisation_id = ${id}`);
	}

	it('moves an organisation’s number with each change its dashboard shows, and only then', async () => {
		await createReferral({ from: org.riverside, to: org.foodbank });
		const [referral, group] = newestReferral();
		const moved = (change) => {
			const before = [generation(org.foodbank), generation(org.riverside)];
			db(change);
			return [generation(org.foodbank) > before[0], generation(org.riverside) > before[1]];
		};
		assert.deepEqual(moved(`UPDATE referrals SET status = 'acknowledged' WHERE id = ${referral}`), [true, true], 'a status: both organisations');
		assert.deepEqual(moved(`UPDATE referrals SET close_due = close_due - INTERVAL 30 DAY WHERE id = ${referral}`), [true, true], 'a due date (overdue)');
		assert.deepEqual(moved(`UPDATE referrals SET urgent = 1 WHERE id = ${referral}`), [true, true], 'urgency');
		assert.deepEqual(moved(`UPDATE referral_groups SET unresolved = 1 WHERE id = ${group}`), [false, true], 'a group’s unresolved flag: its sender');
		const reason = dbRows('SELECT MIN(id) FROM closure_reasons')[0][0];
		assert.deepEqual(moved(`UPDATE referrals SET closure_reason_id = ${reason} WHERE id = ${referral}`), [true, true], 'a closure reason (a list filter)');
		assert.deepEqual(moved(`UPDATE referrals SET status_reason = 'seen', updated_at = UTC_TIMESTAMP() WHERE id = ${referral}`), [false, false], 'a reason: nothing the dashboard shows');
		assert.deepEqual(moved(`UPDATE referrals SET overdue_noticed_kind = 'close', overdue_noticed_due = close_due WHERE id = ${referral}`), [false, false], 'the job’s record of a notice sent');
		assert.deepEqual(moved(`START TRANSACTION; UPDATE referrals SET status = 'closed' WHERE id = ${referral}; ROLLBACK`), [false, false], 'a change rolled back');
		assert.deepEqual(moved(`DELETE FROM referrals WHERE id = ${referral}`), [true, true], 'a referral deleted');
	});

	it('answers from the copy until the number moves', async () => {
		const before = await newCount();
		assert.deepEqual(await shownByAll(), [before], 'every worker’s copy agrees');
		await createReferral({ from: org.riverside, to: org.foodbank });
		const [referral] = newestReferral();
		assert.deepEqual(await shownByAll(), [before + 1], 'the insert moved the number: every worker read afresh');
		changeBehindTheNumbers(`UPDATE referrals SET status = 'acknowledged' WHERE id = ${referral}`);
		assert.ok((await shownByAll()).includes(before + 1), 'a worker answers from its copy, which the number says is current');
		db(`CALL referral_generations_move(${org.foodbank}, ${org.foodbank})`);
		assert.deepEqual(await shownByAll(), [before], 'moved: every worker reads the acknowledgement');
	});

	// the lists' counts: the same number, for a list of the organisation's own referrals
	it('counts a list of its own referrals, a search too, from the copy until the number moves', async () => {
		await createReferral({ from: org.riverside, to: org.foodbank, status: 'acknowledged' });
		const [, group, client, lastName] = newestReferral();
		// more than a page, so the list counts rather than seeing the end of its rows
		db(`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due, created_at)
		    SELECT ${group}, ${client}, ${issue}, ${org.riverside}, ${org.foodbank}, ${amiraId}, status, CURDATE(), CURDATE() + INTERVAL 9 DAY, UTC_TIMESTAMP() - INTERVAL seq MINUTE
		    FROM seq_1_to_30 JOIN (SELECT 'acknowledged' status UNION ALL SELECT 'refused') s`);
		const lists = { own: '/referrals/received?status=acknowledged', search: `/referrals/received?status=acknowledged&q=${lastName}` };
		// two lists whose statements differ only in a value: each its own copy
		for (const status of ['acknowledged', 'refused', 'acknowledged', 'refused']) {
			const inDb = Number(dbRows(`SELECT COUNT(*) FROM referrals WHERE receiving_org_id = ${org.foodbank} AND status = '${status}'`)[0][0]);
			assert.equal(await listTotal(`${BASE_PATH}/referrals/received?status=${status}`), inDb, status);
		}
		const totals = (href) => answersOfAll(() => listTotal(BASE_PATH + href));
		const before = { own: await totals(lists.own), search: await totals(lists.search) };
		assert.equal(before.own.length, 1);
		assert.deepEqual(before.search, [31]);
		changeBehindTheNumbers(`UPDATE referrals SET status = 'closed' WHERE group_id = ${group} AND status = 'acknowledged' ORDER BY id DESC LIMIT 1`);
		assert.ok((await totals(lists.own)).includes(before.own[0]), 'a worker counts from its copy, which the number says is current');
		assert.ok((await totals(lists.search)).includes(31), 'a search too');
		db(`CALL referral_generations_move(${org.foodbank}, ${org.foodbank})`);
		assert.deepEqual(await totals(lists.own), [before.own[0] - 1], 'moved: every worker counts again');
		assert.deepEqual(await totals(lists.search), [30]);
		db(`DELETE FROM referrals WHERE group_id = ${group}`);
	});

	// sql/090: what a search or an age reads of the client moves its organisations' numbers
	it('moves the numbers of a client’s organisations when its searched names, email or birth date change, and only then', async () => {
		await createReferral({ from: org.riverside, to: org.foodbank });
		const [, , client] = newestReferral();
		const [[bystander]] = dbRows(`SELECT MAX(id) FROM organisations WHERE id NOT IN (${org.foodbank}, ${org.riverside})`);
		const moved = (change) => {
			const before = [org.foodbank, org.riverside, bystander].map(generation);
			db(change);
			return [org.foodbank, org.riverside, bystander].map((id, i) => generation(id) > before[i]);
		};
		const where = `WHERE id = ${client}`;
		assert.deepEqual(moved(`UPDATE clients SET last_name_key = 'renamed' ${where}`), [true, true, false], 'a last name: both organisations of its referral');
		assert.deepEqual(moved(`UPDATE clients SET first_name_key = 'renamed' ${where}`), [true, true, false], 'a first name');
		assert.deepEqual(moved(`UPDATE clients SET email = 'renamed@${DOMAIN}' ${where}`), [true, true, false], 'an email');
		assert.deepEqual(moved(`UPDATE clients SET date_of_birth = date_of_birth - INTERVAL 1 DAY ${where}`), [true, true, false], 'a birth date (an age filter)');
		assert.deepEqual(moved(`UPDATE clients SET phone = '01234 567890' ${where}`), [false, false, false], 'a phone number: no list filters on it');
		// a client with no referrals is in no list's count
		const lone = await createClient();
		assert.deepEqual(moved(`UPDATE clients SET last_name_key = 'alone' WHERE id = ${lone}`), [false, false, false], 'a client without referrals');
	});

	it('counts a search afresh once a client’s name changes through the program', async () => {
		// two clients of a name no other client of the food bank's referrals begins with: one
		// with 31 referrals (a full first page, so the list counts), the other with 5
		const named = async (referrals) => {
			await createReferral({ from: org.riverside, to: org.foodbank });
			const [, group, client] = newestReferral();
			db(`UPDATE clients SET last_name = 'Searchable', last_name_key = 'searchable' WHERE id = ${client}`);
			db(`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due, created_at)
			    SELECT ${group}, ${client}, ${issue}, ${org.riverside}, ${org.foodbank}, ${amiraId}, 'new', CURDATE(), CURDATE() + INTERVAL 9 DAY, UTC_TIMESTAMP() - INTERVAL seq MINUTE
			    FROM seq_1_to_${referrals - 1}`);
			return { group, client };
		};
		const many = await named(31), few = await named(5);
		const totals = () => answersOfAll(() => listTotal(`${BASE_PATH}/referrals/received?q=Searchable`));
		assert.deepEqual(await totals(), [36], 'every worker has counted the search');
		// the second client's name edited as the food bank's staff edit it
		db(`INSERT IGNORE INTO client_orgs (client_id, organisation_id) VALUES (${few.client}, ${org.foodbank})`);
		const edit = await tina.get(`/clients/${few.client}/edit`);
		assert.equal(edit.status, 200, edit.body);
		// what the test's client lacks and the form asks for, as staff would fill it in
		const [[gender]] = dbRows("SELECT MIN(id) FROM reference_values WHERE list = 'gender' AND retired = 0 AND name NOT LIKE '%self-describe%'");
		const [[la]] = dbRows('SELECT MIN(id) FROM local_authorities WHERE active = 1');
		const filled = { gender, phone: '07700900123', address_line1: '1 Old Street', postcode: 'LS1 1UR', local_authority: la };
		const res = await tina.post(`/clients/${few.client}/edit`, { ...formValues(edit.body), ...filled, last_name: 'Renamed', csrf: csrfFrom(edit.body) });
		assert.equal(res.status, 303, res.body);
		assert.deepEqual(await totals(), [31], 'no worker counts from its copy');
		for (const { group } of [many, few]) db(`DELETE FROM referrals WHERE group_id = ${group}`);
	});

	// an administrator's choice of every organisation: kept by the sum of all the numbers
	it('keeps every organisation’s dashboard until any organisation’s number moves', async () => {
		const admin = await signedIn('admin');
		const everyNew = async () => {
			const res = await admin.get('/?org=all');
			const m = res.body.match(/id="count-new" href="[^"]*"><span[^>]*>(\d+)<\/span>/);
			assert.ok(m, 'every organisation’s New');
			return Number(m[1]);
		};
		const inDb = () => Number(dbRows("SELECT COUNT(*) FROM referrals WHERE status = 'new'")[0][0]);
		assert.ok(inDb() < 1000, 'below the figure’s cap, so it shows the count itself');
		assert.deepEqual(await answersOfAll(everyNew), [inDb()]);
		await createReferral({ from: org.riverside, to: org.foodbank });
		const [referral] = newestReferral();
		assert.deepEqual(await answersOfAll(everyNew), [inDb()], 'the insert moved two numbers: every worker read afresh');
		changeBehindTheNumbers(`UPDATE referrals SET status = 'acknowledged' WHERE id = ${referral}`);
		assert.ok((await answersOfAll(everyNew)).includes(inDb() + 1), 'a worker answers from its copy, which the numbers say is current');
		// an organisation with no part in the change (with or without a number yet)
		const [[third]] = dbRows(`SELECT MAX(id) FROM organisations WHERE id NOT IN (${org.foodbank}, ${org.riverside})`);
		db(`CALL referral_generations_move(${third}, ${third})`);
		assert.deepEqual(await answersOfAll(everyNew), [inDb()], 'moved: every worker reads the acknowledgement');
	});

	it('reads an organisation’s acknowledgement made through the program on the next request', async () => {
		await createReferral({ from: org.riverside, to: org.foodbank });
		const [referral] = newestReferral();
		const before = await shownByAll();
		assert.equal(before.length, 1);
		const page = await tina.get(`/referrals/${referral}`);
		assert.match(page.body, new RegExp(`action="[^"]*/referrals/${referral}/acknowledge"`), 'an Acknowledge form');
		const res = await tina.post(`/referrals/${referral}/acknowledge`, { csrf: csrfFrom(page.body) });
		assert.equal(res.status, 303, res.body);
		assert.equal(dbRows(`SELECT status FROM referrals WHERE id = ${referral}`)[0][0], 'acknowledged');
		assert.deepEqual(await shownByAll(), [before[0] - 1]);
	});
});

// Issue 12 point 6: received and sent apart, each figure a way in to its list; administrators
// choose every organisation or one.
describe('the dashboard’s received and sent figures', () => {
	const NAMES = ['new', 'acknowledged', 'overdue', 'urgent', 'sent-new', 'sent-overdue', 'unresolved'];
	async function figures(browser, path = '/') {
		const res = await browser.get(path);
		assert.equal(res.status, 200);
		const out = {};
		for (const name of NAMES) {
			const m = res.body.match(new RegExp(`id="count-${name}" href="([^"]*)"><span[^>]*>(\\d+)</span> ([^<]+)</a>`));
			assert.ok(m, `the ${name} figure`);
			out[name] = { href: m[1].replace(/&amp;/g, '&'), count: Number(m[2]), label: m[3] };
		}
		return { out, body: res.body };
	}
	async function total(browser, href) {
		const res = await browser.get(href.slice(BASE_PATH.length));
		assert.equal(res.status, 200, href);
		const t = text(res.body);
		if (/No referrals match/.test(t)) return 0;
		return Number(t.match(/(\d+) referrals? match/)[1]);
	}

	it('shows Received (New, Acknowledged, Overdue, Urgent) and Sent (Awaiting acknowledgement, Overdue, Unresolved) apart', async () => {
		const { out, body } = await figures(tina);
		assert.match(text(body), /Received .*New .*Acknowledged .*Overdue .*Urgent .*Sent .*Awaiting acknowledgement .*Overdue .*Unresolved/s);
		assert.equal(out['sent-new'].label, 'Awaiting acknowledgement');
		assert.equal(out['sent-new'].href, `${BASE_PATH}/referrals/sent?sending_org=${org.foodbank}&status=new`);
		assert.equal(out['sent-overdue'].href, `${BASE_PATH}/referrals/sent?sending_org=${org.foodbank}&overdue=1`);
		assert.equal(out.new.href, `${BASE_PATH}/referrals/received?receiving_org=${org.foodbank}&status=new`);
		assert.doesNotMatch(body, /name="org"/, 'only administrators choose whose figures');
	});

	it('follows what the organisation sent, and each figure counts what its list shows', async () => {
		const before = (await figures(tina)).out;
		await createReferral({ from: org.foodbank, to: org.riverside }); // awaiting
		await createReferral({ from: org.foodbank, to: org.riverside, updateDue: -1 }); // awaiting, overdue
		await createReferral({ from: org.foodbank, to: org.riverside, status: 'acknowledged', closeDue: -2 }); // overdue
		await createReferral({ from: org.riverside, to: org.foodbank }); // received: not sent
		const after = (await figures(tina)).out;
		const diff = Object.fromEntries(NAMES.map((k) => [k, after[k].count - before[k].count]));
		assert.deepEqual(diff, { new: 1, acknowledged: 0, overdue: 0, urgent: 0, 'sent-new': 2, 'sent-overdue': 2, unresolved: 0 });
		for (const [name, c] of Object.entries(after)) assert.equal(await total(tina, c.href), c.count, name);
	});

	it('lets an administrator choose every organisation or one, and a non-administrator’s choice does nothing', async () => {
		const admin = await signedIn('admin');
		const all = await figures(admin, '/?org=all');
		assert.match(all.body, /<option value="all" selected>All organisations<\/option>/);
		assert.equal(all.out.new.href, `${BASE_PATH}/referrals/received?status=new`, 'every organisation’s list');
		const everyNew = Number(db(`SELECT COUNT(*) FROM referrals WHERE status = 'new'`).trim());
		if (everyNew <= 1000) assert.equal(all.out.new.count, everyNew, 'every organisation’s New');
		const unresolved = Number(db(`SELECT COUNT(*) FROM referral_groups g JOIN referrals r ON r.group_id = g.id WHERE g.unresolved = 1`).trim());
		if (unresolved <= 1000) assert.equal(all.out.unresolved.count, unresolved);
		const one = await figures(admin, `/?org=${org.foodbank}`);
		assert.match(one.body, new RegExp(`<option value="${org.foodbank}" selected>`));
		const tinas = (await figures(tina)).out;
		for (const name of NAMES) assert.equal(one.out[name].count, tinas[name].count, `${name}: the food bank’s, as its staff see it`);
		assert.equal(one.out.new.href, tinas.new.href);
		// a non-administrator asking for everyone still gets their own organisation's
		const asked = (await figures(tina, '/?org=all')).out;
		for (const name of NAMES) assert.equal(asked[name].count, tinas[name].count, name);
		assert.equal(asked.new.href, tinas.new.href);
		// an organisation that does not exist: the administrator's own, not an error
		assert.equal((await admin.get('/?org=999999999')).status, 200);
	});

	it('leaves room for today’s label under the last bar', async () => {
		const body = (await tina.get('/')).body;
		const svg = body.match(/data-chart="Received">\s*(<svg[\s\S]*?<\/svg>)/)[1];
		const width = Number(svg.match(/viewBox="0 0 (\d+) 160"/)[1]);
		const last = [...svg.matchAll(/<text x="(\d+)" y="152"[^>]*>([^<]+)</g)].pop();
		// 11 px text: no character of a day label ("30 Dec") is wider than 8 px
		assert.ok(Number(last[1]) + last[2].length * 8 <= width, `"${last[2]}" at x ${last[1]} fits in ${width}`);
	});
});
