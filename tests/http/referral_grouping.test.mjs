// Referral grouping (issue 4 point 3): the first acknowledgement of a group takes it and
// removes every other referral of the group still New, in the same transaction; a later or
// concurrent acknowledgement gets a clear 409 "already taken by <organisation>". Raced with
// many parallel acknowledgements from different signed-in sessions: exactly one winner per
// group, every time. When every referral of a group is Refused or No response, the group is
// Unresolved.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, signedIn, db, dbRows, sqlString, text, csrfFrom, resetThrottle } from './lib.mjs';

const TAG = 'RG' + Date.now().toString(36).slice(-5);
const ORG = { sender: `${TAG} Sending Advice`, r1: `${TAG} First Receiver`, r2: `${TAG} Second Receiver`, r3: `${TAG} Third Receiver` };
const RECEIVERS = { r1: 'tina', r2: 'tom', r3: 'tara' };
const org = {};
const staff = {};
const users = {};
let client, issue;

function one(sql) {
	return dbRows(sql)[0][0];
}

async function switchTo(browser, orgId) {
	const csrf = csrfFrom((await browser.get('/')).body);
	const res = await browser.post('/organisation', { organisation_id: orgId, csrf, next: '/' });
	assert.equal(res.status, 303);
}

function makeGroup(receivers, statuses = []) {
	const sql =
		`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${client}, ${org.sender}, ${staff.amira});` +
		`SET @c = LAST_INSERT_ID();` +
		`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id) VALUES (${client}, ${issue}, ${org.sender}, ${staff.amira}, @c);` +
		`SET @g = LAST_INSERT_ID();` +
		receivers
			.map(
				(r, i) =>
					`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due) VALUES (@g, ${client}, ${issue}, ${org.sender}, ${org[r]}, ${staff.amira}, '${statuses[i] || 'new'}', CURDATE() + INTERVAL 5 DAY, CURDATE() + INTERVAL 20 DAY);`,
			)
			.join('') +
		`INSERT INTO referral_subscriptions (group_id, staff_id, acknowledged, closed) VALUES (@g, ${staff.amira}, 1, 1);` +
		`SELECT @g;`;
	const group = db(sql).trim();
	return { group, ids: dbRows(`SELECT id FROM referrals WHERE group_id = ${group} ORDER BY id`).map((r) => r[0]) };
}

const statuses = (group) => dbRows(`SELECT status FROM referrals WHERE group_id = ${group} ORDER BY id`).map((r) => r[0]);

async function post(browser, id, verb, fields = {}) {
	const csrf = csrfFrom((await browser.get(`/referrals/${id}`)).body) || csrfFrom((await browser.get('/')).body);
	return browser.post(`/referrals/${id}/${verb}`, { csrf, ...fields });
}

function cleanUp() {
	const orgIds = `SELECT id FROM organisations WHERE name LIKE '${TAG}%'`;
	db(`DELETE FROM events WHERE subject_type = 'referral' AND subject_id IN (SELECT id FROM referrals WHERE sending_org_id IN (${orgIds}))`);
	db(`DELETE FROM events WHERE subject_type = 'referral_group' AND subject_id IN (SELECT id FROM referral_groups WHERE sending_org_id IN (${orgIds}))`);
	db(`DELETE FROM inbox_messages WHERE staff_id = (SELECT id FROM staff WHERE username = 'amira') AND kind IN ('referral_acknowledged', 'referral_closed') AND body LIKE '%${TAG}%'`);
	db(`DELETE FROM referrals WHERE sending_org_id IN (${orgIds})`);
	db(`DELETE FROM referral_subscriptions WHERE group_id IN (SELECT id FROM referral_groups WHERE sending_org_id IN (${orgIds}))`);
	db(`DELETE FROM referral_groups WHERE sending_org_id IN (${orgIds})`);
	db(`DELETE FROM consents WHERE organisation_id IN (${orgIds})`);
	db(`DELETE FROM staff_orgs WHERE organisation_id IN (${orgIds}) AND source = 'manual'`);
	db(`UPDATE organisations SET active = 0, accepting = 0 WHERE name LIKE '${TAG}%'`);
}

