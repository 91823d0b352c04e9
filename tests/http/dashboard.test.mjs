// The dashboard (the home page): the counts agree with the lists they link to and follow the
// data; the charts of the last 30 days show the numbers in the database, in the SVG and in the
// table beside it; the latest five inbox messages. The home page's own content stays.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, signedIn, db, dbRows, text, sqlString, organisationId, resetThrottle, BASE_PATH } from './lib.mjs';

const DOMAIN = 'dashboard-test.example';
const FOODBANK = 'Southgate Food Bank';
const RIVERSIDE = 'Riverside Citizens Advice';
const org = {};
let tina, tinaId, amiraId, issue;

function cleanUp() {
	const ids = `SELECT id FROM clients WHERE email LIKE '%@${DOMAIN}'`;
	db(`DELETE r FROM referrals r JOIN (${ids}) c ON c.id = r.client_id`);
	db(`DELETE g FROM referral_groups g JOIN (${ids}) c ON c.id = g.client_id`);
	db(`DELETE x FROM consents x JOIN (${ids}) c ON c.id = x.client_id`);
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

async function createReferral({ from, to, status = 'new', urgent = 0, updateDue = 5, closeDue = 20, unresolved = 0, daysAgo = 0 }) {
	const client = await createClient();
	db(`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${client}, ${from}, ${amiraId})`);
	const consent = dbRows('SELECT MAX(id) FROM consents')[0][0];
	db(`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id, urgent, unresolved) VALUES (${client}, ${issue}, ${from}, ${amiraId}, ${consent}, ${urgent}, ${unresolved})`);
	const group = dbRows('SELECT MAX(id) FROM referral_groups')[0][0];
	db(`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, urgent, status, update_due, close_due, created_at)
	    VALUES (${group}, ${client}, ${issue}, ${from}, ${to}, ${amiraId}, ${urgent}, '${status}', CURDATE() + INTERVAL ${updateDue} DAY, CURDATE() + INTERVAL ${closeDue} DAY, UTC_TIMESTAMP() - INTERVAL ${daysAgo} DAY)`);
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

	it('charts received and sent referrals of the last 30 days with the numbers in the database', async () => {
		await createReferral({ from: org.riverside, to: org.foodbank, daysAgo: 3 });
		await createReferral({ from: org.riverside, to: org.foodbank, daysAgo: 3 });
		await createReferral({ from: org.riverside, to: org.foodbank, daysAgo: 45 }); // outside
		const res = await tina.get('/');
		for (const [name, column] of [['Received', 'receiving_org_id'], ['Sent', 'sending_org_id']]) {
			const table = res.body.match(new RegExp(`<table[^>]*data-chart-table="${name}"[\\s\\S]*?</table>`))[0];
			const days = [...table.matchAll(/data-day="([\d-]+)"[\s\S]*?numeric">(\d+)</g)].map((m) => [m[1], Number(m[2])]);
			assert.equal(days.length, 30, `${name}: 30 days`);
			const inDb = Object.fromEntries(
				dbRows(`SELECT DATE(created_at), COUNT(*) FROM referrals WHERE ${column} = ${org.foodbank} AND created_at >= UTC_DATE() - INTERVAL 29 DAY GROUP BY 1`).map(([d, n]) => [d, Number(n)]),
			);
			for (const [day, n] of days) assert.equal(n, inDb[day] || 0, `${name} on ${day}`);
			const total = days.reduce((s, [, n]) => s + n, 0);
			assert.match(text(res.body), new RegExp(`${name} in the last 30 days: ${total}`));
			const svg = res.body.match(new RegExp(`data-chart="${name}">\\s*(<svg[\\s\\S]*?</svg>)`))[1];
			const bars = [...svg.matchAll(/<rect[^>]*data-count="(\d+)"/g)].map((m) => Number(m[1]));
			assert.deepEqual(bars, days.map(([, n]) => n).filter((n) => n > 0), `${name}: one bar per day with referrals`);
			assert.match(svg, /role="img"/);
			assert.doesNotMatch(svg, /style=/, 'no inline styles (CSP)');
		}
		const threeDaysAgo = dbRows('SELECT DATE(UTC_TIMESTAMP() - INTERVAL 3 DAY)')[0][0];
		const received = res.body.match(/data-chart-table="Received"[\s\S]*?<\/table>/)[0];
		const n = Number(received.match(new RegExp(`data-day="${threeDaysAgo}"[\\s\\S]*?numeric">(\\d+)<`))[1]);
		assert.ok(n >= 2, 'the two referrals of three days ago are counted');
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