before(async () => {
	resetThrottle();
	for (const [key, name] of Object.entries(ORG)) {
		db(`INSERT INTO organisations (name, active, accepting, all_genders, all_local_authorities) VALUES (${sqlString(name)}, 1, 1, 1, 1)`);
		org[key] = one(`SELECT id FROM organisations WHERE name = ${sqlString(name)}`);
	}
	for (const u of ['amira', 'tina', 'tom', 'tara']) {
		users[u] = await signedIn(u);
		staff[u] = one(`SELECT id FROM staff WHERE username = '${u}'`);
	}
	db(`INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source) VALUES (${staff.amira}, ${org.sender}, 'manual')`);
	await switchTo(users.amira, org.sender);
	for (const [key, u] of Object.entries(RECEIVERS)) {
		db(`INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source) VALUES (${staff[u]}, ${org[key]}, 'manual')`);
		await switchTo(users[u], org[key]);
	}
	// the issue's name carries the tag, so the inbox messages of this file can be found
	db(`INSERT INTO issues (name, position) VALUES ('${TAG} Housing', 990)`);
	issue = one(`SELECT id FROM issues WHERE name = '${TAG} Housing'`);
	const res = await new Browser().post(
		'/_test/clients',
		[['first_name', 'Grouping'], ['last_name', 'Racer'], ['date_of_birth', '1979-09-09'], ['email', `grouping@${TAG.toLowerCase()}.example`], ['created_by', staff.amira], ['org', org.sender], ['org', org.r1], ['org', org.r2], ['org', org.r3]],
		{ origin: null },
	);
	assert.equal(res.status, 200, res.body);
	client = String(JSON.parse(res.body).id);
});

after(() => {
	cleanUp();
	db(`UPDATE issues SET active = 0 WHERE name = '${TAG} Housing'`);
	resetThrottle();
});

describe('the first acknowledgement takes the group', () => {
	it('removes every other referral of the group still New, each with an event, and tells the loser who took it', async () => {
		const { group, ids } = makeGroup(['r1', 'r2', 'r3'], ['new', 'new', 'refused']);
		const res = await post(users.tom, ids[1], 'acknowledge');
		assert.equal(res.status, 303);
		assert.deepEqual(statuses(group), ['removed', 'acknowledged', 'refused']);
		assert.equal(one(`SELECT taken_by_org_id FROM referral_groups WHERE id = ${group}`), org.r2);
		assert.equal(one(`SELECT taken_at IS NOT NULL FROM referral_groups WHERE id = ${group}`), '1');
		assert.deepEqual(dbRows(`SELECT action, old_value, new_value FROM events WHERE subject_type = 'referral' AND subject_id = ${ids[0]}`), [['referral.removed', 'new', 'removed']]);
		assert.equal(one(`SELECT COUNT(*) FROM events WHERE subject_type = 'referral' AND subject_id = ${ids[2]}`), '0');
		// the group on each page
		const page = text((await users.tina.get(`/referrals/${ids[0]}`)).body);
		assert.match(page, /Removed/);
		assert.match(page, new RegExp(`Group taken by ${ORG.r2}`));
		assert.doesNotMatch((await users.tina.get(`/referrals/${ids[0]}`)).body, /\/acknowledge"/);
		// a late acknowledgement: 409, with who took it
		const late = await post(users.tina, ids[0], 'acknowledge');
		assert.equal(late.status, 409);
		assert.match(text(late.body), new RegExp(`already taken by ${ORG.r2}`));
		assert.match(late.body, /<h1 class="govuk-heading-l">Another organisation took this referral<\/h1>/, 'the heading says what happened (issue 12)');
		assert.match(late.body, new RegExp(`<a class="govuk-link" href="[^"]*/referrals/${ids[0]}">View referral ${ids[0]}</a>`), 'a link to where it stands now');
		assert.deepEqual(statuses(group), ['removed', 'acknowledged', 'refused']);
		// the sender's subscriber hears of the acknowledgement once
		assert.equal(one(`SELECT COUNT(*) FROM inbox_messages WHERE staff_id = ${staff.amira} AND link = '/referrals/${ids[1]}' AND kind = 'referral_acknowledged'`), '1');
	});

	it('lets the winner close and the sender withdraw afterwards, never touching the removed ones', async () => {
		const { group, ids } = makeGroup(['r1', 'r2']);
		assert.equal((await post(users.tina, ids[0], 'acknowledge')).status, 303);
		assert.equal((await post(users.amira, ids[0], 'withdraw')).status, 303);
		assert.deepEqual(statuses(group), ['withdrawn', 'removed']);
		assert.equal((await post(users.amira, ids[1], 'withdraw')).status, 409);
	});
});

describe('the race', () => {
	// RACE_GROUPS and RACE_ROUNDS make the long run (3,000 races: 50 × 60) from the same test.
	const GROUPS = Number(process.env.RACE_GROUPS || 10);
	const ROUNDS = Number(process.env.RACE_ROUNDS || 3);
	let sessions; // receiver key → one browser per group

	before(async () => {
		resetThrottle();
		sessions = {};
		for (const [key, u] of Object.entries(RECEIVERS)) {
			sessions[key] = [];
			for (let i = 0; i < GROUPS; i++) {
				const b = await signedIn(u);
				await switchTo(b, org[key]);
				sessions[key].push(b);
			}
		}
		resetThrottle();
	});

	// Many groups in one statement, and each round's outcome in one query: the race itself is
	// what is measured, not a client process per check.
	function makeGroups(count) {
		let sql = `SET @gs = '';`;
		for (let g = 0; g < count; g++) {
			sql +=
				`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${client}, ${org.sender}, ${staff.amira});` +
				`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id) VALUES (${client}, ${issue}, ${org.sender}, ${staff.amira}, LAST_INSERT_ID());` +
				`SET @g = LAST_INSERT_ID(); SET @gs = CONCAT(@gs, @g, ',');` +
				['r1', 'r2', 'r3']
					.map((r) => `INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due) VALUES (@g, ${client}, ${issue}, ${org.sender}, ${org[r]}, ${staff.amira}, 'new', CURDATE() + INTERVAL 5 DAY, CURDATE() + INTERVAL 20 DAY);`)
					.join('') +
				`INSERT INTO referral_subscriptions (group_id, staff_id, acknowledged, closed) VALUES (@g, ${staff.amira}, 1, 1);`;
		}
		const groups = db(sql + `SELECT @gs;`).trim().split(',').filter(Boolean);
		const ids = {};
		for (const [group, id] of dbRows(`SELECT group_id, id FROM referrals WHERE group_id IN (${groups.join(',')}) ORDER BY group_id, id`)) {
			(ids[group] ||= []).push(id);
		}
		return groups.map((group) => ({ group, ids: ids[group] }));
	}

	// per group: taken by, the statuses in id order, acknowledged and removed events, messages
	function outcomes(groups) {
		const ofGroup = (g) => `SELECT id FROM referrals WHERE group_id = ${g}`;
		const rows = dbRows(
			`SELECT g.id, g.taken_by_org_id,` +
				` (SELECT GROUP_CONCAT(r.status ORDER BY r.id) FROM referrals r WHERE r.group_id = g.id),` +
				` (SELECT COUNT(*) FROM events e WHERE e.subject_type = 'referral' AND e.action = 'referral.acknowledged' AND e.subject_id IN (${ofGroup('g.id')})),` +
				` (SELECT COUNT(*) FROM events e WHERE e.subject_type = 'referral' AND e.action = 'referral.removed' AND e.subject_id IN (${ofGroup('g.id')})),` +
				` (SELECT COUNT(*) FROM inbox_messages m WHERE m.kind = 'referral_acknowledged' AND m.link IN (SELECT CONCAT('/referrals/', id) FROM referrals WHERE group_id = g.id))` +
				` FROM referral_groups g WHERE g.id IN (${groups.map((g) => g.group).join(',')})`,
		);
		return Object.fromEntries(rows.map(([id, taken, list, acknowledged, removed, messages]) => [id, { taken, statuses: list.split(','), acknowledged, removed, messages }]));
	}

	for (let round = 1; round <= ROUNDS; round++) {
		it(`round ${round}: ${GROUPS} groups × 3 receivers acknowledging at once end with exactly one winner per group`, async () => {
			const groups = makeGroups(GROUPS);
			// every form token first, then every POST at the same moment
			const attempts = [];
			for (let g = 0; g < GROUPS; g++) {
				for (const [k, key] of ['r1', 'r2', 'r3'].entries()) attempts.push({ g, key, b: sessions[key][g], id: groups[g].ids[k] });
			}
			const pages = await Promise.all(attempts.map((a) => a.b.get(`/referrals/${a.id}`)));
			attempts.forEach((a, i) => {
				a.csrf = csrfFrom(pages[i].body);
				assert.ok(a.csrf, 'the page offers the acknowledgement');
			});
			const results = await Promise.all(attempts.map((a) => a.b.post(`/referrals/${a.id}/acknowledge`, { csrf: a.csrf })));
			const after = outcomes(groups);
			for (let g = 0; g < GROUPS; g++) {
				const mine = attempts.map((a, i) => ({ ...a, res: results[i] })).filter((a) => a.g === g);
				const winners = mine.filter((a) => a.res.status === 303);
				assert.equal(winners.length, 1, `group ${g}: one winner (${mine.map((a) => a.res.status).join(', ')})`);
				const winner = winners[0];
				for (const loser of mine.filter((a) => a !== winner)) {
					assert.equal(loser.res.status, 409, `group ${g}: the loser gets 409`);
					assert.match(text(loser.res.body), new RegExp(`already taken by ${ORG[winner.key]}`));
					assert.match(loser.res.body, /<h1 class="govuk-heading-l">Another organisation took this referral<\/h1>/);
					assert.match(loser.res.body, new RegExp(`href="[^"]*/referrals/${loser.id}">View referral ${loser.id}<`));
				}
				const { group, ids } = groups[g];
				const got = after[group];
				assert.deepEqual(
					got.statuses,
					ids.map((id) => (id === winner.id ? 'acknowledged' : 'removed')),
				);
				assert.equal(got.taken, org[winner.key]);
				assert.equal(got.acknowledged, '1');
				assert.equal(got.removed, '2');
				assert.equal(got.messages, '1');
			}
		});
	}
});

describe('unresolved groups', () => {
	const unresolved = (group) => one(`SELECT unresolved FROM referral_groups WHERE id = ${group}`);

	it('is Unresolved once every referral is Refused or No response, and not before', async () => {
		const { group, ids } = makeGroup(['r1', 'r2', 'r3'], ['new', 'new', 'no_response']);
		assert.equal((await post(users.tina, ids[0], 'refuse', { reason: 'No capacity' })).status, 303);
		assert.equal(unresolved(group), '0');
		assert.equal((await post(users.tom, ids[1], 'refuse', { reason: 'Outside our area' })).status, 303);
		assert.equal(unresolved(group), '1');
		assert.deepEqual(dbRows(`SELECT action FROM events WHERE subject_type = 'referral_group' AND subject_id = ${group}`), [['referral.unresolved']]);
		const page = text((await users.amira.get(`/referrals/${ids[0]}`)).body);
		assert.match(page, /Unresolved/);
		assert.match(page, /Group unresolved/);
	});

	it('is not Unresolved while a referral of the group is closed, withdrawn or still open', async () => {
		for (const other of ['closed', 'withdrawn', 'acknowledged']) {
			const { group, ids } = makeGroup(['r1', 'r2'], ['new', other]);
			assert.equal((await post(users.tina, ids[0], 'refuse', { reason: 'No' })).status, 303);
			assert.equal(unresolved(group), '0', other);
		}
	});

	it('is Unresolved when the last two are refused at the same moment', async () => {
		for (let i = 0; i < 5; i++) {
			const { group, ids } = makeGroup(['r1', 'r2']);
			const [a, b] = await Promise.all([post(users.tina, ids[0], 'refuse', { reason: 'No' }), post(users.tom, ids[1], 'refuse', { reason: 'No' })]);
			assert.deepEqual([a.status, b.status], [303, 303]);
			assert.equal(unresolved(group), '1');
		}
	});
});
